// User story: "On my phone I tap a block to see its settings, and it is
// selected, not wired to something; on a roomy screen, between two blocks
// placed side by side, I drag from the left one's port and get the link I
// meant, and when a drag makes no link the page tells me why."
import { expect, test } from '@playwright/test';
import { DEFAULT_BLOCKS, Playground } from './playground';

test('phone: a tap anywhere on a zoomed-out block selects it', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const playground = new Playground(page);
  await playground.open({ seed: 6, speed: 4 });
  await playground.waitForSimMs(1_000);
  const links = page.getByTestId(/^link-(?!summary)/);
  const linkCount = await links.count();

  for (const id of DEFAULT_BLOCKS) {
    // The block's card, without its halo, handles and ports.
    const box = await playground.block(id).locator('.sd-block__box').boundingBox();
    expect(box, id).not.toBeNull();
    for (const share of [0.25, 0.5, 0.75]) {
      await page.mouse.click(box!.x + box!.width * share, box!.y + box!.height / 2);
      await expect(page.getByTestId('inspector-id'), `${id} at ${share}`).toHaveText(id);
    }
  }
  expect(await links.count(), 'taps made no links').toBe(linkCount);
  expect(playground.errors, 'console errors and page errors').toEqual([]);
});

/** Two blocks one grid gap apart: the gateway's output port is two units
 *  from the app's input port. */
const SIDE_BY_SIDE = JSON.stringify({
  version: 1,
  name: 'Side by side',
  blocks: [
    { id: 'gateway', kind: 'gateway', name: 'API gateway', x: 530, y: 200, params: {} },
    { id: 'app', kind: 'app', name: 'App servers', x: 700, y: 200, params: {} },
  ],
  links: [],
});

test('side by side: a drag from the left port connects; a drag that makes no link says why', async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open({ seed: 3, speed: 4 });
  await page.evaluate((design) => localStorage.setItem('sdplay.design', design), SIDE_BY_SIDE);
  await page.reload();
  await expect(playground.block('app')).toBeVisible();
  await playground.waitForSimMs(500);

  await playground.connect('gateway', 'app');
  await expect(playground.link('gateway', 'app')).toHaveCount(1);

  // From the app's output port to empty canvas: no link, and a reason.
  const port = await playground.page.getByTestId('port-out-app').boundingBox();
  const start = { x: port!.x + port!.width / 2, y: port!.y + port!.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 60, start.y + 200, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId('toast')).toContainText('Not connected');
  await expect(page.getByTestId(/^link-(?!summary)/)).toHaveCount(1);
  expect(playground.errors, 'console errors and page errors').toEqual([]);
});

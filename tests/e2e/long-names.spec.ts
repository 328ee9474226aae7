// User story: "I give a block a long name (up to 60 characters); it is cut
// with an ellipsis wherever its room is fixed, the full name is a hover
// away, and the hover card sits beside the block without hiding its
// neighbours."
import { expect, test, type Locator } from '@playwright/test';
import { Playground } from './playground';

const LONG = 'Content delivery network edge tier for every European region';

/** Whether `inner`'s box lies inside `outer`'s (with `slack` pixels). */
async function inside(inner: Locator, outer: Locator, slack = 1): Promise<boolean> {
  const a = await inner.boundingBox();
  const b = await outer.boundingBox();
  if (!a || !b) return false;
  return (
    a.x >= b.x - slack &&
    a.y >= b.y - slack &&
    a.x + a.width <= b.x + b.width + slack &&
    a.y + a.height <= b.y + b.height + slack
  );
}

test('long names are cut to fit, with the whole name on hover', async ({ page }) => {
  expect(LONG.length).toBe(60);
  const playground = new Playground(page);
  await playground.open({ seed: 8, speed: 4 });
  await playground.waitForSimMs(2_000);
  await playground.select('cdn');
  await page.getByTestId('field-name').fill(LONG);
  await page.getByTestId('field-name').press('Enter');

  // On the canvas: cut, within the block, the full name in its tooltip.
  const block = playground.block('cdn');
  const label = block.locator('.sd-block__name');
  await expect(label).toContainText('…');
  expect(await inside(label, block.locator('.sd-block__box'))).toBe(true);
  await expect(block.locator('title').first()).toContainText(LONG);

  // In the inspector's block list: one line, cut, with a title.
  await playground.canvas.click({ position: { x: 820, y: 20 } });
  const item = page.getByTestId('inspector').getByTitle(LONG);
  await expect(item).toBeVisible();
  const overflow = await item.evaluate((el) => ({
    clipped: el.scrollWidth > el.clientWidth,
    style: getComputedStyle(el).textOverflow,
  }));
  expect(overflow).toEqual({ clipped: true, style: 'ellipsis' });
  expect(await inside(item, page.getByTestId('inspector'))).toBe(true);

  // The hover card keeps its width, and covers neither the block nor its
  // neighbours.
  await page.mouse.move(0, 0);
  const at = await playground.blockBody('cdn');
  await page.mouse.move(at.x, at.y);
  const card = page.getByTestId('block-card');
  await expect(card).toBeVisible();
  expect(await inside(card.locator('.sd-card__title'), card)).toBe(true);
  const cardBox = (await card.boundingBox())!;
  for (const id of ['users', 'cdn', 'gateway']) {
    const box = (await playground.block(id).boundingBox())!;
    const overlaps =
      cardBox.x < box.x + box.width &&
      box.x < cardBox.x + cardBox.width &&
      cardBox.y < box.y + box.height &&
      box.y < cardBox.y + cardBox.height;
    expect(overlaps, `the card covers ${id}`).toBe(false);
  }
  expect(playground.errors, 'console errors and page errors').toEqual([]);
});

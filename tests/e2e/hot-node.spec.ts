// User story: "I load the sharding template; one shard takes most of the
// traffic, and the database shows it in red although its average is low;
// the bottleneck card reads whole, and the hover card's numbers read
// naturally."
import { expect, test, type Locator } from '@playwright/test';
import { Playground } from './playground';

/** Whether an element shows all of its text (nothing cut by an ellipsis). */
async function showsWhole(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el.scrollWidth <= el.clientWidth);
}

test('a hot shard turns its database red, and the bottleneck card reads whole', async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open({ seed: 7, speed: 4 });
  await playground.loadTemplate('sharding-by-user-range');
  await expect(playground.block('db')).toContainText('shards');
  await playground.waitForSimMs(6_000);

  const db = playground.block('db');
  const numbers = async () => ({
    load: Number(await db.getAttribute('data-load')),
    average: await playground.utilization('db'),
  });
  await expect.poll(async () => (await numbers()).load).toBeGreaterThan(0.85);
  const { load, average } = await numbers();
  expect(average, 'the average alone looks healthy').toBeLessThan(0.6);
  expect(load).toBeGreaterThan(average);
  await expect(db).toHaveClass(/sd-block--hot/);

  // The hover card says both.
  const at = await playground.blockBody('db');
  await page.mouse.move(at.x, at.y);
  const card = page.getByTestId('block-card');
  await expect(card).toContainText('(one node');

  // Whole instance counts read without decimals.
  await page.mouse.move(0, 0);
  const app = await playground.blockBody('app');
  await page.mouse.move(app.x, app.y);
  await expect(
    card.getByText('Instances', { exact: true }).locator('xpath=following-sibling::dd[1]'),
  ).toHaveText(/^\d+$/);

  // The bottleneck card, at 1280 x 800: the name and the figure are whole.
  await expect(page.getByTestId('bottleneck')).toHaveText('Users DB, 4 range shards');
  await expect(page.getByTestId('bottleneck-figure')).toContainText('busiest instance');
  expect(await showsWhole(page.getByTestId('bottleneck'))).toBe(true);
  expect(await showsWhole(page.getByTestId('bottleneck-figure').locator('..'))).toBe(true);

  // The rate slider is named after the users block it sets.
  await expect(page.getByTestId('rate-label')).toHaveText('Users');
  await playground.select('users');
  await page.getByTestId('field-name').fill('Mobile users');
  await page.getByTestId('field-name').blur();
  await expect(page.getByTestId('rate-label')).toHaveText('Mobile users');
  expect(playground.errors, 'console errors and page errors').toEqual([]);
});

// User story: "I push the users to 100,000 requests a second and ask for
// 100x: the engine cannot keep up and says so, and every number still
// fits its place without moving the controls around."
import { expect, test, type Locator } from '@playwright/test';
import { Playground } from './playground';

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`no box for ${locator}`);
  return found;
}

test('huge numbers stay compact and the run bar stays put', async ({ page }) => {
  const playground = new Playground(page);
  await playground.open({ seed: 3, speed: 4 });
  await playground.waitForSimMs(2_000);
  const seed = page.getByTestId('seed');
  const before = { seed: await box(seed), bar: await box(page.getByTestId('play-pause')) };

  expect(await playground.setRateToMax()).toBe(100_000);
  await playground.advanceBy(3);
  await expect(playground.metric('throughput')).toHaveText(/^\d+(\.\d)?k req\/s$/);
  await expect(page.getByTestId('offered')).toHaveText(/^(9\d\.\d|1\d\d)k req\/s$/);

  // Asked for more than the engine can do, the page says how fast it
  // really runs, in room kept for it: nothing beside it moves.
  await page.getByTestId('speed').selectOption('100');
  await expect(page.getByTestId('behind')).toHaveText(/running at \d+(\.\d)?x/);
  await playground.advanceBy(5);
  const after = { seed: await box(seed), bar: await box(page.getByTestId('play-pause')) };
  expect(after).toEqual(before);

  // Stat cards: one line, nothing cut.
  const stats = await page.locator('.sd-stat__value').evaluateAll((values) =>
    values.map((el) => ({
      text: el.textContent,
      cut: el.scrollWidth > el.clientWidth,
      lines: Math.round(el.clientHeight / parseFloat(getComputedStyle(el).lineHeight || '20')),
    })),
  );
  for (const stat of stats) {
    expect(stat, `stat ${stat.text}`).toEqual({ ...stat, cut: false, lines: 1 });
  }

  // Error badges hold their whole label; axis labels stay short.
  const badges = await page.getByTestId('error-badge').evaluateAll((all) =>
    all.map((g) => ({
      text: g.textContent,
      room: (g.querySelector('rect') as SVGGraphicsElement).getBBox().width,
      label: (g.querySelector('text') as SVGGraphicsElement).getBBox().width,
    })),
  );
  expect(badges.length, 'error badges under overload').toBeGreaterThan(0);
  for (const badge of badges) {
    expect(badge.text, 'badge label').toMatch(/^\d{3} ×[\d,.]+[kMG]?$/);
    expect(badge.label, `badge ${badge.text}`).toBeLessThan(badge.room);
  }
  const ticks = await page.locator('.sd-chart__tick--y').allTextContents();
  for (const tick of ticks) expect(tick.length, `axis label ${tick}`).toBeLessThanOrEqual(5);
  expect(playground.errors, 'console errors and page errors').toEqual([]);
});

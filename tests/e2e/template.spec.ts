// User story: "I pick a template from the menu; it replaces my design and
// starts a fresh run of it, so the charts show only the new design; undo
// brings my design back."
import { expect, test } from '@playwright/test';
import { Playground } from './playground';

test('load a template, and undo it', async ({ page }) => {
  const playground = new Playground(page);
  await playground.open({ seed: 2, speed: 4 });
  await playground.waitForSimMs(6_000);
  await expect.poll(() => playground.chartPoints()).toBeGreaterThanOrEqual(5);

  // A blank canvas is a fresh run of nothing: the clock starts again, the
  // charts are empty, and no latency is made up for requests never sent.
  await playground.loadTemplate('blank');
  await expect(playground.block('users')).toHaveCount(0);
  await expect.poll(() => playground.simMs()).toBeLessThan(6_000);
  await playground.waitForSimMs(2_000);
  expect(await playground.chartPoints()).toBeLessThanOrEqual(
    Math.floor((await playground.simMs()) / 1000),
  );
  await expect(playground.metric('p50')).toHaveText('–');
  await expect(playground.metric('p99')).toHaveText('–');
  await expect(page.getByTestId('bottleneck')).toHaveText('–');

  const blankRunMs = await playground.simMs();
  await playground.loadTemplate('default');
  await expect(playground.block('users')).toBeVisible();
  await expect(playground.block('db')).toBeVisible();
  await expect(playground.link('app', 'db')).toHaveCount(1);
  await expect.poll(() => playground.simMs()).toBeLessThan(blankRunMs);
  await playground.waitForSimMs(3_000);
  await expect.poll(() => playground.value('throughput')).toBeGreaterThan(0);
  await expect(playground.metric('p50')).toHaveText(/ms$/);

  // Undo is an edit like any other: the run carries on.
  const beforeUndo = await playground.simMs();
  await page.keyboard.press('Control+z');
  await expect(playground.block('users')).toHaveCount(0);
  await playground.advanceBy(1);
  expect(await playground.simMs()).toBeGreaterThan(beforeUndo);
  await page.keyboard.press('Control+Shift+z');
  await expect(playground.block('users')).toBeVisible();
  expect(playground.errors, 'console errors and page errors').toEqual([]);
});

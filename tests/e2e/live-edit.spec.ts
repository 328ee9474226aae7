// User story: "While the simulation runs, I halve the app servers and see
// their utilization climb, without the run starting over."
import { expect, test } from '@playwright/test';
import { Playground } from './playground';

test('a setting changed while running takes effect at once', async ({ page }) => {
  const playground = new Playground(page);
  await playground.open({ seed: 7, speed: 4 });
  await playground.waitForSimMs(4_000);
  const before = await playground.utilization('app');
  expect(before).toBeGreaterThan(0);

  await playground.select('app');
  const edited = await playground.simMs();
  await playground.field('capacity.instances').fill('1');
  await playground.field('capacity.instances').blur();

  // The run carries on from where it was (no reset to zero) and, a few
  // simulated seconds later, one instance carries the load of two.
  await playground.advanceBy(3);
  expect(await playground.simMs()).toBeGreaterThan(edited);
  await expect
    .poll(() => playground.utilization('app'), { message: 'app utilization roughly doubles' })
    .toBeGreaterThan(1.6 * before);
  await expect(page.getByTestId('run-state')).toHaveAttribute('data-state', 'running');

  // Pausing with Space on the canvas, stepping one second, playing again.
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(' ');
  await expect(page.getByTestId('run-state')).toHaveAttribute('data-state', 'paused');
  const paused = await playground.simMs();
  await page.getByTestId('step').click();
  await playground.waitForSimMs(paused + 1_000);
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(' ');
  await expect(page.getByTestId('run-state')).toHaveAttribute('data-state', 'running');
  expect(playground.errors, 'console errors and page errors').toEqual([]);
});

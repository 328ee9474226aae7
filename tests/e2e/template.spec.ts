// User story: "I pick a template from the menu; it replaces my design, and
// undo brings my design back."
import { expect, test } from '@playwright/test';
import { Playground } from './playground';

test('load a template, and undo it', async ({ page }) => {
  const playground = new Playground(page);
  await playground.open({ seed: 2, speed: 4 });
  await playground.loadTemplate('blank');
  await expect(playground.block('users')).toHaveCount(0);
  const cleared = await playground.simMs();

  await playground.loadTemplate('default');
  await expect(playground.block('users')).toBeVisible();
  await expect(playground.block('db')).toBeVisible();
  await expect(playground.link('app', 'db')).toHaveCount(1);
  // The loaded design runs, carrying on from the current simulated time.
  await playground.advanceBy(3);
  expect(await playground.simMs()).toBeGreaterThan(cleared);
  await expect.poll(() => playground.value('throughput')).toBeGreaterThan(0);

  await page.keyboard.press('Control+z');
  await expect(playground.block('users')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(playground.block('users')).toBeVisible();
  expect(playground.errors, 'console errors and page errors').toEqual([]);
});

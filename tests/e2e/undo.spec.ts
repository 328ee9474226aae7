// User story: "I delete a block by mistake, undo brings it back with its
// links and its traffic, and redo takes it away again."
import { expect, test } from '@playwright/test';
import { Playground } from './playground';

test('undo and redo a deletion', async ({ page }) => {
  const playground = new Playground(page);
  await playground.open({ seed: 9, speed: 4 });
  await playground.waitForSimMs(2_000);

  await playground.select('cache');
  await expect(page.getByTestId('inspector-id')).toHaveText('cache');
  await page.keyboard.press('Delete');
  await expect(playground.block('cache')).toHaveCount(0);
  await expect(playground.link('app', 'cache')).toHaveCount(0);

  // Without the cache every read goes to the database; the run carries on.
  const before = await playground.simMs();
  await playground.advanceBy(2);
  expect(await playground.simMs()).toBeGreaterThan(before);

  await page.keyboard.press('Control+z');
  await expect(playground.block('cache')).toHaveCount(1);
  await expect(playground.link('app', 'cache')).toHaveCount(1);
  await playground.advanceBy(2);
  await expect.poll(() => playground.linkRps('app', 'cache')).toBeGreaterThan(0);

  await page.keyboard.press('Control+Shift+z');
  await expect(playground.block('cache')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(playground.block('cache')).toHaveCount(1);
  await page.keyboard.press('Control+y');
  await expect(playground.block('cache')).toHaveCount(0);

  // The toolbar's buttons do the same.
  await page.getByTestId('undo').click();
  await expect(playground.block('cache')).toHaveCount(1);
  await expect(page.getByTestId('redo')).toBeEnabled();

  // Copy and paste, then duplicate: new blocks with fresh ids, each one
  // undo step.
  await playground.select('cache');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.getByTestId('inspector-id')).toHaveText('cache-2');
  await page.keyboard.press('Control+d');
  await expect(page.getByTestId('inspector-id')).toHaveText('cache-3');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(playground.block('cache-2')).toHaveCount(0);
  await expect(playground.block('cache')).toHaveCount(1);

  // Selecting everything says what Delete takes along; one undo brings it
  // all back.
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('Control+a');
  await expect(page.getByTestId('selection-summary')).toHaveText(
    '7 blocks selected (Delete also removes their 6 links)',
  );
  await page.keyboard.press('Delete');
  await expect(playground.link('app', 'db')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(playground.link('app', 'db')).toHaveCount(1);

  // `?` lists the shortcuts; Escape closes them first, then deselects.
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts')).toContainText('Ctrl/⌘+Shift+Z');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts')).toHaveCount(0);
  await expect(page.getByTestId('selection-summary')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('selection-summary')).toHaveCount(0);
  // With nothing selected, Escape still closes the list and the menu.
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts')).toHaveCount(0);
  await page.getByTestId('templates-button').click();
  await expect(page.getByTestId('templates-menu')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('templates-menu')).toHaveCount(0);
  expect(playground.errors, 'console errors and page errors').toEqual([]);
});

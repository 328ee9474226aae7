// User story: "I changed the design, then reloaded the page by mistake: my
// design is still there. If what the browser kept cannot be read, the page
// says so, opens the default, and keeps the unreadable copy."
import { expect, test } from '@playwright/test';
import { Playground } from './playground';

test('the design survives a reload', async ({ page }) => {
  const playground = new Playground(page);
  await playground.open({ seed: 2, speed: 4 });
  await playground.select('app');
  await page.getByTestId('field-name').fill('Web tier');
  await page.getByTestId('field-name').blur();
  await playground.select('db');
  await playground.field('replicas').fill('2');
  await playground.field('replicas').blur();

  await page.reload();
  await playground.waitForSimMs(1_000);
  await expect(playground.block('app')).toContainText('Web tier');
  await playground.select('db');
  await expect(playground.field('replicas')).toHaveValue('2');
  expect(playground.errors, 'console errors and page errors').toEqual([]);
});

test('an unreadable saved design is set aside with a message', async ({ page }) => {
  const playground = new Playground(page);
  await playground.open({ seed: 2, speed: 4 });
  await page.evaluate(() => localStorage.setItem('sdplay.design', '{ "version": 1, "blocks": ['));

  await page.reload();
  await expect(page.getByTestId('notices')).toContainText('could not be read');
  await expect(playground.block('db')).toBeVisible();
  await playground.waitForSimMs(1_000);
  const kept = await page.evaluate(() => localStorage.getItem('sdplay.design.unreadable'));
  expect(kept).toBe('{ "version": 1, "blocks": [');
  expect(playground.errors, 'console errors and page errors').toEqual([]);
});

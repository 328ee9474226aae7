// User story: "I work from the keyboard: choosing a block from the
// inspector's list takes me to its settings, and the templates menu moves
// with the arrow keys."
import { expect, test } from '@playwright/test';
import { Playground } from './playground';

test('the block list hands the focus to the inspector; the menu follows the arrows', async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open({ seed: 2, speed: 4 });
  await playground.waitForSimMs(1_000);

  const list = page.getByRole('list', { name: 'Blocks in the design' });
  await list.getByRole('button', { name: /App servers/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector-id')).toHaveText('app');
  await expect(page.getByTestId('inspector-title')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('field-name')).toBeFocused();

  await page.getByTestId('templates-button').click();
  await expect(page.getByTestId('template-write-behind')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('template-blank')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('template-default')).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByTestId('template-write-behind')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('template-blank')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('template-write-behind')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('template-blank')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('templates-menu')).toHaveCount(0);
  expect(playground.errors, 'console errors and page errors').toEqual([]);
});

// User story: "I change the run's seed and speed; the address follows, so
// I can send it to someone and they see the same run. A seed that is not
// a number is refused, and the refusal goes once I type a good one. A
// mistyped link never breaks the page."
import { expect, test } from '@playwright/test';
import { Playground } from './playground';

test('the address follows the seed and the speed', async ({ page }) => {
  const playground = new Playground(page);
  await playground.open({ seed: 3, speed: 4, pauseAt: 600 });
  await playground.waitForSimMs(1_000);
  const params = async () => new URL(page.url()).searchParams;

  const seed = page.getByTestId('seed');
  await seed.fill('abc');
  await seed.press('Enter');
  await expect(page.getByTestId('toast')).toContainText('The seed must be a whole number');
  expect((await params()).get('seed')).toBe('3');

  // A valid seed restarts the run, takes the refusal away and goes into
  // the address; the other parameters stay.
  await seed.fill('42');
  await seed.press('Enter');
  await expect(page.getByTestId('toast')).toHaveCount(0);
  await expect.poll(async () => (await params()).get('seed')).toBe('42');
  expect((await params()).get('speed')).toBe('4');
  expect((await params()).get('pause_at')).toBe('600');

  await page.getByTestId('speed').selectOption('8');
  await expect.poll(async () => (await params()).get('speed')).toBe('8');
  expect((await params()).get('seed')).toBe('42');
  await playground.advanceBy(1);

  // The address now opens the same run.
  const again = new Playground(await page.context().newPage());
  await again.page.goto(page.url());
  await expect(again.page.getByTestId('seed')).toHaveValue('42');
  await expect(again.page.getByTestId('speed')).toHaveValue('8');

  // A toast goes away by itself after a few seconds.
  await seed.fill('-1');
  await seed.press('Enter');
  await expect(page.getByTestId('toast')).toBeVisible();
  await expect(page.getByTestId('toast')).toHaveCount(0, { timeout: 15_000 });
  expect([...playground.errors, ...again.errors]).toEqual([]);
});

test('a long bad value in the address is cut short and the page keeps its width', async ({
  page,
}) => {
  const playground = new Playground(page);
  await page.goto(`./?seed=${'9'.repeat(5000)}&speed=4`);
  await expect(playground.simTime).toBeVisible();
  const notices = page.getByTestId('notices');
  await expect(notices).toContainText(`seed '${'9'.repeat(24)}…'`);
  expect(((await notices.textContent()) ?? '').length).toBeLessThan(200);
  await playground.waitForSimMs(1_000);
  const { scrollWidth, innerWidth } = await playground.fitsWidth();
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  expect(playground.errors).toEqual([]);
});

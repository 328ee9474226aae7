// User story: "I scale the app tier out to 50 instances, each with a pool
// of 10 connections, against a database that accepts 100: the inspector
// warns me that a real pool could not open them all, although the design
// runs."
import { expect, test } from '@playwright/test';
import { Playground } from './playground';

test('pools larger than the database accepts are flagged, and the design still runs', async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open({ seed: 9, speed: 4 });
  await playground.waitForSimMs(1_000);
  await playground.select('app');
  await expect(page.getByTestId('block-advice')).toHaveCount(0);

  await playground.field('capacity.instances').fill('50');
  await playground.field('capacity.instances').blur();
  const advice = page.getByTestId('block-advice');
  await expect(advice).toContainText('The pools of App servers hold 500 connections');
  await expect(advice).toContainText('PostgreSQL accepts 100 per node');
  await playground.select('db');
  await expect(advice).toContainText('hold 500 connections');

  // Advice, not a problem: the run goes on.
  await playground.advanceBy(2);
  await expect.poll(() => playground.value('throughput')).toBeGreaterThan(0);
  await playground.field('max_connections').fill('500');
  await playground.field('max_connections').blur();
  await expect(advice).toHaveCount(0);
  expect(playground.errors, 'console errors and page errors').toEqual([]);
});

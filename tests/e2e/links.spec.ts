// User story: "I add a second, small source of traffic next to the users of
// the default design. Each link shows the traffic it really carries, and
// the charts mark where my change restarted the run; adding app servers
// later changes nothing but the app tier."
import { expect, test } from '@playwright/test';
import { Playground } from './playground';

test('each link shows its own traffic, and a restart is marked on the charts', async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open({ seed: 6, speed: 4 });
  await playground.waitForSimMs(3_000);
  const defaultRps = await playground.rps();

  // A second users block, sending 20 req/s, dropped below the first. Not
  // linked yet, it takes no part in the run: nothing restarts.
  const extra = await playground.dragBlock('users', 120, 440);
  expect(extra).not.toBe('users');
  await playground.field('rate_rps').fill('20');
  await playground.field('rate_rps').blur();
  await expect(page.getByTestId('chart-mark')).toHaveCount(0);

  // Linking it to the running CDN restarts the run at that moment.
  await playground.connect(extra, 'cdn');
  await expect(playground.link(extra, 'cdn')).toHaveCount(1);
  await playground.advanceBy(3);

  // Each link carries its own source's traffic, not the CDN's arrivals
  // split in two.
  await expect
    .poll(() => playground.linkRps(extra, 'cdn'), { message: 'the small source' })
    .toBeLessThan(60);
  expect(await playground.linkRps(extra, 'cdn')).toBeGreaterThan(0);
  expect(await playground.linkRps('users', 'cdn')).toBeGreaterThan(0.8 * defaultRps);

  // One mark per chart, at the second of the restart, saying what it did.
  const marks = page.getByTestId('chart-mark');
  await expect(marks).toHaveCount(3);
  await expect(marks.first().locator('title')).toContainText('empty queues and caches');

  // More app instances apply in place: no new mark, no errors.
  await playground.select('app');
  await playground.field('capacity.instances').fill('4');
  await playground.field('capacity.instances').blur();
  await playground.advanceBy(3);
  await expect(marks).toHaveCount(3);
  expect(await playground.value('error-rate')).toBe(0);
  expect(playground.errors, 'console errors and page errors').toEqual([]);
});

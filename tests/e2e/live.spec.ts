// User story: "I open the playground, watch the default design run live,
// turn up the users' request rate, and see latency climb."
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DEFAULT_BLOCKS, Playground } from './playground';

const SCREENSHOT = path.join(__dirname, '..', 'results', 'live.png');

test('raising the request rate raises p99 latency', async ({ page }) => {
  const playground = new Playground(page);
  await playground.open({ seed: 7, speed: 4 });

  // The default topology is drawn, with utilizations in 0..1.
  for (const id of DEFAULT_BLOCKS) {
    await expect(playground.block(id), `block ${id}`).toBeVisible();
    const utilization = await playground.utilization(id);
    expect(utilization, `block ${id} data-utilization`).toBeGreaterThanOrEqual(0);
    expect(utilization, `block ${id} data-utilization`).toBeLessThanOrEqual(1);
  }
  await expect(playground.chart).toBeVisible();
  await expect(playground.runState).toHaveAttribute('data-state', 'running');

  // Let the default load settle for a few simulated seconds, until whole
  // one-second windows with traffic have completed.
  await playground.waitForSimMs(5_000);
  await expect
    .poll(() => playground.value('throughput'), { message: 'throughput should become > 0' })
    .toBeGreaterThan(0);
  const p99Before = await playground.value('p99');
  expect(p99Before, 'p99 at the default rate').toBeGreaterThan(0);

  // Pause while the slider moves, so no simulated time runs at the
  // in-between rates the search passes through.
  const defaultRps = await playground.rps();
  expect(defaultRps, 'default rate (rate-slider data-rps)').toBeGreaterThan(0);
  const pressedWhileRunning = await playground.playPause.getAttribute('aria-pressed');
  expect(pressedWhileRunning, 'play-pause aria-pressed').not.toBeNull();
  await playground.setRunning(false);
  await expect(playground.playPause).not.toHaveAttribute('aria-pressed', pressedWhileRunning!);
  const newRps = await playground.setRate(4 * defaultRps);
  expect(newRps, `rate after moving the slider from ${defaultRps} req/s`).toBeGreaterThanOrEqual(
    3 * defaultRps,
  );
  expect(newRps, `rate after moving the slider from ${defaultRps} req/s`).toBeLessThanOrEqual(
    5 * defaultRps,
  );
  await expect(playground.rateValue).toBeVisible();
  await playground.setRunning(true);

  const at = await playground.advanceBy(10);
  const p99After = await playground.value('p99');
  expect(
    p99After,
    `p99 at ${newRps} req/s (sim time ${at} ms) vs ${p99Before} ms at ${defaultRps} req/s`,
  ).toBeGreaterThan(2 * p99Before);

  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  expect(playground.errors, 'console errors and page errors').toEqual([]);
});

// User story: "I push the system past its capacity, watch errors appear,
// then bring the rate back and see it recover."
test('overload raises errors and the system recovers when load drops', async ({ page }) => {
  const playground = new Playground(page);
  await playground.open({ seed: 11, speed: 8 });
  await playground.waitForSimMs(4_000);
  const defaultRps = await playground.rps();
  expect(await playground.value('error-rate'), 'no errors at the default rate').toBe(0);

  // Four times the default saturates the database's primary: app workers
  // pile up waiting on it, their queues fill, and requests get 503.
  await playground.setRunning(false);
  await playground.setRate(4 * defaultRps);
  await playground.setRunning(true);
  await playground.advanceBy(15);
  await expect
    .poll(() => playground.value('error-rate'), { message: 'errors appear under overload' })
    .toBeGreaterThan(0.01);
  await expect(page.getByTestId('errors-by-reason')).toContainText('503');
  // The bottleneck's figure is its busiest instance's, and it says so.
  await expect(page.getByTestId('bottleneck')).toHaveText('PostgreSQL');
  await expect(page.getByTestId('bottleneck-figure')).toContainText(
    /busiest instance \d+% busy/,
  );

  // Back to the default: queues drain and errors stop.
  await playground.setRunning(false);
  await playground.setRate(defaultRps, 0.05);
  await playground.setRunning(true);
  await playground.advanceBy(15);
  expect(await playground.value('error-rate'), 'errors stop after recovery').toBe(0);
  expect(await playground.value('p99'), 'p99 back near its healthy level').toBeLessThan(60);
  expect(playground.errors, 'console errors and page errors').toEqual([]);
});

// User story: "A teacher's link pauses every student's run at the same
// simulated moment, with the same numbers."
test('pause_at stops the run at that simulated time, and bad URL values are reported', async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open({ seed: 3, speed: 10, pauseAt: 6 });
  await expect(playground.runState).toHaveAttribute('data-state', 'paused', { timeout: 60_000 });
  expect(await playground.simMs()).toBe(6_000);
  const throughput = await playground.value('throughput');

  // The same seed gives the same numbers at the same simulated time.
  const again = new Playground(await page.context().newPage());
  await again.open({ seed: 3, speed: 10, pauseAt: 6 });
  await expect(again.runState).toHaveAttribute('data-state', 'paused', { timeout: 60_000 });
  expect(await again.value('throughput')).toBe(throughput);
  expect(await again.value('p99')).toBe(await playground.value('p99'));

  // A bad value is named in a notice and ignored; the page still runs.
  const odd = new Playground(await page.context().newPage());
  await odd.page.goto('./?speed=fast&seed=-4');
  await expect(odd.page.getByTestId('notices')).toContainText("speed 'fast'");
  await expect(odd.page.getByTestId('notices')).toContainText("seed '-4'");
  await odd.waitForSimMs(1_500);
  expect([...playground.errors, ...again.errors, ...odd.errors]).toEqual([]);
});

// User story: "I start from a blank canvas, drag in the blocks of the
// typical web architecture, connect them port to port, and watch traffic
// flow through what I built. A connection that makes no sense is refused
// with a reason."
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { Playground } from './playground';

const SCREENSHOT = path.join(__dirname, '..', 'results', 'build.png');

test('build the typical web architecture from a blank canvas and see traffic flow', async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open({ seed: 5, speed: 4 });
  await playground.loadTemplate('blank');
  await expect(page.getByTestId('empty-hint')).toBeVisible();
  await expect(page.getByTestId('block-users')).toHaveCount(0);

  // Two rows on a canvas of about 840 x 480 pixels at zoom 1.
  const users = await playground.dragBlock('users', 110, 90);
  const cdn = await playground.dragBlock('cdn', 310, 90);
  const gateway = await playground.dragBlock('gateway', 510, 90);
  const lb = await playground.dragBlock('load_balancer', 710, 90);
  const app = await playground.dragBlock('app', 310, 260);
  const cache = await playground.dragBlock('cache', 580, 220);
  const db = await playground.dragBlock('database', 580, 370);
  expect([users, cdn, gateway, lb, app, cache, db]).toEqual([
    'users',
    'cdn',
    'gateway',
    'lb',
    'app',
    'cache',
    'db',
  ]);
  // Nothing is linked yet, so the users block is not running, and says why.
  await playground.select(users);
  await expect(page.getByTestId('block-problems')).toContainText(
    'Users send requests nowhere yet',
  );
  await expect(playground.block(users)).toContainText('not running');

  // Users straight into a database makes no sense: the preview says why
  // while dragging, and letting go adds nothing.
  await playground.startConnect(users, db);
  await expect(page.getByTestId('connect-refusal')).toContainText(
    'cannot send requests straight to a database',
  );
  await page.mouse.up();
  await expect(page.getByTestId('toast')).toContainText('Cannot connect');
  await expect(playground.link(users, db)).toHaveCount(0);

  await playground.connect(users, cdn);
  await expect(playground.link(users, cdn)).toHaveCount(1);
  // Users send to one block only: a second link is refused, by name.
  await playground.startConnect(users, gateway);
  await expect(page.getByTestId('connect-refusal')).toHaveText(
    'Users already send to CDN: a users block sends to one block only',
  );
  await page.mouse.up();
  await expect(playground.link(users, gateway)).toHaveCount(0);

  for (const [from, to] of [
    [cdn, gateway],
    [gateway, lb],
    [lb, app],
    [app, cache],
    [app, db],
  ]) {
    await playground.connect(from, to);
    await expect(playground.link(from, to), `link ${from} -> ${to}`).toHaveCount(1);
  }
  await page.getByTestId('canvas').click({ position: { x: 820, y: 20 } });
  await expect(page.getByTestId('design-ok')).toBeVisible();

  // Traffic flows through every block within a few simulated seconds.
  await playground.advanceBy(3);
  await expect
    .poll(() => playground.value('throughput'), { message: 'requests are answered' })
    .toBeGreaterThan(50);
  await expect.poll(() => playground.linkRps(lb, app)).toBeGreaterThan(50);
  await expect.poll(() => playground.linkRps(app, db)).toBeGreaterThan(0);
  expect(await playground.utilization(db)).toBeGreaterThan(0);

  // Panning moves the view, not the design.
  const before = await playground.block(users).boundingBox();
  await playground.pan(-60, 40);
  const after = await playground.block(users).boundingBox();
  expect(Math.round(after!.x - before!.x)).toBe(-60);
  expect(Math.round(after!.y - before!.y)).toBe(40);

  await page.screenshot({ path: SCREENSHOT });
  expect(playground.errors, 'console errors and page errors').toEqual([]);
});

// User story: "On my phone, or in a small window, I watch the default
// design run and change the users' rate: the canvas has the width, and
// nothing makes the page scroll sideways."
import { expect, test } from '@playwright/test';
import { Playground } from './playground';

for (const { name, width, height, minCanvas } of [
  { name: 'phone', width: 390, height: 844, minCanvas: 300 },
  { name: 'small window', width: 800, height: 600, minCanvas: 600 },
]) {
  test(`${name} (${width}x${height}): the canvas takes the width, nothing overflows`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    const playground = new Playground(page);
    await playground.open({ seed: 6, speed: 4 });
    await playground.waitForSimMs(2_000);

    const canvas = await playground.canvas.boundingBox();
    expect(canvas!.width, 'canvas width').toBeGreaterThanOrEqual(minCanvas);
    expect(canvas!.height, 'canvas height').toBeGreaterThanOrEqual(280);
    const fits = await playground.fitsWidth();
    expect(fits.scrollWidth, 'page width').toBeLessThanOrEqual(fits.innerWidth);

    // Every panel sits within the window's width.
    for (const id of ['rate-slider', 'play-pause', 'throughput', 'p99', 'chart', 'inspector']) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box, id).not.toBeNull();
      expect(box!.x, `${id} left`).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, `${id} right`).toBeLessThanOrEqual(width);
    }

    // The rate can be changed and the run follows it.
    await playground.rateSlider.scrollIntoViewIfNeeded();
    const before = await playground.rps();
    const after = await playground.setRate(2 * before);
    expect(after).toBeGreaterThan(1.5 * before);
    await playground.advanceBy(2);
    await expect.poll(() => playground.value('throughput')).toBeGreaterThan(before * 1.2);

    // The templates menu opens inside the window too.
    await page.getByTestId('templates-button').click();
    const menu = await page.getByTestId('templates-menu').boundingBox();
    expect(menu!.x + menu!.width, 'menu right').toBeLessThanOrEqual(width);
    const open = await playground.fitsWidth();
    expect(open.scrollWidth, 'page width with the menu open').toBeLessThanOrEqual(open.innerWidth);
    expect(playground.errors, 'console errors and page errors').toEqual([]);
  });
}

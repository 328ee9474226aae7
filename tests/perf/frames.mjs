#!/usr/bin/env node
// Frame times and simulated speed of the built page, in headless Chromium.
//
//     trunk build --release && node tests/perf/frames.mjs [--seconds 20] [--speed 1]
//
// For each design in this folder (web-50k.json: the default's shape sized
// for 50,000 req/s; fifty-blocks.json: 50 blocks at their own rates) it
// opens dist/ at speed 1, loads the design through the templates menu (the
// script adds both designs to the menu), lets it settle, then records
// requestAnimationFrame deltas in the page and how far simulated time moved
// against wall time. It prints one line per design and exits 0; it judges
// nothing (targets: median frame <= 17 ms, p95 <= 25 ms, simulated speed
// >= 0.95x). "events per simulated s" is what real time needs; "engine"
// is how fast the worker's engine runs while it works. Not part of .ci/run: it measures the machine as much as the
// code.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');
const dist = path.join(root, 'dist');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const SECONDS = Number(option('seconds', '20'));
const WARMUP = Number(option('warmup', '5'));
// Simulated seconds per wall second; above what the engine manages, the
// page should slow simulated time down and say so, frames staying smooth.
const SPEED = Number(option('speed', '1'));
const DESIGNS = [
  { file: 'web-50k.json', name: 'default shape at 50,000 req/s' },
  { file: 'fifty-blocks.json', name: '50 blocks at their own rates' },
];

if (!existsSync(path.join(dist, 'index.html'))) {
  console.error('frames.mjs: dist/index.html is missing; run `trunk build --release` first');
  process.exit(2);
}

const TYPES = {
  '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml',
};
const server = createServer(async (request, response) => {
  const url = new URL(request.url, 'http://localhost');
  const file = path.join(dist, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname));
  try {
    const body = await readFile(file);
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404);
    response.end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.SDPLAY_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

try {
  for (const design of DESIGNS) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    // The templates menu lists the perf designs too.
    await page.route('**/templates/index.json', async (route) => {
      const list = JSON.parse(await readFile(path.join(root, 'public/templates/index.json'), 'utf8'));
      list.push(...DESIGNS.map((d) => ({ file: `perf/${d.file}`, name: d.name })));
      await route.fulfill({ json: list });
    });
    await page.route('**/templates/perf/*.json', async (route) => {
      const file = path.basename(new URL(route.request().url()).pathname);
      await route.fulfill({ body: await readFile(path.join(here, file)), contentType: 'application/json' });
    });
    await page.goto(`${base}?seed=1&speed=${SPEED}`);
    await page.getByTestId('templates-button').click();
    await page.getByTestId(`template-perf/${design.file.replace('.json', '')}`).click();
    const parsed = JSON.parse(await readFile(path.join(here, design.file), 'utf8'));
    const drawn = parsed.blocks.filter((b) => b.kind !== 'zone').length;
    await page.waitForFunction((n) => document.querySelectorAll('[data-block]').length === n, drawn);
    await page.waitForTimeout(WARMUP * 1000);

    const result = await page.evaluate(async (seconds) => {
      const simMs = () => Number(document.querySelector('[data-testid="sim-time"]').dataset.ms);
      const frames = [];
      const events = () => Number(document.querySelector('[data-testid="sim-time"]').dataset.events);
      const events0 = events();
      const sim0 = simMs();
      const wall0 = performance.now();
      await new Promise((resolve) => {
        let last = performance.now();
        const frame = (now) => {
          frames.push(now - last);
          last = now;
          if (now - wall0 < seconds * 1000) requestAnimationFrame(frame);
          else resolve();
        };
        requestAnimationFrame(frame);
      });
      const clock = document.querySelector('[data-testid="sim-time"]');
      return {
        frames,
        speed: (simMs() - sim0) / (performance.now() - wall0),
        eventsNeeded: ((events() - events0) / (simMs() - sim0)) * 1000,
        eventsPerSec: Number(clock.dataset.eventsPerSec),
        behind: document.querySelector('[data-testid="behind"]')?.textContent ?? null,
        blocks: document.querySelectorAll('[data-block]').length + document.querySelectorAll('.sd-zone').length,
      };
    }, SECONDS);

    const sorted = [...result.frames].sort((a, b) => a - b);
    const line = [
      `${design.file.padEnd(18)} ${String(result.blocks).padStart(2)} blocks`,
      `frames ${sorted.length}`,
      `median ${quantile(sorted, 0.5).toFixed(1)} ms`,
      `p95 ${quantile(sorted, 0.95).toFixed(1)} ms`,
      `max ${sorted[sorted.length - 1].toFixed(1)} ms`,
      `simulated ${result.speed.toFixed(2)}x real time (asked ${SPEED}x)`,
      `${Math.round(result.eventsNeeded).toLocaleString('en-US')} events per simulated s`,
      `engine ${Math.round(result.eventsPerSec).toLocaleString('en-US')} events/s of work`,
      result.behind ? `page says "${result.behind}"` : 'keeping up',
    ].join(' | ');
    console.log(line);
    if (errors.length) console.log(`  console errors: ${errors.join('; ')}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

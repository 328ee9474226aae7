// Page object for the sdplay playground. Specs talk to the page only through
// this class: elements are found by data-testid (or role), never by CSS
// structure, and waits are on *simulated* time, never on wall-clock sleeps.
//
// The contract with the app (crates/app):
//
// - URL parameters: `seed` (run seed), `speed` (simulated seconds per wall
//   second, default 1), `pause_at` (pause when simulated time reaches that
//   many seconds).
// - `sim-time`: simulated time; `data-ms` = simulated milliseconds (integer).
// - `throughput`, `p50`, `p99`, `error-rate`: `data-value` = req/s, ms, ms,
//   fraction 0..1, for the last completed one-second window.
// - `rate-slider`: <input type=range> for the users' request rate (log
//   scale, arbitrary internal value); `data-rps` = the rate in req/s.
//   `rate-value` shows it.
// - `play-pause`: button (aria-pressed and label toggle); `run-state` has
//   `data-state` = "running" | "paused".
// - `block-<id>`: SVG group per block, with `data-utilization` (0..1).
// - `chart`: the 60-second chart (an SVG).
import { expect, type Locator, type Page } from '@playwright/test';

/** The blocks of the default topology. */
export const DEFAULT_BLOCKS = ['users', 'cdn', 'gateway', 'lb', 'app', 'cache', 'db'] as const;
export type BlockId = (typeof DEFAULT_BLOCKS)[number];

export type Metric = 'throughput' | 'p50' | 'p99' | 'error-rate';

export interface OpenOptions {
  seed?: number;
  /** Simulated seconds per wall second. */
  speed?: number;
  /** Pause automatically at this simulated time, in seconds. */
  pauseAt?: number;
}

export class Playground {
  readonly simTime: Locator;
  readonly rateSlider: Locator;
  readonly rateValue: Locator;
  readonly playPause: Locator;
  readonly runState: Locator;
  readonly chart: Locator;

  /** Console errors and uncaught page errors, from construction on. */
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    this.simTime = page.getByTestId('sim-time');
    this.rateSlider = page.getByTestId('rate-slider');
    this.rateValue = page.getByTestId('rate-value');
    this.playPause = page.getByTestId('play-pause');
    this.runState = page.getByTestId('run-state');
    this.chart = page.getByTestId('chart');

    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const { url, lineNumber } = msg.location();
        this.errors.push(`console error: ${msg.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
      }
    });
    page.on('pageerror', (err) => this.errors.push(`page error: ${err.message}`));
  }

  /** Opens the playground and waits until the app has rendered. */
  async open(options: OpenOptions = {}): Promise<void> {
    const params = new URLSearchParams();
    if (options.seed !== undefined) params.set('seed', String(options.seed));
    if (options.speed !== undefined) params.set('speed', String(options.speed));
    if (options.pauseAt !== undefined) params.set('pause_at', String(options.pauseAt));
    const query = params.toString();
    // Relative to baseURL, so the spec also works when the site is served
    // under a sub-path.
    await this.page.goto(query ? `./?${query}` : './');
    await expect(this.simTime).toBeVisible();
  }

  metric(name: Metric): Locator {
    return this.page.getByTestId(name);
  }

  block(id: BlockId): Locator {
    return this.page.getByTestId(`block-${id}`);
  }

  /** Simulated time in milliseconds (NaN until the app shows it). */
  async simMs(): Promise<number> {
    return numberAttribute(this.simTime, 'data-ms');
  }

  /** A metric's value for the last completed one-second window. */
  async value(name: Metric): Promise<number> {
    return numberAttribute(this.metric(name), 'data-value');
  }

  /** The users' request rate in req/s, as the slider reports it. */
  async rps(): Promise<number> {
    return numberAttribute(this.rateSlider, 'data-rps');
  }

  async utilization(id: BlockId): Promise<number> {
    return numberAttribute(this.block(id), 'data-utilization');
  }

  async runStateValue(): Promise<string | null> {
    return this.runState.getAttribute('data-state');
  }

  /** Waits until simulated time has reached `ms` milliseconds. */
  async waitForSimMs(ms: number, timeout?: number): Promise<number> {
    await expect
      .poll(() => this.simMs(), {
        message: `simulated time should reach ${ms} ms`,
        timeout,
      })
      .toBeGreaterThanOrEqual(ms);
    return this.simMs();
  }

  /** Waits until `seconds` more simulated seconds have passed. */
  async advanceBy(seconds: number, timeout?: number): Promise<number> {
    const start = await this.simMs();
    expect(start, 'sim-time data-ms should be a number').not.toBeNaN();
    return this.waitForSimMs(start + seconds * 1000, timeout);
  }

  /** Clicks play/pause and waits until run-state shows `state`. */
  async setRunning(running: boolean): Promise<void> {
    const want = running ? 'running' : 'paused';
    if ((await this.runStateValue()) !== want) {
      await this.playPause.click();
    }
    await expect(this.runState).toHaveAttribute('data-state', want);
  }

  /**
   * Moves the rate slider until `data-rps` is within `tolerance` (a
   * fraction) of `target` and returns the rate reached. The slider's scale
   * is the app's business (log scale, arbitrary values): this only assumes
   * that a higher value means a higher rate, and bisects on the value.
   */
  async setRate(target: number, tolerance = 0.1): Promise<number> {
    const slider = this.rateSlider;
    let lo = Number((await slider.getAttribute('min')) ?? '0');
    let hi = Number((await slider.getAttribute('max')) ?? '100');
    let best = { rps: await this.rps(), value: await slider.inputValue() };
    for (let i = 0; i < 30; i++) {
      const mid = (lo + hi) / 2;
      const rps = await this.fillSlider(String(mid));
      if (Math.abs(rps - target) < Math.abs(best.rps - target)) {
        best = { rps, value: await slider.inputValue() };
      }
      if (Math.abs(rps - target) <= tolerance * target) return rps;
      if (rps < target) lo = mid;
      else hi = mid;
    }
    // The slider's step may not allow the tolerance; settle on the closest.
    return this.fillSlider(best.value);
  }

  /** Sets the range input's value (Playwright fires input and change). */
  private async fillSlider(value: string): Promise<number> {
    await this.rateSlider.fill(value);
    // Leptos 0.8 runs effects asynchronously: let the event loop turn once
    // so `data-rps` reflects the new value. (A zero timeout is a yield, not
    // a wait for the clock.)
    await this.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    return this.rps();
  }
}

async function numberAttribute(locator: Locator, name: string): Promise<number> {
  const raw = await locator.getAttribute(name);
  return raw === null || raw.trim() === '' ? Number.NaN : Number(raw);
}

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
// - `chart`: the requests chart (an SVG); `data-points` = how many
//   one-second windows it draws.
//
// The editor (gestures go through the small driver below, as Excalidraw's
// test helpers do: `dragBlock`, `connect`, `pan`, `select`):
//
// - `palette-<kind>`: a palette button per block kind (drag it onto the
//   canvas, or press it to add the block in the middle of the view).
// - `canvas`: the SVG canvas (focusable; shortcuts like Space apply there).
// - `block-<id>` groups have `port-in-<id>` / `port-out-<id>` circles.
// - `link-<from>-<to>`: a link, with `data-rps`.
// - `inspector-id`: the selected block's id; `field-<path>` its settings
//   (`field-capacity.instances`), `field-<path>-error` a refusal beside it.
// - `templates-button`, `template-<file stem>`, `template-blank`.
// - `connect-refusal`: why a connection being dragged would be refused;
//   `toast`: the last message; `notices`: what the page ignored.
// - `seed`, `speed`: the run's seed (text) and speed (select); the URL's
//   `?seed=` and `?speed=` follow them. `behind`: "running at 0.6x", empty
//   (but laid out) while the run keeps up.
// - `selection-summary`: the heading for a selection of several things;
//   `block-card`: the hovered block's numbers. `block-<id>` also has
//   `data-load`: the busier of its utilization and its busiest instance's,
//   which sets its colour.
// - `inspector-title`: the selected block's heading (focusable);
//   `field-name-error`: a refused name; `block-advice`: advice on a design
//   that runs but would not in a real system.
// - `bottleneck`: the bottleneck's name; `bottleneck-figure`: its figure
//   ("· busiest instance 53% busy"). `rate-label`: the name of the users
//   block the rate slider sets.
import { expect, type Locator, type Page } from '@playwright/test';

/** The blocks of the default topology. */
export const DEFAULT_BLOCKS = ['users', 'cdn', 'gateway', 'lb', 'app', 'cache', 'db'] as const;
export type BlockId = string;

export type BlockKind =
  | 'users'
  | 'cdn'
  | 'gateway'
  | 'load_balancer'
  | 'app'
  | 'cache'
  | 'database'
  | 'zone';

/** The centre of an element on the page. */
async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`no box for ${locator}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

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

  /** How many one-second points the requests chart shows. */
  async chartPoints(): Promise<number> {
    return numberAttribute(this.chart, 'data-points');
  }

  /** Whether the page is no wider than the window (nothing overflows). */
  async fitsWidth(): Promise<{ scrollWidth: number; innerWidth: number }> {
    return this.page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
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

  /** Moves the rate slider to its end; returns the rate reached. */
  async setRateToMax(): Promise<number> {
    return this.fillSlider((await this.rateSlider.getAttribute('max')) ?? '100');
  }

  // Editor gestures.

  get canvas(): Locator {
    return this.page.getByTestId('canvas');
  }

  /** The canvas's top-left corner on the page. */
  async canvasOrigin(): Promise<{ x: number; y: number }> {
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('the canvas has no box');
    return { x: box.x, y: box.y };
  }

  /**
   * Drags a block of `kind` from the palette and drops its centre at
   * (`x`, `y`) canvas pixels; returns the new block's id (it is selected).
   */
  async dragBlock(kind: BlockKind, x: number, y: number): Promise<string> {
    const from = await centre(this.page.getByTestId(`palette-${kind}`));
    const origin = await this.canvasOrigin();
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(origin.x + x, origin.y + y, { steps: 8 });
    await expect(this.page.getByTestId('palette-ghost')).toBeVisible();
    await this.page.mouse.up();
    const id = this.page.getByTestId('inspector-id');
    await expect(id).toBeVisible();
    return (await id.textContent()) ?? '';
  }

  /** Starts a drag from `from`'s output port to the middle of `to`. */
  async startConnect(from: string, to: string): Promise<void> {
    const start = await centre(this.page.getByTestId(`port-out-${from}`));
    const end = await this.blockBody(to);
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    await this.page.mouse.move(end.x, end.y, { steps: 8 });
  }

  /** Drags from `from`'s output port onto `to`, and lets go. */
  async connect(from: string, to: string): Promise<void> {
    await this.startConnect(from, to);
    await this.page.mouse.up();
  }

  /** A point on the block's body (clear of ports and badges). */
  async blockBody(id: string): Promise<{ x: number; y: number }> {
    const box = await this.block(id).boundingBox();
    if (!box) throw new Error(`block ${id} has no box`);
    return { x: box.x + box.width * 0.35, y: box.y + box.height * 0.55 };
  }

  /** Clicks a block (with Shift to add it to the selection). */
  async select(id: string, options: { shift?: boolean } = {}): Promise<void> {
    const at = await this.blockBody(id);
    if (options.shift) await this.page.keyboard.down('Shift');
    await this.page.mouse.click(at.x, at.y);
    if (options.shift) await this.page.keyboard.up('Shift');
  }

  /** Drags the view by (`dx`, `dy`) pixels with the middle button. */
  async pan(dx: number, dy: number): Promise<void> {
    const origin = await this.canvasOrigin();
    const start = { x: origin.x + 10, y: origin.y + 10 };
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down({ button: 'middle' });
    await this.page.mouse.move(start.x + dx, start.y + dy, { steps: 5 });
    await this.page.mouse.up({ button: 'middle' });
  }

  link(from: string, to: string): Locator {
    return this.page.getByTestId(`link-${from}-${to}`);
  }

  field(path: string): Locator {
    return this.page.getByTestId(`field-${path}`);
  }

  fieldError(path: string): Locator {
    return this.page.getByTestId(`field-${path}-error`);
  }

  /** Loads a template by its file name without `.json`, or 'blank'. */
  async loadTemplate(stem: string): Promise<void> {
    await this.page.getByTestId('templates-button').click();
    const item =
      stem === 'blank'
        ? this.page.getByTestId('template-blank')
        : this.page.getByTestId(`template-${stem}`);
    await item.click();
  }

  /** A block's request rate on its link or data attribute. */
  async linkRps(from: string, to: string): Promise<number> {
    return numberAttribute(this.link(from, to), 'data-rps');
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

// Playwright settings for sdplay's browser end-to-end tests (tests/e2e).
//
// The tests run against the release bundle in dist/ (`trunk build
// --release`; scripts/test.sh builds it first), served by Python's static
// server, in Debian's Chromium. Playwright never downloads a browser here.
import { defineConfig } from '@playwright/test';

// SDPLAY_E2E_PORT picks another port when 8765 is taken.
const PORT = Number(process.env.SDPLAY_E2E_PORT ?? 8765);

export default defineConfig({
  testDir: 'tests/e2e',
  // Screenshots, traces and the specs' own files (tests/results/live.png).
  // Playwright empties this folder at the start of each run.
  outputDir: 'tests/results',

  // The specs wait on *simulated* time, which a slow or busy machine makes
  // slower in wall time, not flaky; so the limits are generous.
  timeout: 5 * 60_000,
  expect: { timeout: 60_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,

  // `list` for the details; the summary reporter ends the output with one
  // `e2e: N passed, N failed, N skipped` line, like the other suites.
  reporter: [['list'], ['./tests/e2e/summary-reporter.js']],

  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      // Debian's chromium package; SDPLAY_CHROMIUM points elsewhere.
      executablePath: process.env.SDPLAY_CHROMIUM ?? '/usr/bin/chromium',
      // Playwright adds --headless and a fresh profile itself (passing
      // --user-data-dir here is rejected). --no-sandbox: the tests run as
      // root. The rest keeps Chromium off the network and quiet.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },

  webServer: {
    // Python's server sends .wasm as application/wasm. Without
    // dist/index.html it would serve a folder listing and every test would
    // fail obscurely, so refuse to start instead.
    command:
      'if [ ! -f dist/index.html ]; then ' +
      'echo "dist/index.html is missing: run trunk build --release first (scripts/test.sh does)"; ' +
      'exit 1; fi; ' +
      `exec python3 -m http.server ${PORT} --bind 127.0.0.1 --directory dist`,
    url: `http://127.0.0.1:${PORT}/index.html`,
    // Locally a server you already run on the port is reused; CI always
    // starts a fresh one (and fails if the port is taken).
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
    // Python logs every request on stderr; its stdout has the one useful
    // line (and the message above).
    stdout: 'pipe',
    stderr: 'ignore',
  },
});

// @ts-check
// Ends Playwright's output with one line in the same shape as the other
// suites' summaries, so the end of the CI log reads alike everywhere:
//
//     e2e: 3 passed, 0 failed, 0 skipped
//
// Each test counts once, by its final outcome (a test that passed on a retry
// counts as passed). Errors outside any test (a web server that would not
// start, a spec that does not compile) are reported on the line before.

/** @typedef {import('@playwright/test/reporter').Reporter} Reporter */
/** @typedef {import('@playwright/test/reporter').Suite} Suite */
/** @typedef {import('@playwright/test/reporter').FullResult} FullResult */
/** @typedef {import('@playwright/test/reporter').TestError} TestError */

/** @implements {Reporter} */
class SummaryReporter {
  constructor() {
    /** @type {Suite | undefined} */
    this.suite = undefined;
    this.globalErrors = 0;
  }

  /** @param {import('@playwright/test/reporter').FullConfig} _config @param {Suite} suite */
  onBegin(_config, suite) {
    this.suite = suite;
  }

  /** @param {TestError} _error */
  onError(_error) {
    this.globalErrors += 1;
  }

  /** @param {FullResult} result */
  onEnd(result) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const test of this.suite ? this.suite.allTests() : []) {
      switch (test.outcome()) {
        case 'expected':
        case 'flaky':
          passed += 1;
          break;
        case 'skipped':
          skipped += 1;
          break;
        default:
          failed += 1;
      }
    }
    if (result.status !== 'passed' && failed === 0) {
      const errors = this.globalErrors === 1 ? 'error' : 'errors';
      console.log(
        `e2e: run ${result.status} (${this.globalErrors} ${errors} outside tests)`,
      );
    }
    console.log(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }

  printsToStdio() {
    return true;
  }
}

module.exports = SummaryReporter;

// Reads the per-folder test counts the summary reporter wrote (ROLLGATE_TEST_SUMMARY) and
// fails when the browser tests did not run: skipped (no Chromium) or absent. Used by .ci/run
// under CI=true. Prints the closing `vitest:` line again, so that it stays the last line.
import { readFileSync } from "node:fs";

const summary = JSON.parse(readFileSync(process.argv[2], "utf8"));
const browser = summary.byFolder?.browser ?? { passed: 0, failed: 0, skipped: 0 };
let status = 0;
if (browser.skipped > 0 || browser.passed + browser.failed === 0) {
  console.error(
    `ci: FAILED: ${browser.skipped} browser test(s) skipped and ${browser.passed + browser.failed} run; CI must run them (apt-get install chromium, or set CHROMIUM_PATH)`,
  );
  status = 1;
}
const { passed, failed, skipped } = summary.total;
console.log(`vitest: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(status);

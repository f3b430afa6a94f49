import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import type { Reporter, TestModule } from "vitest/node";

type Counts = { passed: number; failed: number; skipped: number };

/**
 * Prints one plain closing line, `vitest: N passed, N failed, N skipped`, that CI reads
 * (a file that failed outside its tests, e.g. in a hook, is one of the failed).
 * With ROLLGATE_TEST_SUMMARY set, also writes the counts per test folder (`api`, `browser`,
 * ...) to that file as JSON, so that .ci/run can refuse a run whose browser tests were skipped.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const total: Counts = { passed: 0, failed: 0, skipped: 0 };
    const byFolder: Record<string, Counts> = {};
    for (const module of testModules) {
      const folder = relative(module.project.config.root, module.moduleId).split(/[\\/]/)[1] ?? "other";
      const counts = (byFolder[folder] ??= { passed: 0, failed: 0, skipped: 0 });
      const add = (key: keyof Counts) => {
        total[key]++;
        counts[key]++;
      };
      let failedTests = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") add("passed");
        else if (state === "failed") {
          add("failed");
          failedTests++;
        } else add("skipped");
      }
      // A file that failed outside its tests (an import, a hook such as the contract check
      // after the file) counts as one failure, so the line never says 0 failed for a red run.
      if (module.state() === "failed" && failedTests === 0) add("failed");
    }
    process.stdout.write(`\nvitest: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
    const file = process.env.ROLLGATE_TEST_SUMMARY;
    if (file) writeFileSync(file, `${JSON.stringify({ total, byFolder }, null, 2)}\n`);
  }
}

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/** .ci/run's gate under CI=true: the browser tests must have run, not been skipped. */
const script = resolve(import.meta.dirname, "../../.ci/check-summary.mjs");
const dir = mkdtempSync(join(tmpdir(), "rollgate-ci-summary-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(byFolder: Record<string, { passed: number; failed: number; skipped: number }>) {
  const total = Object.values(byFolder).reduce(
    (sum, c) => ({ passed: sum.passed + c.passed, failed: sum.failed + c.failed, skipped: sum.skipped + c.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  const file = join(dir, `${Math.random()}.json`);
  writeFileSync(file, JSON.stringify({ total, byFolder }));
  const run = spawnSync(process.execPath, [script, file], { encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe(".ci/check-summary.mjs", () => {
  it("fails when a browser test was skipped, naming the fix, and still ends with the vitest line", () => {
    const run = check({ api: { passed: 10, failed: 0, skipped: 0 }, browser: { passed: 0, failed: 0, skipped: 3 } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("apt-get install chromium");
    expect(run.stdout.trim().split("\n").at(-1)).toBe("vitest: 10 passed, 0 failed, 3 skipped");
  });

  it("fails when no browser test ran at all", () => {
    expect(check({ api: { passed: 10, failed: 0, skipped: 0 } }).status).toBe(1);
  });

  it("passes when the browser tests ran", () => {
    const run = check({ api: { passed: 10, failed: 0, skipped: 1 }, browser: { passed: 3, failed: 0, skipped: 0 } });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe("vitest: 13 passed, 0 failed, 1 skipped");
  });
});

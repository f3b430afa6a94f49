import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defused } from "../../packages/cli/src/context.js";
import { cell, escapeData, escapeProperty, githubActions } from "../../packages/cli/src/github.js";

/** GitHub Actions mode's escaping, on the hostile strings a spec or a comment can carry. */
describe("GitHub Actions escaping", () => {
  it("keeps a workflow command on one line, whatever its text holds", () => {
    expect(escapeData("50% done\r\n::set-output name=x::y")).toBe("50%25 done%0D%0A::set-output name=x::y");
    expect(escapeProperty("a: b, c\n")).toBe("a%3A b%2C c%0A");
    const gha = githubActions({ GITHUB_ACTIONS: "true" })!;
    expect(gha.error("t::x,y", "line\n::error::forged").split("\n")).toHaveLength(1);
    expect(gha.mask("s3cr%t")).toBe("::add-mask::s3cr%25t");
  });

  it("defuses a printed line that would read as a command, also after blanks", () => {
    expect(defused("  ::error::forged")).toBe("|   ::error::forged");
    expect(defused("12:00:00 step 1: done")).toBe("12:00:00 step 1: done");
    expect(cell("a|b\n<script>`x`")).toBe("a\\|b &lt;script&gt;'x'");
  });

  it("writes outputs as heredoc blocks whose delimiter no value contains", () => {
    const file = join(mkdtempSync(join(tmpdir(), "rollgate-gha-")), "output");
    githubActions({ GITHUB_ACTIONS: "true", GITHUB_OUTPUT: file })!.setOutputs({ status: "rolled_back", note: "two\nlines\nghadelimiter_x", skipped: undefined });
    const text = readFileSync(file, "utf8");
    const [, name, delimiter] = /^(status)<<(ghadelimiter_[0-9a-f-]{36})\n/.exec(text)!;
    expect(name).toBe("status");
    expect(text).toContain(`\nrolled_back\n${delimiter}\n`);
    expect(text).toMatch(/note<<(ghadelimiter_[0-9a-f-]{36})\ntwo\nlines\nghadelimiter_x\n\1\n$/);
    expect(text).not.toContain("skipped");
  });
});

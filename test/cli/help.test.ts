import { describe, expect, it } from "vitest";
import { createProgram, run } from "../../packages/cli/src/program.js";

/** `rollgate … --help`, in process: what a user reads before the first run. */
async function help(path: string[]): Promise<string> {
  let out = "";
  const code = await run([...path, "--help"], { env: {}, stdout: (t) => void (out += t), stderr: (t) => void (out += t) });
  expect(code).toBe(0);
  return out;
}

type Command = ReturnType<typeof createProgram>["program"];

function leaves(command: Command, path: string[] = []): { path: string[]; command: Command }[] {
  if (command.commands.length === 0) return [{ path, command }];
  return command.commands.filter((c) => c.name() !== "help").flatMap((c) => leaves(c, [...path, c.name()]));
}

const { program } = createProgram({ env: {}, stdout: () => undefined, stderr: () => undefined });
const commands = leaves(program);

describe("rollgate --help", () => {
  it("lists every command of DESIGN.md section 12 and the exit-code table", async () => {
    expect(commands.map((c) => c.path.join(" ")).sort()).toEqual(
      ["abort", "approve", "deploy", "promote", "reject", "rollback", "specs diff", "specs get", "specs register", "specs validate", "status", "watch"],
    );
    const text = await help([]);
    for (let code = 0; code <= 7; code++) expect(text).toMatch(new RegExp(`^  ${code}  \\S`, "m"));
  });

  for (const { path, command } of commands) {
    it(`${path.join(" ")}: lists every flag, and an example uses each`, async () => {
      const text = await help(path);
      const [options, examples] = text.split("\nExamples:\n");
      expect(examples, "an Examples section").toBeDefined();
      const flags = command.options.map((o) => o.long!).filter((flag) => flag !== "--help");
      expect(flags).toEqual(expect.arrayContaining(["--url", "--token", "--output"]));
      for (const flag of flags) {
        expect(options, `${flag} in the options`).toContain(flag);
        expect(examples, `${flag} in an example`).toMatch(new RegExp(`rollgate ${path.join(" ")}\\b.*${flag}\\b`));
      }
    });
  }

  it("exits 2 on a usage error, naming what is missing", async () => {
    let err = "";
    const code = await run(["deploy", "payments-api"], { env: {}, stdout: () => undefined, stderr: (t) => void (err += t) });
    expect(code).toBe(2);
    expect(err).toContain("--env");
    const badTimeout = await run(["watch", "dep-1", "--timeout", "soon"], { env: {}, stdout: () => undefined, stderr: (t) => void (err += t) });
    expect(badTimeout).toBe(2);
    expect(err).toContain("is not a duration");
  });
});

import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../packages/functions/src/local/dynamodb-local.js";

/** `npm start`'s program, run as a real child process the way a developer runs it. */
const root = resolve(import.meta.dirname, "../..");
const main = join(root, "packages/functions/src/local/main.ts");

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string | undefined>): Started {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", main], {
    cwd: root,
    env: { ...process.env, ROLLGATE_LOG_LEVEL: "WARN", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(started: Started, pattern: RegExp, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!pattern.test(started.output())) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${started.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "rollgate-local-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("npm start (the local runtime as a process)", () => {
  it("without Java, stops with one line naming the fix, not a stack trace", async () => {
    const bin = tempDir();
    symlinkSync(process.execPath, join(bin, "node"));
    const run = start({ PATH: bin, PORT: String(await freePort()), ROLLGATE_DATA_DIR: tempDir() });
    expect(await run.exited).toBe(1);
    const lines = run.output().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^rollgate: Java was not found\..*Java 17.*install/);
  });

  it("a port already in use is a clear error", async () => {
    const taken = createServer();
    const port = await freePort();
    await new Promise<void>((r) => taken.listen(port, "127.0.0.1", () => r()));
    try {
      const run = start({ PORT: String(port), ROLLGATE_DATA_DIR: tempDir() });
      expect(await run.exited).toBe(1);
      expect(run.output().trim()).toBe(
        `rollgate: port ${port} is already in use: stop whatever listens there, or start with another port, e.g. PORT=${port + 1} npm start`,
      );
    } finally {
      taken.close();
    }
  });

  it("serves, keeps data across a restart, and leaves no Java process behind on SIGTERM", async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const env = { PORT: String(port), ROLLGATE_DATA_DIR: dataDir, ROLLGATE_ADMIN_TOKEN: "local-runtime-test-token" };
    const headers = { authorization: "Bearer local-runtime-test-token" };

    const first = start(env);
    await waitForOutput(first, /Rollgate is running at/);
    expect(first.output()).toContain(`/docs`);
    const created = await fetch(`http://127.0.0.1:${port}/v1/specs`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ ospec_version: "1.0.0", id: "kept-spec", name: "Kept", outcome_type: "api" }),
    });
    expect(created.status).toBe(201);
    const [ownerPid, javaPid] = (await import("node:fs")).readFileSync(join(dataDir, "dynamodb.pid"), "utf8").trim().split(" ").map(Number);
    expect(ownerPid).toBe(first.child.pid);
    expect(alive(javaPid!)).toBe(true);

    // A second Rollgate on the same data dir is refused; the first keeps its database.
    const intruder = start({ ...env, PORT: String(await freePort()) });
    expect(await intruder.exited).toBe(1);
    expect(intruder.output().trim()).toMatch(/^rollgate: another Rollgate \(pid \d+\) is using .*ROLLGATE_DATA_DIR/);
    expect(alive(javaPid!)).toBe(true);

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(alive(javaPid!)).toBe(false);

    const second = start(env);
    await waitForOutput(second, /Rollgate is running at/);
    const kept = await fetch(`http://127.0.0.1:${port}/v1/specs/kept-spec`, { headers });
    expect(kept.status).toBe(200);
    expect(((await kept.json()) as { latestVersion: number }).latestVersion).toBe(1);
    second.child.kill("SIGINT");
    expect(await second.exited).toBe(0);
  }, 120_000);
});

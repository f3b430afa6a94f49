import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
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

function start(env: Record<string, string | undefined>, command: string[] = [process.execPath, "--import", "tsx", main]): Started {
  let output = "";
  const child = spawn(command[0]!, command.slice(1), {
    cwd: root,
    env: { ...process.env, ROLLGATE_LOG_LEVEL: "WARN", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that a failed test can still clean up everything it started.
    detached: true,
  });
  groups.push(child.pid!);
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

const groups: number[] = [];
afterAll(() => {
  for (const group of groups) {
    try {
      process.kill(-group, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

/** The data dir's pid file: `{ owner: {pid, startTime}, dynamodb: {pid, startTime} }`. */
function readLock(dataDir: string) {
  const lock = JSON.parse(readFileSync(join(dataDir, "dynamodb.pid"), "utf8")) as { owner: { pid: number }; dynamodb?: { pid: number } };
  return { ownerPid: lock.owner.pid, javaPid: lock.dynamodb!.pid };
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

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
    const { ownerPid, javaPid } = readLock(dataDir);
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

describe("npm start: signals, stale locks and the admin token", () => {
  it("SIGTERM to the `npm start` pid stops the server and DynamoDB Local (nothing is left under pid 1)", async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const run = start({ PORT: String(port), ROLLGATE_DATA_DIR: dataDir, ROLLGATE_ADMIN_TOKEN: "npm-start-signal-token" }, ["npm", "start", "--silent"]);
    await waitForOutput(run, /Rollgate is running at/);
    const { ownerPid, javaPid } = readLock(dataDir);
    expect(ownerPid).not.toBe(run.child.pid); // npm is not the server: the signal must reach it
    expect(await portOpen(port)).toBe(true);

    process.kill(run.child.pid!, "SIGTERM");
    await run.exited;
    // npm waits for its child; give the (reparented) processes a moment only if something is wrong.
    for (let i = 0; i < 100 && (alive(ownerPid) || alive(javaPid)); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive(ownerPid)).toBe(false);
    expect(alive(javaPid)).toBe(false);
    expect(await portOpen(port)).toBe(false);
  }, 120_000);

  it("a pid file left by a hard kill, naming a live unrelated process, does not block the start (and that process is left alone)", async () => {
    const dataDir = tempDir();
    const port = await freePort();
    // A live process that is not Rollgate, under the pid the old file names (pid reuse).
    const bystander = spawn("sleep", ["600"], { stdio: "ignore", detached: true });
    groups.push(bystander.pid!);
    const pid = bystander.pid!;
    for (const stale of [`${pid} ${pid}`, JSON.stringify({ owner: { pid, startTime: "1" }, dynamodb: { pid, startTime: "1" } })]) {
      writeFileSync(join(dataDir, "dynamodb.pid"), stale);
      const run = start({ PORT: String(port), ROLLGATE_DATA_DIR: dataDir, ROLLGATE_ADMIN_TOKEN: "stale-lock-token" });
      await waitForOutput(run, /Rollgate is running at|^rollgate: /m);
      expect(run.output()).toContain("Rollgate is running at");
      expect(alive(pid)).toBe(true);
      expect(readLock(dataDir).ownerPid).toBe(run.child.pid);
      run.child.kill("SIGTERM");
      expect(await run.exited).toBe(0);
    }
    bystander.kill("SIGKILL");
  }, 120_000);

  it("setting ROLLGATE_ADMIN_TOKEN revokes the admin token an earlier start generated", async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const first = start({ PORT: String(port), ROLLGATE_DATA_DIR: dataDir, ROLLGATE_ADMIN_TOKEN: undefined });
    await waitForOutput(first, /export ROLLGATE_TOKEN=\S+/);
    const generated = /export ROLLGATE_TOKEN=(\S+)/.exec(first.output())![1]!;
    const specs = (token: string) => fetch(`http://127.0.0.1:${port}/v1/specs`, { headers: { authorization: `Bearer ${token}` } });
    expect((await specs(generated)).status).toBe(200);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);

    const second = start({ PORT: String(port), ROLLGATE_DATA_DIR: dataDir, ROLLGATE_ADMIN_TOKEN: "chosen-admin-token-0123" });
    await waitForOutput(second, /Rollgate is running at/);
    expect(second.output()).toMatch(/Admin token: from ROLLGATE_ADMIN_TOKEN \(the one generated at an earlier start, \S+, is now revoked\)/);
    expect((await specs(generated)).status).toBe(401);
    expect((await specs("chosen-admin-token-0123")).status).toBe(200);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 120_000);
});

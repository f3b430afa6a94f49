import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type DeploymentEvent } from "@rollgate/client";
import { eventLine } from "../../packages/cli/src/render.js";
import { fixture, rollgate, runRollgate, startCliServer, type CliRun, type CliServer } from "./cli-server.js";

/**
 * `rollgate` as a child process (no TTY) against a real server: the app on a loopback port,
 * the real ASL on the local engine, DynamoDB Local. Each exit code of DESIGN.md section 12
 * comes from a real rollout; five rollouts in all, with bakes of half a second.
 */

let server: CliServer;
let env: Record<string, string>;
let approverToken: string;
const controlCharacters = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

beforeAll(async () => {
  server = await startCliServer({ waitScale: 0.05 });
  const ci = await server.token("ci", ["specs:read", "specs:write", "deploy"]);
  approverToken = await server.token("approver", ["approve", "specs:read"]);
  env = { ROLLGATE_URL: server.url, ROLLGATE_TOKEN: ci };
});
afterAll(async () => {
  await server?.close();
});

const lines = (text: string) => text.split("\n").filter((line) => line !== "");

function expectNoStackTrace(run: CliRun) {
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stdout).not.toMatch(/^\s+at /m);
}

async function events(id: string): Promise<DeploymentEvent[]> {
  return (await server.runtime.services.events!.after(id, 0, 100)).items as DeploymentEvent[];
}

/** $GITHUB_OUTPUT in the heredoc form (`name<<DELIMITER`, value lines, `DELIMITER`). */
function parseGithubOutput(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const rows = text.split("\n");
  for (let i = 0; i < rows.length; i++) {
    const head = /^([\w-]+)<<(.+)$/.exec(rows[i]!);
    if (!head) continue;
    const end = rows.indexOf(head[2]!, i + 1);
    expect(end, `the ${head[1]} block ends`).toBeGreaterThan(i);
    outputs[head[1]!] = rows.slice(i + 1, end).join("\n");
    i = end;
  }
  return outputs;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("rollgate against a real server", () => {
  it("refuses a bad spec with exit 2, naming the field and its line", async () => {
    for (const command of ["register", "validate"]) {
      const run = await runRollgate(["specs", command, fixture("cli-bad.yaml")], env);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/answered 422 Unprocessable Content/);
      expect(run.stderr).toMatch(/^  - deployment\.strategy: .*\(line 7, column \d+\)$/m);
      expectNoStackTrace(run);
    }
  });

  let succeededId: string;

  it("follows a healthy rollout to exit 0, one line per event and no control characters", async () => {
    const registered = await runRollgate(["specs", "register", fixture("cli-canary.yaml")], env);
    expect(registered.code, registered.stderr).toBe(0);
    expect(registered.stdout).toMatch(/^registered cli-canary v1 /);

    const run = await runRollgate(["deploy", "cli-canary", "--env", "dev", "--wait"], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(controlCharacters);
    const printed = lines(run.stdout);
    const last = printed.pop()!;
    const id = /^deployment (\S+) succeeded: cli-canary v1 -> dev$/.exec(last)?.[1];
    expect(id, last).toBeDefined();
    succeededId = id!;
    // Exactly the log's events, in order, each once: no spinner frames, no repeats.
    const log = await events(succeededId);
    const { data } = await createClient({ baseUrl: server.url, token: env.ROLLGATE_TOKEN }).GET("/v1/deployments/{id}", { params: { path: { id: succeededId } } });
    const plan = data!.plan;
    expect(printed).toEqual(log.slice(0, printed.length).map((event) => eventLine(event, plan)));
    expect(printed.length).toBeGreaterThanOrEqual(log.findIndex((e) => e.type === "deployment.succeeded") + 1);
  });

  it("prints one JSON object with --output json, and one event per line with ndjson", async () => {
    const status = await runRollgate(["status", succeededId, "--output", "json"], env);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ id: succeededId, status: "succeeded", trafficWeights: { stable: 0, candidate: 100 } });

    const watched = await runRollgate(["watch", succeededId, "--output", "json"], env);
    expect(watched.code).toBe(0);
    expect(JSON.parse(watched.stdout)).toMatchObject({ outcome: "succeeded", exitCode: 0, deployment: { id: succeededId, status: "succeeded" } });

    const ndjson = await runRollgate(["watch", succeededId, "--output", "ndjson"], env);
    expect(ndjson.code).toBe(0);
    const streamed = lines(ndjson.stdout).map((line) => JSON.parse(line) as DeploymentEvent);
    expect(streamed.map((e) => e.seq)).toEqual([...streamed.map((e) => e.seq)].sort((a, b) => a! - b!));
    expect(new Set(streamed.map((e) => e.id)).size).toBe(streamed.length);
    expect(streamed.map((e) => e.type)).toContain("deployment.succeeded");
  });

  it("exits 3 when the analysis rolls back, and in GitHub Actions writes the annotation, summary and outputs", async () => {
    expect((await runRollgate(["specs", "register", fixture("cli-canary-broken.yaml")], env)).code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), "rollgate-gha-"));
    const github = { ...env, GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: join(dir, "summary.md"), GITHUB_OUTPUT: join(dir, "output") };
    const run = await runRollgate(["deploy", "cli-canary", "--env", "dev", "--version", "2", "--wait"], github);
    expect(run.code, run.stderr).toBe(3);
    const commands = lines(run.stdout).filter((line) => line.trimStart().startsWith("::"));
    expect(commands[0]).toBe(`::add-mask::${env.ROLLGATE_TOKEN}`);
    expect(commands.slice(1)).toHaveLength(1);
    expect(commands[1]).toMatch(/^::error title=Rollgate%3A cli-canary -> dev%3A rolled_back::deployment \S+ rolled_back: .*ANALYSIS_FAILED/);

    const outputs = parseGithubOutput(readFileSync(github.GITHUB_OUTPUT, "utf8"));
    expect(outputs).toMatchObject({ status: "rolled_back", version: "2" });
    const deployment = await server.deployment(outputs["deployment-id"]!);
    expect(deployment).toMatchObject({ status: "rolled_back", version: 2, failure: { code: "ANALYSIS_FAILED" } });

    const summary = readFileSync(github.GITHUB_STEP_SUMMARY, "utf8");
    expect(summary).toContain(`### Rollgate: cli-canary v2 → dev: rolled back`);
    expect(summary).toMatch(/\| traffic \| stable 100% \(v1\), candidate 0% \(v2\) \|/);
    for (const section of ["#### Steps", "#### Analysis", "#### Approvals", "#### Compensations"]) expect(summary).toContain(section);
    expect(summary).toMatch(/^\| \d+ \| analysis \| failed \|$/m);
    expect(summary).toMatch(/\| \d+ \| 50% \| 0\.5 \| \d+ \| no \|/);
    expect(summary).toMatch(/\| \d+ \| shift_to_stable \| completed \|/);
  });

  let gatedId: string;

  it("exits 0 at the gate with --until approval, then 6 when --timeout passes, leaving the rollout running", async () => {
    expect((await runRollgate(["specs", "register", fixture("cli-gated.yaml")], env)).code).toBe(0);
    const run = await runRollgate(["deploy", "cli-gated", "--env", "dev", "--until", "approval", "--output", "json"], env);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ outcome: "awaiting_approval", exitCode: 0, deployment: { status: "awaiting_approval" } });
    gatedId = result.deployment.id;

    const watched = await runRollgate(["watch", gatedId, "--timeout", "2s"], env);
    expect(watched.code, watched.stderr).toBe(6);
    expect(lines(watched.stdout).at(-1)).toBe(
      `deployment ${gatedId} is still awaiting_approval after 2s: it keeps running. Keep watching with: rollgate watch ${gatedId}`,
    );
    expect((await server.deployment(gatedId)).status).toBe("awaiting_approval");
  });

  it("exits 4 after a rejection, and text from a person cannot forge a workflow command", async () => {
    const comment = "error budget spent\n::error title=forged::pwned\r%0A::set-output name=x::y";
    const rejected = await runRollgate(["reject", gatedId, "--comment", comment], { ...env, ROLLGATE_TOKEN: approverToken });
    expect(rejected.code, rejected.stderr).toBe(0);
    expect(rejected.stdout).toMatch(/^reject recorded on \S+: the gate is rejected$/m);

    const dir = mkdtempSync(join(tmpdir(), "rollgate-gha-"));
    const github = { ...env, GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: join(dir, "summary.md"), GITHUB_OUTPUT: join(dir, "output") };
    const run = await runRollgate(["watch", gatedId], github);
    expect(run.code, run.stderr).toBe(4);
    expect(run.stdout).not.toMatch(controlCharacters);
    const commands = lines(run.stdout).filter((line) => line.trimStart().startsWith("::"));
    expect(commands).toHaveLength(2); // the mask and the one annotation
    expect(commands[1]).toMatch(/^::error title=Rollgate%3A cli-gated -> dev%3A rejected::.*APPROVAL_REJECTED/);
    // The comment is on its line, escaped, and the summary has it in one cell.
    expect(run.stdout).toContain("approval gate rejected by approver: error budget spent\\n::error title=forged::pwned\\r%0A::set-output");
    const summary = readFileSync(github.GITHUB_STEP_SUMMARY, "utf8");
    expect(summary).toMatch(/^\| 1 \| any approver \| rejected \| approver: reject "error budget spent ::error title=forged::pwned %0A::set-output name=x::y" \|$/m);
    expect(parseGithubOutput(readFileSync(github.GITHUB_OUTPUT, "utf8"))).toMatchObject({ "deployment-id": gatedId, status: "rolled_back" });
  });

  it("exits 5 when another process aborts the rollout it follows", async () => {
    const follower = rollgate(["deploy", "cli-gated", "--env", "dev", "--wait", "--output", "ndjson"], env);
    let id: string | undefined;
    for (;;) {
      const first = follower.stdout.split("\n")[0];
      if (first && follower.stdout.includes("\n")) {
        id = (JSON.parse(first) as DeploymentEvent).deploymentId;
        if ((await server.deployment(id!)).status === "awaiting_approval") break;
      }
      expect(follower.code, follower.stderr).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const aborted = await runRollgate(["abort", id!, "--reason", "wrong build"], env);
    expect(aborted.code, aborted.stderr).toBe(0);
    const run = await follower.done;
    expect(run.code, run.stderr).toBe(5);
    const streamed = lines(run.stdout).map((line) => JSON.parse(line) as DeploymentEvent);
    expect(streamed.map((e) => e.type)).toEqual(expect.arrayContaining(["deployment.abort_requested", "deployment.aborted"]));
  });

  it("exits 7 when a compensation keeps failing (rollback_failed)", async () => {
    expect((await runRollgate(["specs", "register", fixture("cli-stuck.yaml")], env)).code).toBe(0);
    const run = await runRollgate(["deploy", "cli-stuck", "--env", "dev", "--wait"], env);
    expect(run.code, run.stderr).toBe(7);
    expect(lines(run.stdout).at(-1)).toMatch(/^deployment \S+ rollback_failed: cli-stuck v1 -> dev \(ANALYSIS_FAILED: .*\); compensation teardown_candidate kept failing: .*; a human must act/);
    expect(run.stdout).toMatch(/ROLLBACK FAILED: /);
  });

  it("exits 1 naming the URL when the server cannot be reached, and 2 for a refused request", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const down = await runRollgate(["status", "dep-1", "--url", url], env);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(new RegExp(`^rollgate: cannot reach ${url}/v1/deployments/dep-1: `, "m"));
    expectNoStackTrace(down);

    const unknown = await runRollgate(["status", "no-such-deployment"], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/answered 404 Not Found/);
    const asJson = await runRollgate(["status", "no-such-deployment", "--output", "json"], env);
    expect(asJson.code).toBe(2);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ exitCode: 2, error: { status: 404, problem: { status: 404, code: expect.any(String) } } });
    const unauthenticated = await runRollgate(["status", "no-such-deployment"], { ...env, ROLLGATE_TOKEN: "" });
    expect(unauthenticated.code).toBe(2);
    expect(unauthenticated.stderr).toContain("set ROLLGATE_TOKEN or pass --token");
  });
});

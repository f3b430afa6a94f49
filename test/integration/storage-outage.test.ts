import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { keys, marshallItem } from "@rollgate/core/store";
import { freePort } from "../../packages/functions/src/local/dynamodb-local.js";
import { startLocalRuntime, type LocalRuntime } from "../../packages/functions/src/local/runtime.js";

/**
 * DynamoDB Local dies in the middle of a rollout. This is the local runtime's own database
 * (its own data dir and port, not the one the other test files share): the runtime must
 * restart it, and the rollout must end by itself, finished or compensated, with the lock
 * released. The outage outlasts the state machine's retries on purpose (the restart is held
 * back longer than their budget), so the execution gives up and the runtime has to notice
 * the deployment nothing drives any more and resume it.
 */
const dataDir = mkdtempSync(join(tmpdir(), "rollgate-outage-"));
let local: LocalRuntime | undefined;
const lines: string[] = [];
const originalWrite = process.stdout.write.bind(process.stdout);

afterAll(async () => {
  process.stdout.write = originalWrite;
  await local?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const spec = {
  ospec_version: "1.0.0",
  id: "outage-api",
  name: "Outage API",
  outcome_type: "api",
  deployment: {
    strategy: "canary",
    canary: {
      traffic_split: [{ version: "current", percentage: 75 }, { version: "candidate", percentage: 25 }],
      success_criteria: { error_rate_threshold: 0.05, latency_p99_threshold: 800 },
    },
    analysis: { interval: "30s", threshold: 1, step_weight: 25, max_weight: 50 },
    target: { type: "simulated" },
  },
  guardrails: { deployment: { health_check_retries: 1 } },
  environments: { dev: {} },
};

describe("storage outage in the middle of a rollout (local runtime)", () => {
  it("DynamoDB Local is restarted and the rollout ends finished or compensated, lock released, with no human", async () => {
    process.env.ROLLGATE_ADMIN_TOKEN = "outage-admin-token-0123456789";
    // Console lines (restart and resume notices) are what an operator sees: keep them.
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return (originalWrite as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
    local = await startLocalRuntime({
      port: await freePort(),
      host: "127.0.0.1",
      dataDir,
      // Bakes of 30 s become 3 s; the state machine's retry budget shrinks the same way (~10 s).
      waitScale: 0.1,
      // Held back past that budget, so that the executions give up before the database returns.
      restartBackoffMs: [15_000],
      reconcileEveryMs: 500,
      reconcileQuietMs: 1_000,
    });
    const app = local.runtime.app;
    const headers = { authorization: `Bearer ${process.env.ROLLGATE_ADMIN_TOKEN}`, "content-type": "application/json" };
    const call = async (path: string, init: RequestInit = {}) => {
      const response = await app.request(path, { ...init, headers });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    expect((await call("/v1/specs", { method: "POST", body: JSON.stringify(spec) })).status).toBe(201);
    expect((await call("/v1/specs", { method: "POST", body: JSON.stringify({ ...spec, description: "v2" }) })).status).toBe(201);
    const first = await call("/v1/deployments", { method: "POST", body: JSON.stringify({ specId: "outage-api", version: 1, environment: "dev" }) });
    expect(first.status).toBe(202);
    const waitFor = async (id: string, done: (d: Record<string, unknown>) => boolean) => {
      for (;;) {
        const got = await call(`/v1/deployments/${id}`);
        if (got.status === 200 && done(got.body)) return got.body;
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const finished = (d: Record<string, unknown>) => ["succeeded", "rolled_back", "aborted", "rollback_failed"].includes(d.status as string);
    expect((await waitFor(first.body.id as string, finished)).status).toBe("succeeded");

    const second = await call("/v1/deployments", { method: "POST", body: JSON.stringify({ specId: "outage-api", version: 2, environment: "dev" }) });
    expect(second.status).toBe(202);
    const id = second.body.id as string;
    // Candidate traffic is live (25 %, baking): now the database dies.
    await waitFor(id, (d) => d.status === "in_progress" && ((d.trafficWeights as { candidate?: number } | undefined)?.candidate ?? 0) > 0);
    const oldPid = local.dynamo.pid!;
    process.kill(oldPid, "SIGKILL");

    // While it is down the API says so, and /health too.
    let during = await call(`/v1/deployments/${id}`);
    for (let i = 0; during.status === 200 && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      during = await call(`/v1/deployments/${id}`);
    }
    expect(during.status).toBe(503);
    expect(during.body.code).toBe("STORAGE_UNAVAILABLE");
    let health = await app.request("/health");
    while (health.status === 200) {
      await new Promise((r) => setTimeout(r, 200));
      health = await app.request("/health");
    }
    expect(health.status).toBe(503);

    const outcome = await waitFor(id, finished);
    expect(["succeeded", "rolled_back"]).toContain(outcome.status);
    expect(local.dynamo.restarts).toBeGreaterThanOrEqual(1);
    expect(local.dynamo.pid).not.toBe(oldPid);
    const console = lines.join("");
    expect(console).toMatch(/DynamoDB Local \(pid \d+\) exited \(signal SIGKILL\); restarting it/);
    expect(console).toMatch(/DynamoDB Local restarted \(pid \d+\)/);
    expect(console).toContain(`deployment ${id} resumed`);

    // The environment's lock is released and it is on one version, all traffic on it.
    const lock = await local.runtime.table.client.send(
      new GetItemCommand({ TableName: local.runtime.table.tableName, Key: marshallItem(keys.lock("outage-api", "dev")), ConsistentRead: true }),
    );
    expect(lock.Item).toBeUndefined();
    const envs = await call("/v1/specs/outage-api/environments");
    const dev = (envs.body.items as { name: string; currentVersion: number }[]).find((e) => e.name === "dev");
    expect(dev?.currentVersion).toBe(outcome.status === "succeeded" ? 2 : 1);
    expect((await app.request("/health")).status).toBe(200);
  }, 300_000);
});

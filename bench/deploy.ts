import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { Agent } from "node:http";
import { compilePlan, createDynamoDeploymentStore, newDeploymentRecord } from "@rollgate/core/rollout";
import { createDynamoClient, ensureTable } from "@rollgate/core/store";
import { benchClient } from "./client.js";
import { fmt, median, percentile, runConcurrent, verdict } from "./stats.js";

const CLIENTS = 8;
const PER_ROUND = 100;
const ROUNDS = 4;
const TARGET = 2.5;

/** A spec whose first environment has no prerequisite (each deployment takes its own spec's lock). */
const document = (id: string) => ({
  ospec_version: "1.0.0",
  id,
  name: "Bench deploy",
  outcome_type: "api",
  deployment: { strategy: "canary", analysis: { interval: "30s", threshold: 1, step_weight: 25, max_weight: 50 } },
});

/**
 * `npm run bench -- deploy`: POST /v1/deployments over HTTP (its own process; StartExecution
 * answered by an in-process stand-in, see bench/server.ts) against the one raw
 * TransactWriteItems a deployment needs at least: the deployment, its first event, its two
 * listing copies, the lock, the ACTIVE entry and the pointer check, written through the
 * store adapter with fresh keys. Rounds alternate, so drift on this shared machine hits both.
 */
export async function benchDeploy(endpoint: string): Promise<string[]> {
  const tableName = `bench-${randomUUID().slice(0, 8)}`;
  const client = createDynamoClient({ endpoint });
  const table = { client, tableName };
  await ensureTable(table);
  const token = `rg_bench_${randomUUID()}`;
  const server = spawn(process.execPath, ["--import", "tsx", "bench/server.ts"], {
    env: { ...process.env, BENCH_TABLE: tableName, BENCH_DYNAMO: endpoint, BENCH_TOKEN: token, BENCH_START_STANDIN: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  // Idle sockets are dropped after 2 s, before the server's 5 s keep-alive timeout closes them
  // under a request (the raw rounds leave them idle): a reset would otherwise fail a round.
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS, timeout: 2_000 });
  try {
    const [line] = (await once(server.stdout!, "data")) as [Buffer];
    const base = `http://127.0.0.1:${Number(/READY (\d+)/.exec(line.toString())?.[1])}`;
    const api = benchClient(base, token, agent);

    // One spec per deployment (each holds its lock: nothing runs them). Registered up front.
    const total = PER_ROUND * (ROUNDS + 1);
    const specIds = Array.from({ length: total }, (_, i) => `bench-deploy-${i}`);
    await runConcurrent(CLIENTS, total, async (i) => {
      const res = await api.POST("/v1/specs", { body: document(specIds[i]!) });
      if (res.response.status !== 201) throw new Error(`register: ${res.response.status} ${JSON.stringify(res.error)}`);
    });
    let nextSpec = 0;
    const deploy = async () => {
      const res = await api.POST("/v1/deployments", { body: { specId: specIds[nextSpec++]!, version: 1, environment: "dev" } });
      if (res.response.status !== 202) throw new Error(`deploy: ${res.response.status} ${JSON.stringify(res.error)}`);
    };

    const store = createDynamoDeploymentStore({ table, clock: () => new Date() });
    const plan = compilePlan({ specId: "raw", version: 1, document: document("raw"), environment: "dev", environmentsPath: ["dev"] });
    const rawWrite = async () => {
      const specId = `raw-${randomUUID()}`;
      const record = newDeploymentRecord({ plan: { ...plan, specId }, requestedBy: "bench" }, null, new Date().toISOString());
      await store.commit(undefined, {
        after: record,
        events: [{ type: "deployment.created", actor: "bench", data: { version: 1, stableVersion: null, strategy: plan.strategy, purpose: plan.purpose, minDurationSeconds: plan.minDurationSeconds } }],
        extra: [{ effect: { kind: "take_lock" } }, { effect: { kind: "mark_active" } }, { effect: { kind: "environment_unchanged", currentVersion: null } }],
      });
    };

    // Warm both paths (connections, JIT, token cache), then alternate rounds.
    await runConcurrent(CLIENTS, PER_ROUND, deploy);
    await runConcurrent(CLIENTS, PER_ROUND, rawWrite);
    const viaHttp: number[] = [];
    const raw: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      raw.push(...(await runConcurrent(CLIENTS, PER_ROUND, rawWrite)).latencies);
      viaHttp.push(...(await runConcurrent(CLIENTS, PER_ROUND, deploy)).latencies);
    }
    const [p50, p99, rawP50, rawP99] = [median(viaHttp), percentile(viaHttp, 99), median(raw), percentile(raw, 99)];
    return [
      `deploy path (DynamoDB Local, ${CLIENTS} concurrent clients, HTTP server in its own process, StartExecution answered by an in-process stand-in)`,
      `  one raw TransactWriteItems of a new deployment's items (deployment, event, 2 listing copies, lock, ACTIVE, pointer check): p50 ${fmt(rawP50)} ms, p99 ${fmt(rawP99)} ms (n=${raw.length})`,
      `  POST /v1/deployments over HTTP (BatchGetItem, that transaction, the recorded start): p50 ${fmt(p50)} ms, p99 ${fmt(p99)} ms (n=${viaHttp.length})`,
      `    ratio to the raw transaction: p50 ${fmt(p50 / rawP50)}x, p99 ${fmt(p99 / rawP99)}x (target p50 <= ${fmt(TARGET)}x: ${verdict(p50 / rawP50 <= TARGET)})`,
    ];
  } finally {
    server.kill("SIGTERM");
    agent.destroy();
    client.destroy();
  }
}

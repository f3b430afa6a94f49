/**
 * Dashboard figures: each page's time against the API call it is built on, with 100 specs
 * and 1,000 deployments (10 of them waiting at a gate), in process (`app.request`, the same
 * app the Lambda and the local server run) on DynamoDB Local. Target: every page under
 * 100 ms at p50. Seeded through the registry and the deployment store (no rollouts run).
 */
import { randomUUID } from "node:crypto";
import { parse } from "yaml";
import { readFileSync } from "node:fs";
import { createClient } from "@rollgate/client";
import { compilePlan, createDynamoDeploymentStore, newDeploymentRecord, type DeploymentRecord, type EnvironmentSnapshot } from "@rollgate/core/rollout";
import { createDynamoClient, ensureTable } from "@rollgate/core/store";
import type { Orchestrator } from "@rollgate/core/workflow";
import { createLogger } from "../packages/functions/src/logger.js";
import { createRuntime } from "../packages/functions/src/wiring.js";
import { fmt, percentile, verdict } from "./stats.js";

const SPECS = 100;
const DEPLOYMENTS_PER_SPEC = 10;
const WAITING = 10;
const ROUNDS = 150;
const ENVS = ["dev", "staging", "production"] as const;

/** No rollout runs in the bench: the orchestrator is never called. */
const idleOrchestrator = new Proxy({} as Orchestrator, {
  get: () => () => Promise.reject(new Error("the ui bench starts no executions")),
});

export async function benchUi(endpoint: string): Promise<string[]> {
  process.env.ROLLGATE_LOG_LEVEL ??= "SILENT";
  const tableName = `bench-ui-${randomUUID().slice(0, 8)}`;
  const client = createDynamoClient({ endpoint });
  await ensureTable({ client, tableName });
  const table = { client, tableName };
  const runtime = createRuntime(
    { tableName, cursorSecret: "bench", publicBaseUrl: "http://localhost" },
    { kind: "remote", orchestrator: idleOrchestrator },
    { table, logger: createLogger("rollgate-bench-ui") },
  );
  const { services, app } = runtime;
  const admin = await services.tokens.issue({ subject: "bench-admin", scopes: ["admin"] }, "bench");
  const approver = await services.tokens.issue({ subject: "bench-approver", scopes: ["specs:read", "approve"], roles: ["tech-lead"] }, "bench");
  const base = parse(readFileSync("test/fixtures/canary-service.yaml", "utf8"));
  const store = createDynamoDeploymentStore({ table, clock: () => new Date() });

  const seedStarted = performance.now();
  const ids: string[] = [];
  const waitingIds: string[] = [];
  await Promise.all(
    Array.from({ length: 8 }, async (_, worker) => {
      for (let s = worker; s < SPECS; s += 8) {
        const specId = `bench-svc-${String(s).padStart(3, "0")}`;
        for (const version of [1, 2]) {
          await services.registry.register(JSON.stringify({ ...base, id: specId, description: `v${version}` }), { format: "json", principal: { subject: "bench-admin", tokenId: admin.id, scopes: ["admin"], roles: [] } });
        }
        const pointers = new Map<string, EnvironmentSnapshot>(ENVS.map((env) => [env, { currentVersion: null, previousVersion: null, lastDeploymentId: null }]));
        for (let d = 0; d < DEPLOYMENTS_PER_SPEC; d++) {
          const environment = ENVS[d % ENVS.length]!;
          const version = d < ENVS.length ? 1 : 2;
          const waiting = s < WAITING && d === DEPLOYMENTS_PER_SPEC - 1;
          const plan = compilePlan({ specId, version, document: { ...base, id: specId }, environment, environmentsPath: [...ENVS] });
          const at = new Date(Date.now() - (DEPLOYMENTS_PER_SPEC - d) * 60_000).toISOString();
          const fresh = newDeploymentRecord({ plan, requestedBy: "bench-ci" }, pointers.get(environment)!.currentVersion, at);
          const before = pointers.get(environment)!;
          let record: DeploymentRecord;
          if (waiting) {
            const gateStep = plan.steps.find((step) => step.kind === "approval") ?? plan.steps[0]!;
            record = {
              ...fresh,
              status: "awaiting_approval",
              currentStep: gateStep.index,
              approvals: [{ gate: 0, step: gateStep.index, requiredRoles: ["tech-lead"], openedAt: at, expiresAt: new Date(Date.now() + 3600_000).toISOString(), status: "open", approvedRoles: [], votes: [], links: 0 }],
            };
            await store.commit(undefined, { after: record, events: [{ type: "deployment.created", data: { version, strategy: plan.strategy, purpose: plan.purpose } }], extra: [{ effect: { kind: "mark_active" } }] });
            waitingIds.push(record.id);
          } else {
            // As the saga does it: the pointer moves at promote, the success is recorded at the end.
            const promoted = await store.commit(undefined, {
              after: { ...fresh, status: "in_progress" },
              events: [{ type: "deployment.created", data: { version, strategy: plan.strategy, purpose: plan.purpose } }],
              extra: [{ effect: { kind: "point_environment", before, at } }],
            });
            record = await store.commit(promoted, {
              after: { ...promoted, status: "succeeded", currentStep: plan.steps.length, trafficWeights: { stable: 0, candidate: 100 }, finishedAt: at },
              events: [{ type: "deployment.succeeded", data: { version, previousVersion: before.currentVersion } }],
              extra: [{ effect: { kind: "record_success" } }],
            });
            pointers.set(environment, { currentVersion: version, previousVersion: before.currentVersion, lastDeploymentId: record.id });
          }
          ids.push(record.id);
        }
      }
    }),
  );
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const session = await services.sessions!.open(approver.token);
  const cookie = `rg_session=${session.secret}`;
  const page = (path: string) => async () => {
    const res = await app.request(`http://localhost${path}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    await res.text();
  };
  // The API side through the typed client (packages/client), over the same app.request.
  const api = createClient({ baseUrl: "http://localhost", token: admin.token, fetch: (input, init) => Promise.resolve(app.request(new Request(input, init))) });
  const ok = async (what: string, call: Promise<{ response: Response }>) => {
    const { response } = await call;
    if (response.status !== 200) throw new Error(`${what}: ${response.status}`);
  };
  const specList = () => ok("GET /v1/specs", api.GET("/v1/specs", { params: { query: { limit: 100 } } }));
  const specDetail = (specId: string) => ok(`GET /v1/specs/${specId}`, api.GET("/v1/specs/{specId}", { params: { path: { specId } } }));
  const specIds = Array.from({ length: SPECS }, (_, s) => `bench-svc-${String(s).padStart(3, "0")}`);
  // The overview's data through the API: the spec list, then each spec's environments.
  const apiOverview = async () => {
    await specList();
    for (let i = 0; i < specIds.length; i += 16) await Promise.all(specIds.slice(i, i + 16).map(specDetail));
  };
  const sample = ids[ids.length - 2]!;

  const pairs: Array<{ name: string; page: () => Promise<void>; api: () => Promise<void>; apiName: string }> = [
    { name: "/ui (overview)", page: page("/ui"), api: specList, apiName: "GET /v1/specs?limit=100" },
    { name: "/ui (overview)", page: page("/ui"), api: apiOverview, apiName: "GET /v1/specs + 100 x GET /v1/specs/{id}" },
    { name: "/ui/approvals", page: page("/ui/approvals"), api: () => ok("GET /v1/deployments", api.GET("/v1/deployments", { params: { query: { status: "awaiting_approval", limit: 100 } } })), apiName: "GET /v1/deployments?status=awaiting_approval" },
    { name: "/ui/specs/{id}", page: page("/ui/specs/bench-svc-050?from=1&to=2"), api: () => ok("GET /v1/specs/{id}/versions", api.GET("/v1/specs/{specId}/versions", { params: { path: { specId: "bench-svc-050" } } })), apiName: "GET /v1/specs/{id}/versions" },
    { name: "/ui/deployments/{id}", page: page(`/ui/deployments/${sample}`), api: () => ok("GET /v1/deployments/{id}", api.GET("/v1/deployments/{id}", { params: { path: { id: sample } } })), apiName: "GET /v1/deployments/{id}" },
  ];

  const rows = [
    `ui: ${SPECS} specs, ${ids.length} deployments (${waitingIds.length} awaiting approval), seeded in ${fmt(seedSeconds, 1)} s; ${ROUNDS} rounds each, in process (app.request), alternating page and API`,
  ];
  for (const pair of pairs) {
    for (let i = 0; i < 10; i++) {
      await pair.page();
      await pair.api();
    }
    const pageMs: number[] = [];
    const apiMs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      let t = performance.now();
      await pair.page();
      pageMs.push(performance.now() - t);
      t = performance.now();
      await pair.api();
      apiMs.push(performance.now() - t);
    }
    const p50 = percentile(pageMs, 50);
    rows.push(
      `  ${pair.name.padEnd(22)} p50 ${fmt(p50)} ms  p99 ${fmt(percentile(pageMs, 99))} ms | ${pair.apiName}: p50 ${fmt(percentile(apiMs, 50))} ms  p99 ${fmt(percentile(apiMs, 99))} ms | page/api p50 ${fmt(p50 / percentile(apiMs, 50))}x | p50 < 100 ms: ${verdict(p50 < 100)}`,
    );
  }
  await client.send(new (await import("@aws-sdk/client-dynamodb")).DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  return rows;
}

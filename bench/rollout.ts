import { randomUUID } from "node:crypto";
import type { Principal } from "@rollgate/core/auth";
import { createDeploymentService, createStepHandler, type DeploymentService, type SpecVersionRecord, type TargetFactory } from "@rollgate/core/rollout";
import { createCursorCodec, createDynamoClient, ensureTable, type TableContext } from "@rollgate/core/store";
import { createTrafficTarget, type TrafficTarget } from "@rollgate/core/target";
import { createLocalOrchestrator, type LocalOrchestrator } from "@rollgate/core/workflow";
import { fmt, verdict } from "./stats.js";

const requester: Principal = { tokenId: "bench", subject: "bench", scopes: ["admin"], roles: [] };

/** A canary with `steps` weight steps (step_weight = max_weight / steps); `interval` is the bake. */
function canary(steps: number, options: { approval?: boolean; interval?: string | number } = {}) {
  const stepWeight = Math.floor(90 / steps);
  return {
    ospec_version: "1.0.0",
    name: "bench",
    outcome_type: "api",
    deployment: {
      strategy: "canary",
      canary: { traffic_split: [{ version: "current", percentage: 100 - stepWeight }, { version: "candidate", percentage: stepWeight }] },
      analysis: { interval: options.interval ?? 0, threshold: 1, step_weight: stepWeight, max_weight: stepWeight * steps },
      target: { type: "simulated" },
    },
    guardrails: { deployment: { health_check_retries: 0 } },
    environments: { dev: options.approval ? { requires_approval: true } : {} },
  };
}

interface Rig {
  table: TableContext;
  orchestrator: LocalOrchestrator;
  service: DeploymentService;
  specs: Map<string, SpecVersionRecord>;
  targetMs: { total: number; calls: number };
}

/** The real step handler, ASL on the local engine and simulated target, with target calls timed. */
function rig(table: TableContext): Rig {
  const specs = new Map<string, SpecVersionRecord>();
  const targetMs = { total: 0, calls: 0 };
  const targets: TargetFactory = (settings) => {
    const inner = createTrafficTarget(settings, { table });
    return new Proxy(inner, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== "function") return value;
        return async (...args: unknown[]) => {
          const t0 = performance.now();
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } finally {
            targetMs.total += performance.now() - t0;
            targetMs.calls++;
          }
        };
      },
    }) as TrafficTarget;
  };
  const stepHandler = createStepHandler({ table, targets, approvalLinks: {} });
  const orchestrator = createLocalOrchestrator({ stepHandler, waitScale: 0 });
  const service = createDeploymentService({
    table,
    orchestrator,
    specs: {
      async getVersion(specId, version) {
        const found = specs.get(`${specId}@${version === "latest" ? 1 : version}`);
        if (!found) throw new Error(`no ${specId}@${version}`);
        return found;
      },
    },
    cursors: createCursorCodec("bench"),
    config: { defaultEnvironments: ["dev"] },
  });
  return { table, orchestrator, service, specs, targetMs };
}

async function runCanary(r: Rig, steps: number, interval: string | number = 0) {
  const specId = `canary-${steps}-${randomUUID().slice(0, 8)}`;
  r.specs.set(`${specId}@1`, { specId, version: 1, state: "active", document: { id: specId, ...canary(steps, { interval }) } });
  const before = { ...r.targetMs };
  const t0 = performance.now();
  const created = await r.service.create({ specId, version: 1, environment: "dev" }, requester);
  if (!("deployment" in created)) throw new Error("expected a deployment");
  const { executionId, plan } = created.deployment;
  const execution = await r.orchestrator.waitForCompletion(executionId!);
  const wallMs = performance.now() - t0;
  const view = await r.service.get(created.deployment.id);
  if (view.status !== "succeeded") throw new Error(`canary ended ${view.status}`);
  return {
    planSteps: plan.steps.length,
    transitions: execution.stateTransitions ?? NaN,
    wallMs,
    targetMs: r.targetMs.total - before.total,
    targetCalls: r.targetMs.calls - before.calls,
  };
}

/** Transitions per rollout, orchestration overhead per step, heap of 1,000 rollouts at gates. */
export async function benchRollouts(endpoint: string, options: { paused?: number } = {}): Promise<string[]> {
  const client = createDynamoClient({ endpoint });
  const table = { client, tableName: `bench-rollout-${randomUUID().slice(0, 8)}` };
  await ensureTable(table);
  const r = rig(table);
  await r.orchestrator.ready();
  const out = ["rollouts (real ASL on the local engine, real step handler, simulated target on DynamoDB Local)"];

  await runCanary(r, 2); // warm-up
  // Transitions are counted with 30 s bakes (the engine's waits are scaled to zero, each
  // Wait state still counts), as a real canary has them.
  for (const steps of [2, 5, 10]) {
    const run = await runCanary(r, steps, "30s");
    const perPlanStep = run.transitions / run.planSteps;
    const perWeight = run.transitions / steps;
    out.push(
      `  canary of ${steps} weight steps: ${run.transitions} state transitions for ${run.planSteps} plan steps = ${fmt(perPlanStep)} per plan step, ${fmt(perWeight)} per weight step (target <= 4 per plan step: ${verdict(perPlanStep <= 4)})`,
    );
  }

  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await runCanary(r, 10));
  runs.sort((a, b) => a.wallMs - b.wallMs);
  const median = runs[1]!;
  const overheadPerStep = (median.wallMs - median.targetMs) / median.planSteps;
  const overheadPerWeight = (median.wallMs - median.targetMs) / 10;
  out.push(
    `  10-step canary, zero bake: ${fmt(median.wallMs, 0)} ms wall, of which ${fmt(median.targetMs, 0)} ms in ${median.targetCalls} target calls (median of 3)`,
    `  orchestration overhead: ${fmt(overheadPerStep)} ms per plan step over ${median.planSteps} plan steps (target < 20 ms: ${verdict(overheadPerStep < 20)}); ${fmt(overheadPerWeight)} ms per canary weight step`,
    `    (overhead = step records and outbox events written to DynamoDB Local, plus the engine; the simulated target's own DynamoDB calls count as target time)`,
  );

  const paused = options.paused ?? Number(process.env.BENCH_PAUSED ?? 1000);
  const heap = await pausedAtGates(table, paused);
  out.push(
    `  ${paused} rollouts paused at approval gates in one process: heap +${fmt(heap.deltaMb, 1)} MB (target < 50 MB: ${verdict(heap.deltaMb < 50)}); ${heap.openGates} gates open; reached in ${fmt(heap.seconds, 1)} s`,
  );
  await r.orchestrator.stopAll("bench done");
  client.destroy();
  return out;
}

async function pausedAtGates(table: TableContext, count: number) {
  const gc = (globalThis as { gc?: () => void }).gc;
  const heapNow = () => {
    gc?.();
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const r = rig(table);
  await r.orchestrator.ready();
  const baseline = heapNow();
  const t0 = performance.now();
  const ids: string[] = [];
  for (let i = 0; i < count; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, count - i) }, async (_, j) => {
        const specId = `gated-${i + j}-${randomUUID().slice(0, 6)}`;
        r.specs.set(`${specId}@1`, { specId, version: 1, state: "active", document: { id: specId, ...canary(2, { approval: true }) } });
        const created = await r.service.create({ specId, version: 1, environment: "dev" }, requester);
        if ("deployment" in created) ids.push(created.deployment.id);
      }),
    );
  }
  while (r.orchestrator.openGateCount() < count) {
    if (performance.now() - t0 > 300_000) break;
    await new Promise((res) => setTimeout(res, 200));
  }
  const seconds = (performance.now() - t0) / 1000;
  // The specs map is bench scaffolding (the registry is in DynamoDB in production): exclude it.
  r.specs.clear();
  const deltaMb = (heapNow() - baseline) / 1024 / 1024;
  const openGates = r.orchestrator.openGateCount();
  await r.orchestrator.stopAll("bench done");
  if (!gc) process.stderr.write("note: run with --expose-gc for a stable heap figure (npm run bench does)\n");
  return { deltaMb, openGates, seconds, ids };
}

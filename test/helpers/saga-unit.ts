import {
  compilePlan,
  createMemoryDeploymentStore,
  createStepHandler,
  newDeploymentRecord,
  type DeploymentRecord,
  type MemoryDeploymentStore,
} from "@rollgate/core/rollout";
import type { TargetContext, TrafficTarget, TrafficWeights } from "@rollgate/core/target";
import type { Orchestrator, StepError, StepHandler, StepResult } from "@rollgate/core/workflow";

/**
 * The saga's unit tier: the real step handler (steps, compensations, retirement) on the
 * in-memory deployment store, an in-memory traffic target and a fake clock, driven by a
 * small interpreter of the state machine's loop (advance -> wait/done, failure ->
 * compensate with retries -> escalate). No DynamoDB, no timers: waits move the fake clock,
 * so timing is asserted exactly, in fake seconds.
 */

/** A table that fails the test if anything reaches DynamoDB. */
const noTable = {
  tableName: "unit-tier-has-no-table",
  client: {
    send: () => {
      throw new Error("the saga's unit tier must not reach DynamoDB");
    },
  },
} as never;

export type TargetAction = "prepare" | "health" | "validate" | "shift" | "metrics" | "teardown";

/** An in-memory traffic target with fault knobs: `failing` actions throw; `unhealthy` health checks fail. */
export function createMemoryTarget() {
  const state = { stable: null as number | null, candidate: null as number | null, weight: 0, prepared: new Set<number>() };
  const calls: { action: TargetAction; version: number; weight?: number; side?: string }[] = [];
  const knobs = { failing: new Set<TargetAction>(), unhealthyChecks: 0, errorRate: 0.001 };
  const fault = (action: TargetAction) => {
    if (knobs.failing.has(action)) throw new Error(`injected ${action} failure`);
  };
  const weights = (): TrafficWeights => ({ stable: 100 - state.weight, candidate: state.weight });
  const target: TrafficTarget = {
    type: "simulated",
    async prepare(ctx) {
      calls.push({ action: "prepare", version: ctx.candidateVersion });
      fault("prepare");
      if (state.stable === null) state.stable = ctx.stableVersion;
      if (state.candidate !== ctx.candidateVersion) state.weight = 0;
      state.candidate = ctx.candidateVersion;
      state.prepared.add(ctx.candidateVersion);
    },
    async health(ctx) {
      calls.push({ action: "health", version: ctx.candidateVersion });
      fault("health");
      if (knobs.unhealthyChecks > 0) {
        knobs.unhealthyChecks -= 1;
        return { healthy: false, detail: "not ready yet" };
      }
      return { healthy: state.prepared.has(ctx.candidateVersion) };
    },
    async validate(ctx) {
      calls.push({ action: "validate", version: ctx.candidateVersion });
      fault("validate");
      return { passed: true };
    },
    async shift(ctx, weight) {
      calls.push({ action: "shift", version: ctx.candidateVersion, weight });
      if (weight > state.weight) fault("shift");
      state.weight = weight;
      if (weight > 0) state.candidate = ctx.candidateVersion;
      return weights();
    },
    async metrics(ctx) {
      calls.push({ action: "metrics", version: ctx.candidateVersion });
      fault("metrics");
      return { errorRate: knobs.errorRate, latencyP99Ms: 100 };
    },
    async weights() {
      return weights();
    },
    async teardown(ctx: TargetContext, side) {
      calls.push({ action: "teardown", version: ctx.candidateVersion, side });
      fault("teardown");
      if (side === "candidate") {
        if (state.candidate === ctx.candidateVersion) {
          state.candidate = null;
          state.weight = 0;
        }
        if (ctx.candidateVersion !== state.stable) state.prepared.delete(ctx.candidateVersion);
      } else if (state.stable !== ctx.candidateVersion) {
        if (state.stable !== null) state.prepared.delete(state.stable);
        state.stable = ctx.candidateVersion;
        state.candidate = null;
        state.weight = 0;
      }
    },
  };
  return { target, state, calls, knobs, weights };
}

export function createSagaUnit(options: { targetRetries?: number } = {}) {
  let now = Date.parse("2026-03-01T12:00:00.000Z");
  const clock = () => new Date(now);
  const store: MemoryDeploymentStore = createMemoryDeploymentStore({ clock });
  const memory = createMemoryTarget();
  const handler: StepHandler = createStepHandler({
    table: noTable,
    deployments: store,
    targets: () => memory.target,
    clock,
    targetRetries: options.targetRetries ?? 0,
  });
  /** Stopped executions (abort): the driver notices before its next state. */
  const stopped = new Set<string>();
  const started: { deploymentId: string; mode: string }[] = [];
  const orchestrator: Orchestrator = {
    async start(input) {
      started.push({ deploymentId: input.deploymentId, mode: input.mode });
      return { executionId: `exec-${started.length}` };
    },
    async stop(executionId) {
      stopped.add(executionId);
    },
    async describe() {
      return { status: "RUNNING" };
    },
    async sendTaskSuccess() {},
    async sendTaskFailure() {},
  };

  const unit = {
    store,
    target: memory,
    orchestrator,
    started,
    clock,
    /** Fake time since the unit was made, in seconds. */
    elapsedSeconds: () => (now - Date.parse("2026-03-01T12:00:00.000Z")) / 1000,
    advanceClock(seconds: number) {
      now += seconds * 1000;
    },
    /** The saga's context for use-case functions (stop, rollback): the same store and clock. */
    context: { table: noTable, clock, deployments: store, orchestrator },

    /** Creates a deployment as launch does (lock, in-flight index, pointer guard), in one change. */
    async create(specId: string, version: number, document: Record<string, unknown>, environment = "dev"): Promise<DeploymentRecord> {
      const pointer = await store.readEnvironment(specId, environment);
      const plan = compilePlan({ specId, version, document, environment, environmentsPath: ["dev", "staging", "production"] });
      const at = clock().toISOString();
      const record: DeploymentRecord = { ...newDeploymentRecord({ plan, requestedBy: "ci-bot" }, pointer.currentVersion, at), executionId: "exec-run" };
      return store.commit(undefined, {
        after: record,
        events: [{ type: "deployment.created", actor: "ci-bot", data: { version, strategy: record.strategy, purpose: record.purpose } }],
        extra: [{ effect: { kind: "take_lock" } }, { effect: { kind: "mark_active" } }, { effect: { kind: "environment_unchanged", currentVersion: pointer.currentVersion } }],
      });
    },

    /**
     * Runs the state machine's loop for `id` until it ends: waits move the fake clock;
     * `during(waitSeconds)` runs at each wait (an abort, say); a failure compensates, a
     * failing compensation is retried every `retryAfterSeconds` and escalated once the
     * handler says so or after `maxCompensations` attempts.
     */
    async run(id: string, options: { during?: (waitSeconds: number) => Promise<void>; retryAfterSeconds?: number; maxCompensations?: number } = {}) {
      const trace: string[] = [];
      let error: StepError | undefined;
      try {
        for (let i = 0; i < 1_000; i++) {
          const result = (await handler({ action: "advance", deploymentId: id })) as StepResult & { next?: string; waitSeconds?: number };
          trace.push(result.next ?? "?");
          if (result.next === "done") return { trace, outcome: "done" as const };
          if (result.next === "wait") {
            await options.during?.(result.waitSeconds ?? 0);
            const record = await store.load(id);
            // An abort stops the execution: the Wait ends at once, and a compensate execution runs.
            if (record.status === "rolling_back") {
              error = { Error: "Rollgate.StopRequested", Cause: record.failure?.message };
              break;
            }
            unit.advanceClock(result.waitSeconds ?? 0);
          }
          if (result.next === "gate") throw new Error("the unit tier has no approval gates");
        }
      } catch (failure) {
        error = { Error: failure instanceof Error ? failure.name : "Error", Cause: failure instanceof Error ? failure.message : String(failure) };
      }
      trace.push("compensate");
      for (let attempt = 1; ; attempt++) {
        try {
          const result = (await handler({ action: "compensate", deploymentId: id, error })) as { status: string };
          return { trace, outcome: result.status };
        } catch (failure) {
          if (attempt >= (options.maxCompensations ?? 50)) {
            const result = (await handler({ action: "escalate", deploymentId: id, error: { Error: "CompensationFailed", Cause: String(failure) } })) as { status: string };
            return { trace, outcome: result.status };
          }
          unit.advanceClock(options.retryAfterSeconds ?? 10);
        }
      }
    },
  };
  return unit;
}

/** A canary spec document with the given analysis settings. */
export const canaryDocument = (analysis: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  ospec_version: "1.0.0",
  id: "unit-spec",
  name: "Unit",
  outcome_type: "api",
  deployment: { strategy: "canary", analysis: { interval: "30s", threshold: 1, step_weight: 50, max_weight: 50, ...analysis }, ...extra },
  environments: { dev: {}, production: {} },
});

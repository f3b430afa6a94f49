import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDeploymentService,
  createStepHandler,
  DeploymentNotRunnableError,
  RolloutStepFailedError,
  type DeploymentService,
} from "@rollgate/core/rollout";
import { createCursorCodec } from "@rollgate/core/store";
import type { TargetContext, TrafficTarget, TrafficWeights } from "@rollgate/core/target";
import type { ExecutionInput, Orchestrator, StepHandler } from "@rollgate/core/workflow";
import { createTestTable } from "../helpers/table.js";
import { createSpecs, deployer, eventTypes } from "./rollout-harness.js";

/**
 * The step handler driven by hand (no engine): each call is what one Task state would do,
 * so races and crashes between steps can be staged exactly.
 */

interface FakeTarget extends TrafficTarget {
  calls: string[];
  weight: number;
  healthy: boolean[];
  /** When set, a shift towards the candidate waits for it before taking effect. */
  gate?: Promise<void>;
}

function fakeTarget(): FakeTarget {
  const target: FakeTarget = {
    type: "simulated",
    calls: [],
    weight: 0,
    healthy: [],
    async prepare() {
      target.calls.push("prepare");
    },
    async health() {
      target.calls.push("health");
      const healthy = target.healthy.length ? target.healthy.shift()! : true;
      return healthy ? { healthy } : { healthy, detail: "503 from /health" };
    },
    async validate(_ctx: TargetContext, check: string) {
      target.calls.push(`validate:${check}`);
      return { passed: true };
    },
    async shift(_ctx: TargetContext, weight: number): Promise<TrafficWeights> {
      target.calls.push(`shift:${weight}`);
      if (target.gate && weight > 0) await target.gate;
      target.weight = weight;
      return { stable: 100 - weight, candidate: weight };
    },
    async metrics() {
      return { errorRate: 0, latencyP99Ms: 10 };
    },
    async weights() {
      return { stable: 100 - target.weight, candidate: target.weight };
    },
    async teardown(_ctx: TargetContext, side: "candidate" | "stable") {
      target.calls.push(`teardown:${side}`);
    },
  };
  return target;
}

function recordingOrchestrator(): Orchestrator & { started: ExecutionInput[] } {
  const started: ExecutionInput[] = [];
  return {
    started,
    async start(input) {
      started.push(input);
      return { executionId: `exec-${started.length}` };
    },
    sendTaskSuccess: async () => undefined,
    sendTaskFailure: async () => undefined,
    stop: async () => undefined,
    describe: async () => ({ status: "ABORTED" }),
  };
}

const doc = {
  deployment: { strategy: "canary", analysis: { interval: "30s", step_weight: 50, max_weight: 50 } },
  guardrails: { deployment: { health_check_retries: 2 } },
  environments: { dev: {} },
};

let table: Awaited<ReturnType<typeof createTestTable>>;
let target: FakeTarget;
let handler: StepHandler;
let service: DeploymentService;
const specs = createSpecs();

beforeAll(async () => {
  table = await createTestTable();
  handler = createStepHandler({ table, targets: () => target, targetRetries: 0 });
  service = createDeploymentService({
    table,
    orchestrator: recordingOrchestrator(),
    specs: specs.reader,
    cursors: createCursorCodec("x"),
    config: { defaultEnvironments: ["dev"] },
  });
});
afterAll(async () => table.drop());

async function newDeployment(specId: string) {
  target = fakeTarget();
  specs.add(specId, 1, doc);
  const created = await service.create({ specId, version: 1, environment: "dev" }, deployer);
  if (!("deployment" in created)) throw new Error("expected a deployment");
  return created.deployment.id;
}

describe("the step handler, one Task at a time", () => {
  it("runs steps until a wait and records each before the next; the plan is canary 50 -> 100", async () => {
    const id = await newDeployment("direct");
    expect(await handler({ action: "advance", deploymentId: id })).toEqual({ next: "wait", waitSeconds: 30 });
    expect(target.calls).toEqual(["prepare", "health", "shift:50"]);
    const view = await service.get(id);
    expect(view).toMatchObject({ status: "in_progress", currentStep: { kind: "analysis" }, trafficWeights: { stable: 50, candidate: 50 } });
    expect(view.pendingCompensations.map((c) => c.kind)).toEqual(["shift_to_stable", "teardown_candidate"]);
    expect(await handler({ action: "advance", deploymentId: id })).toEqual({ next: "done" });
    expect(target.calls.slice(3)).toEqual(["shift:100", "teardown:stable"]);
    // A retried advance after success changes nothing.
    expect(await handler({ action: "advance", deploymentId: id })).toEqual({ next: "done" });
    expect(target.calls).toHaveLength(5);
    // A compensate after success (a stray execution) leaves it alone.
    expect(await handler({ action: "compensate", deploymentId: id })).toEqual({ status: "succeeded" });
  });

  it("retries an unhealthy candidate health_check_retries times, waiting between checks, then fails", async () => {
    const id = await newDeployment("unhealthy");
    target.healthy = [false, false, false];
    expect(await handler({ action: "advance", deploymentId: id })).toEqual({ next: "wait", waitSeconds: 10 });
    expect(await handler({ action: "advance", deploymentId: id })).toEqual({ next: "wait", waitSeconds: 10 });
    const error = await handler({ action: "advance", deploymentId: id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RolloutStepFailedError);
    expect((await service.get(id)).failure).toMatchObject({ code: "HEALTH_CHECK_FAILED", step: 1, message: expect.stringContaining("503") });
    expect(await handler({ action: "compensate", deploymentId: id, error: { Error: "RolloutStepFailedError" } })).toEqual({ status: "rolled_back" });
    expect(target.calls.filter((c) => c === "health")).toHaveLength(3);
    expect(target.calls.at(-1)).toBe("teardown:candidate");
  });

  it("redoes a claimed step whose completion was never recorded (crash), exactly once in the record", async () => {
    const id = await newDeployment("crash");
    let release!: () => void;
    target.gate = new Promise<void>((r) => (release = r));
    const crashed = handler({ action: "advance", deploymentId: id });
    await waitUntil(async () => (await service.get(id)).timeline.some((e) => e.type === "deployment.step_started" && e.data.kind === "shift"));
    // The first attempt is stuck inside shift (its process "died"); a retry runs the step again.
    target.gate = undefined;
    expect(await handler({ action: "advance", deploymentId: id })).toEqual({ next: "wait", waitSeconds: 30 });
    release();
    await expect(crashed).rejects.toBeInstanceOf(DeploymentNotRunnableError);
    const view = await service.get(id);
    expect(target.calls.filter((c) => c === "shift:50")).toHaveLength(2);
    expect(view.timeline.filter((e) => e.type === "deployment.step_started")).toHaveLength(2); // prepare, shift: claimed once each
    expect(view.timeline.filter((e) => e.type === "deployment.step_completed" && e.data.kind === "shift")).toHaveLength(1);
    expect(view.status).toBe("in_progress");
  });

  it("a stale execution's failure does not roll back a deployment another execution drives", async () => {
    const id = await newDeployment("stale");
    await handler({ action: "advance", deploymentId: id });
    const result = await handler({ action: "compensate", deploymentId: id, error: { Error: "DeploymentNotRunnableError", Cause: "cursor moved" } });
    expect(result).toEqual({ status: "in_progress" });
    expect(await handler({ action: "advance", deploymentId: id })).toEqual({ next: "done" });
  });

  it("an abort that races a shift in progress: the shift undoes itself and the compensation covers the claim", async () => {
    const id = await newDeployment("race");
    let release!: () => void;
    target.gate = new Promise<void>((r) => (release = r));
    const advancing = handler({ action: "advance", deploymentId: id });
    await waitUntil(async () => target.calls.includes("shift:50"));
    await service.abort(id, deployer, "stop");
    // The compensate execution runs while the shift is still in flight.
    const compensating = handler({ action: "compensate", deploymentId: id, error: { Error: "Rollgate.StopRequested" } });
    await waitUntil(async () => target.calls.includes("teardown:candidate"));
    release();
    await expect(advancing).rejects.toBeInstanceOf(DeploymentNotRunnableError);
    expect(await compensating).toEqual({ status: "aborted" });
    const view = await service.get(id);
    expect(view.compensationLog.map((c) => c.kind)).toEqual(["shift_to_stable", "teardown_candidate"]);
    // The late shift to 50 landed after the compensation's shift to 0, then undid itself.
    expect(target.calls.at(-1)).toBe("shift:0");
    expect(target.weight).toBe(0);
    expect(view.timeline.some((e) => e.type === "deployment.step_completed" && e.data.kind === "shift")).toBe(false);
    expect(eventTypes(view).at(-1)).toBe("deployment.aborted");
  });

  it("compensates once: a retried compensate finds the work recorded", async () => {
    const id = await newDeployment("twice");
    await handler({ action: "advance", deploymentId: id });
    await service.abort(id, deployer);
    expect(await handler({ action: "compensate", deploymentId: id })).toEqual({ status: "aborted" });
    const calls = target.calls.length;
    expect(await handler({ action: "compensate", deploymentId: id })).toEqual({ status: "aborted" });
    expect(target.calls).toHaveLength(calls);
    expect((await service.get(id)).timeline.filter((e) => e.type === "deployment.compensation_completed")).toHaveLength(2);
  });

  it("escalates to rollback_failed with an alert event, and keeps the lock", async () => {
    const id = await newDeployment("escalate");
    await handler({ action: "advance", deploymentId: id });
    target.teardown = async () => {
      throw new Error("teardown API is down");
    };
    await handler({ action: "compensate", deploymentId: id, error: { Error: "States.TaskFailed" } }).catch(() => undefined);
    expect(await handler({ action: "escalate", deploymentId: id, error: { Error: "Error", Cause: "teardown API is down" } })).toEqual({
      status: "rollback_failed",
    });
    const view = await service.get(id);
    expect(view).toMatchObject({ status: "rollback_failed", rollbackError: "Error: teardown API is down" });
    expect(eventTypes(view)).toContain("deployment.rollback_failed");
    const blocked = await service.create({ specId: "escalate", version: 1, environment: "dev" }, deployer).catch((e: unknown) => e);
    expect((blocked as { code?: string }).code).toBe("LOCK_HELD");
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

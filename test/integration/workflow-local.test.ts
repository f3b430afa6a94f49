import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createLocalOrchestrator,
  ExecutionAlreadyExistsError,
  launchExecutionName,
  TaskTokenInvalidError,
  workflowErrorNames,
  type LocalOrchestrator,
  type StepRequest,
  type StepResult,
} from "@rollgate/core/workflow";

/**
 * The real definition on the local engine, driven by a scripted in-memory step handler.
 * Each test owns a deployment id and scripts what each action does for it.
 */
type Script = { [A in StepRequest["action"]]?: (request: Extract<StepRequest, { action: A }>) => Promise<StepResult> | StepResult };

const scripts = new Map<string, Script>();
const calls = new Map<string, StepRequest[]>();
const waitScale = 0.01;
let orchestrator: LocalOrchestrator;

function deployment(script: Script) {
  const id = `dep-${randomUUID().slice(0, 8)}`;
  scripts.set(id, script);
  calls.set(id, []);
  return { id, calls: calls.get(id)!, actions: () => calls.get(id)!.map((c) => c.action) };
}

/** Resolves with the openGate request once the execution reaches its gate. */
function gateOpened(): { script: Script["openGate"]; opened: Promise<Extract<StepRequest, { action: "openGate" }>> } {
  let resolve!: (request: Extract<StepRequest, { action: "openGate" }>) => void;
  const opened = new Promise<Extract<StepRequest, { action: "openGate" }>>((r) => (resolve = r));
  return { script: (request) => (resolve(request), { status: "awaiting_approval" }), opened };
}

const namedError = (name: string, message: string) => Object.assign(new Error(message), { name });
const sequence = (...results: StepResult[]) => {
  let i = 0;
  return () => results[Math.min(i++, results.length - 1)]!;
};

beforeAll(async () => {
  orchestrator = createLocalOrchestrator({
    waitScale,
    stepHandler: async (request) => {
      calls.get(request.deploymentId)?.push(request);
      const handle = scripts.get(request.deploymentId)?.[request.action] as ((r: StepRequest) => StepResult) | undefined;
      if (!handle) return request.action === "advance" ? { next: "done" } : { status: "rolled_back" };
      return handle(request);
    },
  });
  await orchestrator.ready();
});

afterAll(async () => {
  await orchestrator.stopAll("test run over");
});

describe("the state machine on the local engine", () => {
  it("loops on advance until the handler says done", async () => {
    const d = deployment({ advance: sequence({ next: "advance" }, { next: "advance" }, { next: "done" }) });
    const { executionId } = await orchestrator.start({ deploymentId: d.id, mode: "run" });
    const result = await orchestrator.waitForCompletion(executionId);
    expect(result).toMatchObject({ status: "SUCCEEDED", output: { next: "done" } });
    expect(d.actions()).toEqual(["advance", "advance", "advance"]);
  });

  it("honours execution names: the same name and input is the same execution (a retried start), another input is refused", async () => {
    const d = deployment({ advance: sequence({ next: "advance" }, { next: "done" }) });
    const name = launchExecutionName(d.id);
    const input = { deploymentId: d.id, mode: "run" as const, steps: ["prepare"] };
    const first = await orchestrator.start(input, { name });
    expect(first.executionId).toMatch(new RegExp(`:${name}$`));
    await expect(orchestrator.start({ ...input }, { name })).resolves.toEqual(first);
    await orchestrator.waitForCompletion(first.executionId);
    // Also once it finished: still that execution, and it ran once.
    await expect(orchestrator.start({ ...input }, { name })).resolves.toEqual(first);
    expect(d.actions()).toEqual(["advance", "advance"]);
    await expect(orchestrator.start({ ...input, mode: "compensate" }, { name })).rejects.toBeInstanceOf(ExecutionAlreadyExistsError);
  });

  it("honours wait seconds, scaled", async () => {
    // Unscaled, this Wait would outlast the test's timeout: finishing at all shows the scaling.
    const d = deployment({ advance: sequence({ next: "wait", waitSeconds: 600 }, { next: "done" }) });
    const started = Date.now();
    const { executionId } = await orchestrator.start({ deploymentId: d.id, mode: "run" });
    await orchestrator.waitForCompletion(executionId);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(600 * 1000 * waitScale - 20);
    expect(d.actions()).toEqual(["advance", "advance"]);
  });

  it("pauses at a gate until sendTaskSuccess, then advances", async () => {
    const gate = gateOpened();
    const d = deployment({ advance: sequence({ next: "gate", gateTimeoutSeconds: 600 }, { next: "done" }), openGate: gate.script });
    const { executionId } = await orchestrator.start({ deploymentId: d.id, mode: "run" });
    const request = await gate.opened;
    expect(request.taskToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(request.gateTimeoutSeconds).toBe(600);
    expect((await orchestrator.describe(executionId)).status).toBe("RUNNING");
    expect(d.actions()).toEqual(["advance", "openGate"]);

    await orchestrator.sendTaskSuccess(request.taskToken, { decision: "approve" });
    expect(await orchestrator.waitForCompletion(executionId)).toMatchObject({ status: "SUCCEEDED" });
    expect(d.actions()).toEqual(["advance", "openGate", "advance"]);
    await expect(orchestrator.sendTaskSuccess(request.taskToken, {})).rejects.toBeInstanceOf(TaskTokenInvalidError);
  });

  it("compensates with the rejection when the gate gets sendTaskFailure", async () => {
    const gate = gateOpened();
    const d = deployment({ advance: sequence({ next: "gate", gateTimeoutSeconds: 600 }), openGate: gate.script });
    const { executionId } = await orchestrator.start({ deploymentId: d.id, mode: "run" });
    const { taskToken } = await gate.opened;
    await orchestrator.sendTaskFailure(taskToken, "Rollgate.ApprovalRejected", "rejected by tech-lead");
    expect(await orchestrator.waitForCompletion(executionId)).toMatchObject({
      status: "SUCCEEDED",
      output: { status: "rolled_back" },
    });
    expect(d.calls.at(-1)).toEqual({
      action: "compensate",
      deploymentId: d.id,
      error: { Error: "Rollgate.ApprovalRejected", Cause: "rejected by tech-lead" },
    });
  });

  it("treats a gate timeout as a rejection", async () => {
    const gate = gateOpened();
    const d = deployment({ advance: sequence({ next: "gate", gateTimeoutSeconds: 1 }), openGate: gate.script });
    const { executionId } = await orchestrator.start({ deploymentId: d.id, mode: "run" });
    await gate.opened;
    expect(await orchestrator.waitForCompletion(executionId)).toMatchObject({ status: "SUCCEEDED" });
    expect(d.calls.at(-1)).toMatchObject({ action: "compensate", error: { Error: "States.Timeout" } });
    expect(orchestrator.openGateCount()).toBe(0);
  });

  it("compensates when the gate cannot be opened, and leaves no gate behind", async () => {
    const d = deployment({
      advance: sequence({ next: "gate", gateTimeoutSeconds: 600 }),
      openGate: () => {
        throw namedError("ContentionError", "could not store the gate");
      },
    });
    const { executionId } = await orchestrator.start({ deploymentId: d.id, mode: "run" });
    expect(await orchestrator.waitForCompletion(executionId)).toMatchObject({ status: "SUCCEEDED" });
    expect(d.calls.at(-1)).toMatchObject({ action: "compensate", error: { Error: "ContentionError" } });
    expect(orchestrator.openGateCount()).toBe(0);
  });

  it("compensates when advance throws, passing the error's name", async () => {
    const d = deployment({
      advance: () => {
        throw namedError("TargetError", "shift to 20% failed");
      },
    });
    const { executionId } = await orchestrator.start({ deploymentId: d.id, mode: "run" });
    expect(await orchestrator.waitForCompletion(executionId)).toMatchObject({ status: "SUCCEEDED" });
    expect(d.actions()).toEqual(["advance", "compensate"]);
    expect(d.calls.at(-1)).toMatchObject({ error: { Error: "TargetError", Cause: "shift to 20% failed" } });
  });

  it("compensates when advance returns something the loop cannot route", async () => {
    const d = deployment({ advance: () => ({ next: "sideways" }) as unknown as StepResult });
    const { executionId } = await orchestrator.start({ deploymentId: d.id, mode: "run" });
    await orchestrator.waitForCompletion(executionId);
    expect(d.calls.at(-1)).toMatchObject({ action: "compensate", error: { Error: "StepResultInvalidError" } });
  });

  it("retries a failing compensation, then escalates and fails the execution", async () => {
    const d = deployment({
      advance: () => {
        throw namedError("TargetError", "boom");
      },
      compensate: () => {
        throw namedError("TargetError", "cannot shift back");
      },
      escalate: () => ({ status: "rollback_failed" }),
    });
    const { executionId } = await orchestrator.start({ deploymentId: d.id, mode: "run" });
    const result = await orchestrator.waitForCompletion(executionId);
    expect(result).toMatchObject({ status: "FAILED", error: { Error: workflowErrorNames.rollbackFailed } });
    const actions = d.actions();
    expect(actions.filter((a) => a === "compensate").length).toBe(6); // first try + 5 retries
    expect(actions.at(-1)).toBe("escalate");
    expect(d.calls.at(-1)).toMatchObject({ error: { Error: "TargetError", Cause: "cannot shift back" } });
  });

  it("starts at compensation in mode=compensate, with or without a reason", async () => {
    const plain = deployment({});
    const first = await orchestrator.start({ deploymentId: plain.id, mode: "compensate" });
    await orchestrator.waitForCompletion(first.executionId);
    expect(plain.calls).toEqual([
      { action: "compensate", deploymentId: plain.id, error: expect.objectContaining({ Error: workflowErrorNames.compensationRequested }) },
    ]);

    const withReason = deployment({});
    const error = { Error: "Rollgate.Aborted", Cause: "aborted by alice" };
    const second = await orchestrator.start({ deploymentId: withReason.id, mode: "compensate", error });
    expect(await orchestrator.waitForCompletion(second.executionId)).toMatchObject({ stateTransitions: 3 });
    expect(withReason.calls).toEqual([{ action: "compensate", deploymentId: withReason.id, error }]);
  });
});

describe("stopping an execution", () => {
  // The Wait and the gate last far longer than any test timeout: ending at all shows the stop cut them short.
  it("aborts during a long Wait, and calls no further step", async () => {
    const d = deployment({ advance: sequence({ next: "wait", waitSeconds: 360_000 }) });
    const { executionId } = await orchestrator.start({ deploymentId: d.id, mode: "run" });
    await expect.poll(() => d.calls.length).toBe(1);
    await orchestrator.stop(executionId, "abort requested by alice");
    const result = await orchestrator.waitForCompletion(executionId);
    expect(result).toMatchObject({ status: "ABORTED", error: { Error: workflowErrorNames.executionStopped, Cause: "abort requested by alice" } });
    // Nothing is left running that could call a step later.
    expect(orchestrator.runningCount()).toBe(0);
    expect(d.actions()).toEqual(["advance"]);
  });

  it("aborts at a gate and leaves no open gate behind", async () => {
    const gate = gateOpened();
    const d = deployment({ advance: sequence({ next: "gate", gateTimeoutSeconds: 86_400 }), openGate: gate.script });
    const { executionId } = await orchestrator.start({ deploymentId: d.id, mode: "run" });
    const { taskToken } = await gate.opened;
    expect(orchestrator.openGateCount()).toBe(1);
    await orchestrator.stop(executionId, "abort");
    expect(orchestrator.openGateCount()).toBe(0);
    expect((await orchestrator.waitForCompletion(executionId)).status).toBe("ABORTED");
    await expect(orchestrator.sendTaskSuccess(taskToken, {})).rejects.toBeInstanceOf(TaskTokenInvalidError);
    expect(orchestrator.runningCount()).toBe(0);
    expect(d.actions()).toEqual(["advance", "openGate"]);
  });
});

describe("state transitions", () => {
  it("stay at or under 4 per plan step for a 10-weight canary", async () => {
    // prepare, health, approval, then per weight: shift, bake, analyse; then finalize.
    const weights = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    const plan = ["prepare", "health", "approval", ...weights.flatMap(() => ["shift", "bake", "analyse"]), "finalize"];
    let cursor = 0;
    const gate = gateOpened();
    const d = deployment({
      // Like the saga: run plan steps until one has to wait, then hand the wait to the state machine.
      advance: () => {
        while (cursor < plan.length) {
          const kind = plan[cursor++];
          if (kind === "bake") return { next: "wait", waitSeconds: 5 };
          if (kind === "approval") return { next: "gate", gateTimeoutSeconds: 3_600 };
        }
        return { next: "done" };
      },
      openGate: gate.script,
    });
    const { executionId } = await orchestrator.start({ deploymentId: d.id, mode: "run" });
    await orchestrator.sendTaskSuccess((await gate.opened).taskToken, { decision: "approve" });
    const { status, stateTransitions } = await orchestrator.waitForCompletion(executionId);
    expect(status).toBe("SUCCEEDED");
    console.info(`10-weight canary: ${stateTransitions} transitions for ${plan.length} plan steps`);
    expect(stateTransitions).toBeLessThanOrEqual(4 * plan.length);
    // Stricter: what each weight step costs (Advance + Route + Bake), plus start/gate/finish.
    expect(stateTransitions).toBeLessThanOrEqual(3 * weights.length + 7);
  });
});

import { openApprovalGate } from "../approval/gate.js";
import type { ApprovalLinkOptions } from "../approval/links.js";
import type { TableContext } from "../store/dynamo.js";
import type { AdvanceResult, StepHandler } from "../workflow/contract.js";
import { compensate, escalate } from "./compensation.js";
import { DeploymentNotRunnableError, RolloutStepFailedError } from "./errors.js";
import type { DeploymentRecord } from "./model.js";
import { loadDeployment, mutateDeployment } from "./repository.js";
import type { SagaContext, TargetFactory } from "./saga-context.js";
import type { DeploymentStore } from "./store.js";
import { runStep } from "./steps.js";

export interface StepHandlerDeps {
  table: TableContext;
  /** Builds the traffic target of a deployment from its plan's target settings. */
  targets: TargetFactory;
  clock?: () => Date;
  /** Where approval links go when a gate opens, and the base of their URLs. */
  approvalLinks?: ApprovalLinkOptions;
  /** Quick retries of a failing target call inside one step before the step fails. Default 2. */
  targetRetries?: number;
  /** Where deployments are kept; default: the DynamoDB adapter on `table` (the unit tier passes the in-memory one). */
  deployments?: DeploymentStore;
}

/** A runaway guard: no plan has this many steps between two waits. */
const MAX_STEPS_PER_ADVANCE = 500;

/**
 * The saga's step handler (see workflow/contract.ts): the state machine calls it for
 * advance / openGate / compensate / escalate. It keeps nothing in memory between calls;
 * everything it needs is on the deployment item.
 */
export function createStepHandler(deps: StepHandlerDeps): StepHandler {
  const ctx: SagaContext & { links?: ApprovalLinkOptions } = {
    table: deps.table,
    targets: deps.targets,
    clock: deps.clock ?? (() => new Date()),
    targetRetries: deps.targetRetries ?? 2,
    ...(deps.deployments ? { deployments: deps.deployments } : {}),
    ...(deps.approvalLinks ? { links: deps.approvalLinks } : {}),
  };
  return async (request) => {
    switch (request.action) {
      case "advance":
        return advance(ctx, request.deploymentId);
      case "openGate":
        return openApprovalGate(ctx, request.deploymentId, request.taskToken);
      case "compensate":
        return compensate(ctx, request.deploymentId, request.error);
      case "escalate":
        return escalate(ctx, request.deploymentId, request.error);
    }
  };
}

/** Runs plan steps from the recorded cursor until one has to wait, open a gate, or the plan is done. */
export async function advance(ctx: SagaContext, deploymentId: string): Promise<AdvanceResult> {
  let record = await loadDeployment(ctx, deploymentId);
  if (record.status === "pending") {
    record = await mutateDeployment(ctx, deploymentId, (current) =>
      current.status === "pending"
        ? { after: { ...current, status: "in_progress" }, events: [{ type: "deployment.started", data: { steps: current.plan.steps.length } }] }
        : null,
      { known: record },
    );
  }
  for (let i = 0; i < MAX_STEPS_PER_ADVANCE; i++) {
    if (record.status === "succeeded") return { next: "done" };
    if (record.status === "awaiting_approval") return reopenGate(ctx, record);
    if (record.status !== "in_progress") throw new DeploymentNotRunnableError(record.id, record.status, "it is not in progress");
    const step = record.plan.steps[record.currentStep];
    if (!step) throw new DeploymentNotRunnableError(record.id, record.status, "no plan step left to run");
    try {
      const outcome = await runStep(ctx, record, step);
      if (outcome.result) return outcome.result;
      record = outcome.record;
    } catch (error) {
      if (error instanceof RolloutStepFailedError) await recordFailure(ctx, deploymentId, error);
      throw error;
    }
  }
  return { next: "advance" };
}

/** A new execution found the gate open (restart): open it again for what is left of its timeout. */
async function reopenGate(ctx: SagaContext, record: DeploymentRecord): Promise<AdvanceResult> {
  const gate = record.approvals.find((g) => g.status === "open");
  const remaining = gate ? Math.ceil((Date.parse(gate.expiresAt) - ctx.clock().getTime()) / 1000) : 0;
  if (remaining <= 0) {
    const failure = new RolloutStepFailedError("APPROVAL_TIMEOUT", "The approval gate timed out (a timeout is a rejection).", record.currentStep);
    await recordFailure(ctx, record.id, failure, "awaiting_approval");
    throw failure;
  }
  return { next: "gate", gateTimeoutSeconds: remaining };
}

/** Records why the rollout fails and turns it rolling_back, unless something else already stopped it. */
async function recordFailure(
  ctx: SagaContext,
  deploymentId: string,
  failure: RolloutStepFailedError,
  expected: DeploymentRecord["status"] = "in_progress",
) {
  await mutateDeployment(ctx, deploymentId, (current) => {
    if (current.status !== expected) return null;
    const at = ctx.clock().toISOString();
    const reason = { code: failure.code, message: failure.message, step: failure.step };
    const timedOut = failure.code === "APPROVAL_TIMEOUT";
    return {
      after: {
        ...current,
        status: "rolling_back",
        failure: reason,
        rollbackStartedAt: at,
        taskToken: undefined,
        approvals: timedOut ? current.approvals.map((g) => (g.status === "open" ? { ...g, status: "timed_out" as const } : g)) : current.approvals,
      },
      events: [{ type: "deployment.step_failed", data: reason }],
    };
  });
}

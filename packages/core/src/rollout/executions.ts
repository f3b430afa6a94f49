import type { ExecutionInput, Orchestrator, StepError } from "../workflow/contract.js";
import { isFinished, type DeploymentRecord } from "./model.js";
import { mutateDeployment, type RolloutStore } from "./repository.js";

/** The input of a workflow execution for `record`. */
export function executionInput(record: DeploymentRecord, mode: ExecutionInput["mode"], error?: StepError, waitSeconds?: number): ExecutionInput {
  return {
    deploymentId: record.id,
    mode,
    steps: record.plan.steps.map((step) => step.kind),
    ...(error ? { error } : {}),
    ...(waitSeconds ? { waitSeconds } : {}),
  };
}

/** Seconds left of the bake the deployment was in when its execution was lost (0: none). */
export function remainingBakeSeconds(record: DeploymentRecord, now: Date): number {
  const previous = record.plan.steps[record.currentStep - 1];
  if (record.status !== "in_progress" || previous?.kind !== "bake" || !record.bakeUntil) return 0;
  return Math.max(0, Math.ceil((Date.parse(record.bakeUntil) - now.getTime()) / 1000));
}

/**
 * Records the id of the execution now driving the deployment. The execution may already be
 * advancing (retried on a lost race), or even be done on a busy machine: then the id is kept
 * without an event, so the timeline still ends with the outcome.
 */
export function recordExecution(store: RolloutStore, deploymentId: string, executionId: string, mode: ExecutionInput["mode"]) {
  return mutateDeployment(store, deploymentId, (current) => ({
    after: { ...current, executionId },
    events:
      isFinished(current.status) || current.status === "rollback_failed"
        ? []
        : [{ type: "deployment.execution_started", data: { executionId, mode } }],
  }));
}

/** Starts an execution for the deployment and records its id; `name`: see Orchestrator.start. */
export async function startExecution(
  store: RolloutStore & { orchestrator: Orchestrator },
  record: DeploymentRecord,
  mode: ExecutionInput["mode"],
  error?: StepError,
  waitSeconds?: number,
  name?: string,
): Promise<string> {
  const { executionId } = await store.orchestrator.start(executionInput(record, mode, error, waitSeconds), name ? { name } : {});
  await recordExecution(store, record.id, executionId, mode);
  return executionId;
}

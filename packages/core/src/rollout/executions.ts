import type { ExecutionInput, Orchestrator, StepError } from "../workflow/contract.js";
import type { DeploymentRecord } from "./model.js";
import { mutateDeployment, type RolloutStore } from "./repository.js";

/** The input of a workflow execution for `record`. */
export function executionInput(record: DeploymentRecord, mode: ExecutionInput["mode"], error?: StepError): ExecutionInput {
  return {
    deploymentId: record.id,
    mode,
    steps: record.plan.steps.map((step) => step.kind),
    ...(error ? { error } : {}),
  };
}

/** Records the id of the execution now driving the deployment (it may already be advancing: retried on a lost race). */
export function recordExecution(store: RolloutStore, deploymentId: string, executionId: string, mode: ExecutionInput["mode"]) {
  return mutateDeployment(store, deploymentId, (current) => ({
    after: { ...current, executionId },
    events: [{ type: "deployment.execution_started", data: { executionId, mode } }],
  }));
}

/** Starts an execution for the deployment and records its id. */
export async function startExecution(
  store: RolloutStore & { orchestrator: Orchestrator },
  record: DeploymentRecord,
  mode: ExecutionInput["mode"],
  error?: StepError,
): Promise<string> {
  const { executionId } = await store.orchestrator.start(executionInput(record, mode, error));
  await recordExecution(store, record.id, executionId, mode);
  return executionId;
}

import { randomUUID } from "node:crypto";
import type { Orchestrator } from "../workflow/contract.js";
import { DeploymentConflictError, LockHeldError, OrchestratorStartError, VersionAlreadyCurrentError } from "./errors.js";
import { executionInput, recordExecution } from "./executions.js";
import type { DeploymentRecord } from "./model.js";
import type { Plan } from "./plan.js";
import { environmentUnchanged, markActive, readEnvironment, readLockHolder, releaseLock, takeLock, unmarkActive } from "./pointers.js";
import { commitDeployment, mutateDeployment, type RolloutStore } from "./repository.js";

export interface LaunchRequest {
  plan: Plan;
  requestedBy: string;
  reason?: string;
  forced?: boolean;
  rollbackOf?: string;
}

type LaunchStore = RolloutStore & { orchestrator: Orchestrator };

/**
 * Writes a new deployment with its lock, ACTIVE entry and first event in one transaction
 * (the lock is the conditional part: one rollout per spec and environment), then starts its
 * execution. If the workflow cannot be started, the deployment is closed and the lock
 * released rather than left pending.
 */
export async function launchDeployment(store: LaunchStore, request: LaunchRequest): Promise<DeploymentRecord> {
  const record = await insert(store, request);
  let executionId: string;
  try {
    ({ executionId } = await store.orchestrator.start(executionInput(record, "run")));
  } catch (error) {
    await closeUnstarted(store, record.id, error);
    throw new OrchestratorStartError(record.id, error);
  }
  return recordExecution(store, record.id, executionId, "run");
}

async function insert(store: LaunchStore, request: LaunchRequest): Promise<DeploymentRecord> {
  const { plan } = request;
  const { tableName } = store.table;
  for (let attempt = 0; ; attempt++) {
    const pointer = await readEnvironment(store.table, plan.specId, plan.environment);
    if (pointer.currentVersion === plan.version) throw new VersionAlreadyCurrentError(plan.specId, plan.version, plan.environment);
    const now = store.clock().toISOString();
    const record = newDeploymentRecord(request, pointer.currentVersion, now);
    try {
      return await commitDeployment(store, undefined, {
        after: record,
        events: [
          {
            type: "deployment.created",
            actor: request.requestedBy,
            data: {
              version: plan.version,
              stableVersion: record.stableVersion,
              strategy: plan.strategy,
              purpose: plan.purpose,
              reason: request.reason,
              forced: request.forced,
              rollbackOf: request.rollbackOf,
              minDurationSeconds: plan.minDurationSeconds,
            },
          },
        ],
        extra: [
          {
            item: takeLock(tableName, record),
            onConditionFailed: async () =>
              new LockHeldError(plan.specId, plan.environment, await readLockHolder(store.table, plan.specId, plan.environment)),
          },
          { item: markActive(tableName, record) },
          // The pointer moved between the read above and this write: read it again.
          {
            item: environmentUnchanged(tableName, plan.specId, plan.environment, pointer.currentVersion),
            onConditionFailed: () => new DeploymentConflictError(record.id),
          },
        ],
      });
    } catch (error) {
      if (error instanceof DeploymentConflictError && attempt < 3) continue;
      throw error;
    }
  }
}

async function closeUnstarted(store: LaunchStore, id: string, cause: unknown) {
  const { tableName } = store.table;
  const message = cause instanceof Error ? cause.message : String(cause);
  await mutateDeployment(store, id, (current) => {
    // Started after all (the error came late): the execution owns the deployment.
    if (current.status !== "pending" || current.executionId) return null;
    const at = store.clock().toISOString();
    const failure = { code: "ORCHESTRATOR_START_FAILED", message: `The workflow could not be started: ${message}`.slice(0, 1_000) };
    return {
      after: { ...current, status: "rolled_back", failure, finishedAt: at },
      events: [{ type: "deployment.rolled_back", data: { failure, weights: current.trafficWeights } }],
      extra: [{ item: releaseLock(tableName, current) }, { item: unmarkActive(tableName, current) }],
    };
  });
}

/** A deployment as it is first written: pending, at step 0, all traffic on the stable version. */
export function newDeploymentRecord(request: LaunchRequest, stableVersion: number | null, now: string): DeploymentRecord {
  const { plan } = request;
  return {
    id: randomUUID(),
    specId: plan.specId,
    version: plan.version,
    environment: plan.environment,
    strategy: plan.strategy,
    purpose: plan.purpose,
    ...(request.rollbackOf ? { rollbackOf: request.rollbackOf } : {}),
    status: "pending",
    plan,
    currentStep: 0,
    compensations: [],
    compensationLog: [],
    trafficWeights: { stable: 100, candidate: 0 },
    stableVersion,
    analysis: { failedChecks: 0, threshold: plan.settings.analysisThreshold.value, checks: [], healthAttempts: 0 },
    approvals: [],
    requestedBy: request.requestedBy,
    ...(request.reason ? { reason: request.reason } : {}),
    ...(request.forced ? { forced: true } : {}),
    revision: 0,
    createdAt: now,
    updatedAt: now,
  };
}

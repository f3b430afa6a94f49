import { randomUUID } from "node:crypto";
import type { IdempotencyClaim, StoredResponse } from "../idempotency/index.js";
import { readDeploymentEvents } from "../events/outbox.js";
import type { DomainEvent } from "../events/types.js";
import { withBackoff } from "../store/retry.js";
import type { Orchestrator } from "../workflow/contract.js";
import { WorkflowUnavailableError } from "../workflow/errors.js";
import { launchExecutionName } from "../workflow/naming.js";
import { DeploymentConflictError, LockHeldError, OrchestratorStartError, VersionAlreadyCurrentError } from "./errors.js";
import { executionInput } from "./executions.js";
import { isFinished, type DeploymentRecord, type EnvironmentPointer } from "./model.js";
import type { Plan } from "./plan.js";
import { environmentUnchanged, markActive, readEnvironment, readLockHolder, releaseLock, takeLock, unmarkActive } from "./pointers.js";
import { missingPrerequisites, promotionPathError } from "./prerequisites.js";
import { toView, type DeploymentView } from "./queries.js";
import { commitDeployment, mutateDeployment, type DeploymentChange, type ExtraWrite, type RolloutStore } from "./repository.js";
import { committedEvents } from "./store.js";

export interface LaunchRequest {
  plan: Plan;
  requestedBy: string;
  reason?: string;
  forced?: boolean;
  rollbackOf?: string;
  /** The target environment's pointer, when the caller already read it (else it is read here). */
  pointer?: EnvironmentPointer;
  /**
   * Prerequisite environments checked in the deployment's own transaction (the version must
   * have succeeded there): a PromotionPathError when one has not. Empty or absent: none
   * checked here (a caller that forced, or checked by reading).
   */
  prerequisites?: readonly string[];
  /** An Idempotency-Key: reserved with the deployment, completed with `respond(view)` when the start is recorded. */
  idempotency?: { claim: IdempotencyClaim; respond: (deployment: DeploymentView) => StoredResponse };
}

type LaunchStore = RolloutStore & { orchestrator: Orchestrator };

/**
 * Writes a new deployment with its lock, ACTIVE entry, first event (and an Idempotency-Key
 * reservation) in one transaction (the lock is the conditional part: one rollout per spec
 * and environment; prerequisites and the pointer are checked in it too), then starts its
 * execution under a name derived from the deployment id (a retried start cannot start a
 * second one), then records the execution (and the key's response) in a second transaction
 * on top of the record it wrote, without reading it back. If the workflow cannot be started,
 * the deployment is closed and the lock (and key) released rather than left pending.
 * Returns the deployment as GET /deployments/{id} shows it.
 */
export async function launchDeployment(store: LaunchStore, request: LaunchRequest): Promise<DeploymentView> {
  const created = await insert(store, request);
  const { claim } = request.idempotency ?? {};
  let executionId: string;
  try {
    const name = launchExecutionName(created.record.id);
    ({ executionId } = await withBackoff(() => store.orchestrator.start(executionInput(created.record, "run"), { name }), {
      retries: 2,
      baseMs: 50,
      shouldRetry: (error) => error instanceof WorkflowUnavailableError,
    }));
  } catch (error) {
    await closeUnstarted(store, created.record.id, error, claim).catch(() => claim?.releaseNow().catch(() => undefined));
    throw new OrchestratorStartError(created.record.id, error);
  }
  try {
    return await recordStart(store, created, executionId, request.idempotency);
  } catch (error) {
    // Started, but neither recorded nor answered: free the key, so that a retry is told the truth (409, the rollout in flight).
    await claim?.releaseNow().catch(() => undefined);
    throw error;
  }
}

interface Created {
  record: DeploymentRecord;
  timeline: DomainEvent[];
}

async function insert(store: LaunchStore, request: LaunchRequest): Promise<Created> {
  const { plan } = request;
  const { tableName } = store.table;
  const prerequisites = request.prerequisites ?? [];
  for (let attempt = 0; ; attempt++) {
    const pointer = attempt === 0 && request.pointer ? request.pointer : await readEnvironment(store.table, plan.specId, plan.environment);
    if (pointer.currentVersion === plan.version) throw new VersionAlreadyCurrentError(plan.specId, plan.version, plan.environment);
    const now = store.clock().toISOString();
    const record = newDeploymentRecord(request, pointer.currentVersion, now);
    // In precedence order: the first whose condition fails names the refusal.
    const extra: ExtraWrite[] = [];
    if (request.idempotency) {
      const { claim } = request.idempotency;
      extra.push({ item: claim.reserve(), onConditionFailed: () => claim.lost() });
    }
    for (const environment of prerequisites) {
      extra.push({
        effect: { kind: "prerequisite_met", environment },
        onConditionFailed: async () => {
          const missing = await missingPrerequisites(store.table, plan);
          // Succeeded there meanwhile: go again.
          return missing.length ? promotionPathError(plan, missing) : new DeploymentConflictError(record.id);
        },
      });
    }
    extra.push(
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
    );
    const change: DeploymentChange = {
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
      extra,
    };
    try {
      const written = await commitDeployment(store, undefined, change);
      return { record: written, timeline: committedEvents(written, change) };
    } catch (error) {
      if (error instanceof DeploymentConflictError && attempt < 3) continue;
      throw error;
    }
  }
}

/**
 * Records the execution now driving the deployment (and the Idempotency-Key's response) on
 * top of the record `insert` wrote: no read, unless the execution already moved it (then
 * the current record and its timeline are read, and the id kept without an event once it
 * finished, as recordExecution does).
 */
async function recordStart(store: LaunchStore, created: Created, executionId: string, idempotency: LaunchRequest["idempotency"]): Promise<DeploymentView> {
  let view: ((after: DeploymentRecord) => DeploymentView) | undefined;
  const after = await mutateDeployment(
    store,
    created.record.id,
    async (current) => {
      const history = current.revision === created.record.revision ? created.timeline : await readDeploymentEvents(store.table, current.id, current.revision);
      const change: DeploymentChange = {
        after: { ...current, executionId },
        events: isFinished(current.status) || current.status === "rollback_failed" ? [] : [{ type: "deployment.execution_started", data: { executionId, mode: "run" } }],
      };
      const viewOf = (committed: DeploymentRecord) => toView(committed, [...history, ...committedEvents(committed, change)]);
      view = viewOf;
      if (idempotency) change.extra = [{ itemFor: (committed) => idempotency.claim.complete(idempotency.respond(viewOf(committed))) }];
      return change;
    },
    { known: created.record },
  );
  return view!(after);
}

async function closeUnstarted(store: LaunchStore, id: string, cause: unknown, claim?: IdempotencyClaim) {
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
      extra: [{ item: releaseLock(tableName, current) }, { item: unmarkActive(tableName, current) }, ...(claim ? [{ item: claim.release() }] : [])],
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

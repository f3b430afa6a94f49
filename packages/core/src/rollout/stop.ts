import type { Principal } from "../auth/principal.js";
import type { Orchestrator } from "../workflow/contract.js";
import { AlreadyRolledBackError, DeploymentFinishedError, DeploymentSupersededError, NoPreviousVersionError, VersionDisabledError } from "./errors.js";
import { startExecution } from "./executions.js";
import { launchDeployment } from "./launch.js";
import { isInFlight, type DeploymentRecord, type StopRequest } from "./model.js";
import { compilePlan } from "./plan.js";
import { resolvePlanTarget } from "./plan-target.js";
import { markActive, readEnvironment, releaseLock, unmarkActive } from "./pointers.js";
import { getDeploymentView, type DeploymentView } from "./queries.js";
import { findDeployment, loadDeployment, mutateDeployment, type RolloutStore } from "./repository.js";
import type { SpecVersionReader } from "./spec-reader.js";

type StopStore = RolloutStore & { orchestrator: Orchestrator };

/**
 * Abort / in-flight rollback: turns the deployment rolling_back (conditional on it still
 * being in flight), stops its execution (a bake or an approval wait ends at once) and starts
 * a `compensate` execution. A deployment already rolling back is left to its compensation
 * (one is started if none runs, e.g. when starting it failed the first time).
 */
export async function stopDeployment(
  store: StopStore,
  id: string,
  by: string,
  reason: string | undefined,
  outcome: StopRequest["outcome"],
): Promise<DeploymentRecord> {
  let stoppedExecution: string | undefined;
  let changed = false;
  const record = await mutateDeployment(store, id, (current) => {
    changed = false;
    if (current.status === "rolling_back") return null;
    if (!isInFlight(current.status)) throw new DeploymentFinishedError(current.id, current.status);
    const at = store.clock().toISOString();
    const verb = outcome === "aborted" ? "Aborted" : "Rolled back";
    changed = true;
    stoppedExecution = current.executionId;
    return {
      after: {
        ...current,
        status: "rolling_back",
        stopRequest: { by, at, outcome, ...(reason ? { reason } : {}) },
        failure: current.failure ?? {
          code: outcome === "aborted" ? "ABORTED" : "ROLLBACK_REQUESTED",
          message: `${verb} by ${by}${reason ? `: ${reason}` : ""}`,
          step: current.currentStep,
        },
        rollbackStartedAt: at,
        taskToken: undefined,
        approvals: current.approvals.map((g) => (g.status === "open" ? { ...g, status: "cancelled" as const } : g)),
      },
      events: [
        {
          type: outcome === "aborted" ? "deployment.abort_requested" : "deployment.rollback_requested",
          actor: by,
          data: { reason, step: current.currentStep },
        },
      ],
    };
  });
  if (!changed) {
    // Already rolling back: make sure something is compensating (a start that failed before).
    if (record.status === "rolling_back" && !(await isRunning(store, record.executionId))) {
      await startExecution(store, record, "compensate", { Error: "Rollgate.StopRequested", Cause: record.failure?.message ?? outcome });
    }
    return record;
  }
  if (stoppedExecution) await store.orchestrator.stop(stoppedExecution, `${outcome} by ${by}`).catch(() => undefined);
  await startExecution(store, record, "compensate", { Error: "Rollgate.StopRequested", Cause: record.failure?.message ?? outcome });
  return record;
}

async function isRunning(store: StopStore, executionId: string | undefined): Promise<boolean> {
  if (!executionId) return false;
  try {
    return (await store.orchestrator.describe(executionId)).status === "RUNNING";
  } catch {
    return false;
  }
}

export type RollbackOutcome =
  /** The deployment was in flight: it is being compensated. */
  | { mode: "stopped"; deployment: DeploymentView }
  /** It had succeeded: `deployment` is the new one restoring the previous version. */
  | { mode: "new_deployment"; deployment: DeploymentView }
  /** It was rollback_failed: its compensation runs again. */
  | { mode: "compensation_retried"; deployment: DeploymentView };

/** Rollbacks that create a deployment restoring an environment's previous version. */
export function createRollbacks(store: StopStore, specs: SpecVersionReader, defaults: readonly string[]) {
  async function restore(specId: string, environment: string, version: number, principal: Principal, reason: string, rollbackOf?: string) {
    const spec = await specs.getVersion(specId, version);
    if (spec.state === "disabled") throw new VersionDisabledError(specId, version);
    const plan = await resolvePlanTarget(store.table, compilePlan({ specId, version, document: spec.document, environment, environmentsPath: defaults, purpose: "rollback" }));
    return launchDeployment(store, {
      plan,
      requestedBy: principal.subject,
      reason,
      ...(rollbackOf ? { rollbackOf } : {}),
    });
  }

  /** rollback_failed -> rolling_back again, back in the ACTIVE index, and a new compensate execution. */
  async function retryCompensation(id: string, by: string) {
    const record = await mutateDeployment(store, id, (current) => {
      if (current.status !== "rollback_failed") throw new DeploymentFinishedError(current.id, current.status);
      return {
        after: { ...current, status: "rolling_back", rollbackStartedAt: store.clock().toISOString(), rollbackError: undefined },
        events: [{ type: "deployment.rollback_retried", actor: by, data: { pendingCompensations: current.compensations.map((c) => c.kind) } }],
        extra: [{ item: markActive(store.table.tableName, current) }],
      };
    });
    await startExecution(store, record, "compensate", { Error: "Rollgate.RollbackRetried", Cause: `retried by ${by}` });
  }

  return {
    async rollback(id: string, principal: Principal, reason?: string): Promise<RollbackOutcome> {
      const record = await loadDeployment(store.table, id);
      if (isInFlight(record.status) || record.status === "rolling_back") {
        await stopDeployment(store, id, principal.subject, reason, "rolled_back");
        return { mode: "stopped", deployment: await getDeploymentView(store.table, id) };
      }
      if (record.status === "rollback_failed") {
        await retryCompensation(id, principal.subject);
        return { mode: "compensation_retried", deployment: await getDeploymentView(store.table, id) };
      }
      if (record.status !== "succeeded") throw new DeploymentFinishedError(record.id, record.status);
      const pointer = await readEnvironment(store.table, record.specId, record.environment);
      if (pointer.lastDeploymentId !== record.id) throw new DeploymentSupersededError(record.id, pointer.currentVersion);
      if (record.stableVersion === null) throw new NoPreviousVersionError(record.specId, record.environment);
      const why = reason ?? `rollback of deployment ${record.id}`;
      const deployment = await restore(record.specId, record.environment, record.stableVersion, principal, why, record.id);
      return { mode: "new_deployment", deployment };
    },

    /**
     * A human took over a `rollback_failed` deployment (fixed traffic by hand, or accepts the
     * state): record who and why, release the environment's lock, take it out of the
     * in-flight index. The status stays rollback_failed: Rollgate did not finish the rollback.
     */
    async resolveFailedRollback(id: string, principal: Principal, reason: string): Promise<DeploymentView> {
      await mutateDeployment(store, id, (current) => {
        if (current.status !== "rollback_failed") throw new DeploymentFinishedError(current.id, current.status);
        return {
          after: { ...current, resolvedBy: principal.subject, resolvedAt: store.clock().toISOString() },
          events: [{ type: "deployment.rollback_resolved", actor: principal.subject, data: { reason, pendingCompensations: current.compensations.map((c) => c.kind) } }],
          extra: [{ item: releaseLock(store.table.tableName, current) }, { item: unmarkActive(store.table.tableName, current) }],
        };
      });
      return getDeploymentView(store.table, id);
    },

    async rollbackEnvironment(specId: string, environment: string, principal: Principal, reason?: string): Promise<DeploymentView> {
      const pointer = await readEnvironment(store.table, specId, environment);
      if (pointer.previousVersion === null) throw new NoPreviousVersionError(specId, environment);
      // Twice in a row would put back the version the first rollback took out (a retried bot
      // command, two people on call): refuse, and say how to do it on purpose.
      const last = pointer.lastDeploymentId ? await findDeployment(store.table, pointer.lastDeploymentId) : undefined;
      if (last?.purpose === "rollback") throw new AlreadyRolledBackError(specId, environment, pointer.currentVersion, pointer.previousVersion);
      const why = reason ?? `rollback of ${environment} to version ${pointer.previousVersion}`;
      return restore(specId, environment, pointer.previousVersion, principal, why, pointer.lastDeploymentId ?? undefined);
    },
  };
}

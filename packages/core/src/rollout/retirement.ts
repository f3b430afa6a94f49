import type { TargetContext } from "../target/port.js";
import { RolloutStepFailedError } from "./errors.js";
import type { DeploymentRecord, PendingRetirement } from "./model.js";
import { deploymentStoreOf, mutateDeployment } from "./repository.js";
import { callWithRetries, targetContext, targetFor, type SagaContext } from "./saga-context.js";
import { expectStep } from "./step-records.js";

/**
 * Retiring the old version once a rollout succeeded. The success and the pending retirement
 * are recorded together (finalize); the target call comes after, and only its confirmation
 * clears the record. A retirement that failed, or that a crash cut short, is finished by the
 * next rollout of the environment before it touches the target: preparing a new candidate
 * on a target that still treats the retiring version as its stable side would route traffic
 * back to it (and a rollback of that rollout would put all of it there).
 */

/** What finalize records on the environment pointer, or undefined when nothing is retired. */
export function retirementOf(record: DeploymentRecord, at: string): PendingRetirement | undefined {
  if (record.stableVersion === null || record.stableVersion === record.version) return undefined;
  return { version: record.stableVersion, replacedBy: record.version, deploymentId: record.id, since: at };
}

/** The context the retirement's target call runs in: that of the rollout that started it. */
function retirementContext(record: DeploymentRecord, pending: PendingRetirement): TargetContext {
  return { ...targetContext(record), deploymentId: pending.deploymentId, candidateVersion: pending.replacedBy, stableVersion: pending.version };
}

/** Retires the old side after `done` succeeded; a failure is an event (retire_failed) and stays pending. */
export async function retireOldVersion(ctx: SagaContext, done: DeploymentRecord, pending: PendingRetirement | undefined): Promise<void> {
  const { target, context } = targetFor(ctx, done);
  try {
    await callWithRetries(ctx, () => target.teardown(context, "stable"));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    await mutateDeployment(ctx, done.id, (current) => ({
      after: current,
      events: [{ type: "deployment.retire_failed", data: { version: current.stableVersion, error: detail.slice(0, 1_000), pending: Boolean(pending) } }],
    })).catch(() => undefined);
    return;
  }
  if (!pending) return;
  await mutateDeployment(ctx, done.id, (current) => ({
    after: current,
    events: [{ type: "deployment.retirement_completed", data: { version: pending.version, replacedBy: pending.replacedBy } }],
    extra: [{ effect: { kind: "clear_retirement", deploymentId: done.id } }],
  })).catch(() => undefined); // still pending: the next rollout finishes it (teardown is idempotent)
}

/**
 * Before the first step that touches the target: finishes a retirement an earlier rollout
 * left pending. When the target still refuses, the rollout fails here, before anything
 * moved (RETIREMENT_PENDING), and the environment keeps serving the version it serves.
 */
export async function finishPendingRetirement(ctx: SagaContext, record: DeploymentRecord, step: number): Promise<DeploymentRecord> {
  const { retiring: pending } = await deploymentStoreOf(ctx).readEnvironment(record.specId, record.environment);
  if (!pending) return record;
  const { target } = targetFor(ctx, record);
  try {
    await callWithRetries(ctx, () => target.teardown(retirementContext(record, pending), "stable"));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new RolloutStepFailedError(
      "RETIREMENT_PENDING",
      `version ${pending.version} is still being retired (deployment ${pending.deploymentId}) and the target refused again: ${detail}. Nothing was moved.`,
      step,
      { cause: error },
    );
  }
  return mutateDeployment(ctx, record.id, (current) => {
    expectStep(current, step);
    return {
      after: current,
      events: [
        {
          type: "deployment.retirement_completed",
          data: { version: pending.version, replacedBy: pending.replacedBy, startedBy: pending.deploymentId },
        },
      ],
      extra: [{ effect: { kind: "clear_retirement", deploymentId: pending.deploymentId } }],
    };
  }, { known: record });
}

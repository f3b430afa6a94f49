import { DeploymentNotRunnableError, RolloutStepFailedError } from "./errors.js";
import type { DeploymentRecord } from "./model.js";
import type { PlanStep } from "./plan.js";
import { mutateDeployment, type DeploymentChange } from "./repository.js";
import { callWithRetries, type SagaContext } from "./saga-context.js";

/**
 * How a forward step records itself: a conditional write on the revision, with status
 * in_progress and the cursor still on the step. Steps that move traffic or infrastructure
 * first claim the step, so a concurrent abort either stops them before the side effect or
 * sees the claim and compensates it.
 */

/** Throws unless `current` is running and its cursor is on `index`. */
export function expectStep(current: DeploymentRecord, index: number): void {
  if (current.status !== "in_progress") {
    throw new DeploymentNotRunnableError(current.id, current.status, `step ${index} may not run`);
  }
  if (current.currentStep !== index) {
    throw new DeploymentNotRunnableError(current.id, current.status, `the cursor is on step ${current.currentStep}, not ${index}`);
  }
}

export const completed = (step: PlanStep, data: Record<string, unknown> = {}) => ({
  type: "deployment.step_completed" as const,
  data: { step: step.index, kind: step.kind, ...data },
});

/**
 * Claims `step`, runs its side effect, records it. If the record loses to an abort (the
 * deployment is no longer in progress), the step undoes its own effect: the compensation
 * may already have run without knowing about it.
 */
export async function claimed<T>(
  ctx: SagaContext,
  record: DeploymentRecord,
  step: PlanStep,
  effect: () => Promise<T>,
  finish: (current: DeploymentRecord, result: T, at: string) => DeploymentChange,
  undo?: () => Promise<unknown>,
): Promise<DeploymentRecord> {
  const claimedRecord = await mutateDeployment(
    ctx,
    record.id,
    (current) => {
      expectStep(current, step.index);
      // Claimed before a crash: run the (idempotent) side effect again.
      if (current.claim?.step === step.index) return null;
      const at = ctx.clock().toISOString();
      return {
        after: { ...current, claim: { step: step.index, at } },
        events: [{ type: "deployment.step_started", data: { step: step.index, kind: step.kind } }],
      };
    },
    { known: record },
  );
  let result: T;
  try {
    result = await effect();
  } catch (error) {
    if (error instanceof RolloutStepFailedError && error.tookNoEffect) await releaseClaim(ctx, record.id, step);
    throw error;
  }
  try {
    return await mutateDeployment(
      ctx,
      record.id,
      (current) => {
        expectStep(current, step.index);
        return finish(current, result, ctx.clock().toISOString());
      },
      { known: claimedRecord },
    );
  } catch (error) {
    // Only when stopped: if another execution moved the cursor on, the effect is its too.
    const stopped = error instanceof DeploymentNotRunnableError && error.context.status !== "in_progress";
    if (stopped && undo) await callWithRetries(ctx, undo).catch(() => undefined);
    throw error;
  }
}


/**
 * The claimed side effect was refused before it could act (RolloutStepFailedError with
 * tookNoEffect): drop the claim, so the rollback that follows compensates only what earlier
 * steps did. Without this, the dangling claim turns into the step's compensation (a
 * teardown of a candidate that never came up), which fails against the same broken target
 * and strands the deployment in rollback_failed with its lock held. If this write fails,
 * the claim stays and is compensated as before: the safe side.
 */
async function releaseClaim(ctx: SagaContext, id: string, step: PlanStep): Promise<void> {
  await mutateDeployment(ctx, id, (current) => {
    if (current.claim?.step !== step.index) return null;
    return {
      after: { ...current, claim: undefined },
      events: [{ type: "deployment.step_not_applied", data: { step: step.index, kind: step.kind } }],
    };
  }).catch(() => undefined);
}

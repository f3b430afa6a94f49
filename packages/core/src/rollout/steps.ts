import type { AdvanceResult } from "../workflow/contract.js";
import { RolloutStepFailedError } from "./errors.js";
import type { AnalysisCheck, DeploymentRecord, PendingRetirement } from "./model.js";
import type { PlanStep } from "./plan.js";
import { deploymentStoreOf, mutateDeployment } from "./repository.js";
import { finishPendingRetirement, retireOldVersion, retirementOf } from "./retirement.js";
import { callTarget, callWithRetries, register, targetFor, type SagaContext } from "./saga-context.js";
import { claimed, completed, expectStep } from "./step-records.js";

/**
 * The forward steps. Each one records its completion (see step-records.ts) before the next
 * one starts, and registers its compensation in that same write.
 */

export interface StepOutcome {
  record: DeploymentRecord;
  /** Set when advance must hand control back to the state machine. */
  result?: AdvanceResult;
}

const MAX_CHECKS_KEPT = 20;

type Step<K extends PlanStep["kind"]> = Extract<PlanStep, { kind: K }>;

/** Runs one plan step of a deployment that is in_progress with its cursor on `step`. */
export async function runStep(ctx: SagaContext, record: DeploymentRecord, step: PlanStep): Promise<StepOutcome> {
  switch (step.kind) {
    case "prepare":
      return { record: await prepare(ctx, await finishPendingRetirement(ctx, record, step.index), step) };
    case "health_check":
      return healthCheck(ctx, record, step);
    case "validate":
      return { record: await validate(ctx, record, step) };
    case "approval":
      return { record, result: { next: "gate", gateTimeoutSeconds: step.timeoutSeconds } };
    case "shift":
      return { record: await shift(ctx, record, step) };
    case "bake":
      return bake(ctx, record, step);
    case "analysis":
      return analysis(ctx, record, step);
    case "promote":
      return { record: await promote(ctx, record, step) };
    case "finalize":
      return { record: await finalize(ctx, record, step), result: { next: "done" } };
  }
}

function prepare(ctx: SagaContext, record: DeploymentRecord, step: Step<"prepare">) {
  const { target, context } = targetFor(ctx, record);
  return claimed(
    ctx,
    record,
    step,
    () => callTarget(ctx, step.index, "prepare", () => target.prepare(context)),
    (current, _result, at) => ({
      after: {
        ...current,
        currentStep: step.index + 1,
        claim: undefined,
        compensations: register(current.compensations, "teardown_candidate", step.index, at),
      },
      events: [completed(step)],
    }),
    () => target.teardown(context, "candidate"),
  );
}

async function healthCheck(ctx: SagaContext, record: DeploymentRecord, step: Step<"health_check">): Promise<StepOutcome> {
  const { target, context } = targetFor(ctx, record);
  // A health call that errors counts as unhealthy: it is retried like one.
  const health = await callWithRetries(ctx, () => target.health(context)).catch((error: unknown) => ({
    healthy: false,
    detail: error instanceof Error ? error.message : String(error),
  }));
  if (health.healthy) {
    const next = await mutateDeployment(ctx, record.id, (current) => {
      expectStep(current, step.index);
      return {
        after: { ...current, currentStep: step.index + 1, analysis: { ...current.analysis, healthAttempts: 0 } },
        events: [completed(step, { attempts: current.analysis.healthAttempts + 1 })],
      };
    }, { known: record });
    return { record: next };
  }
  const attempts = record.analysis.healthAttempts + 1;
  if (attempts > step.retries) {
    const detail = health.detail ? `: ${health.detail}` : "";
    throw new RolloutStepFailedError("HEALTH_CHECK_FAILED", `unhealthy after ${attempts} checks${detail}`, step.index);
  }
  const next = await mutateDeployment(ctx, record.id, (current) => {
    expectStep(current, step.index);
    return {
      after: { ...current, analysis: { ...current.analysis, healthAttempts: attempts } },
      events: [{ type: "deployment.health_check_failed", data: { step: step.index, attempt: attempts, retries: step.retries, detail: health.detail } }],
    };
  }, { known: record });
  return { record: next, result: { next: "wait", waitSeconds: step.intervalSeconds } };
}

async function validate(ctx: SagaContext, record: DeploymentRecord, step: Step<"validate">) {
  const { target, context } = targetFor(ctx, record);
  const outcome = await callTarget(ctx, step.index, `validation check ${step.check}`, () => target.validate(context, step.check));
  if (!outcome.passed) {
    const detail = outcome.detail ? `: ${outcome.detail}` : "";
    throw new RolloutStepFailedError("VALIDATION_FAILED", `validation check ${step.check} failed${detail}`, step.index);
  }
  return mutateDeployment(ctx, record.id, (current) => {
    expectStep(current, step.index);
    return { after: { ...current, currentStep: step.index + 1 }, events: [completed(step, { check: step.check })] };
  }, { known: record });
}

function shift(ctx: SagaContext, record: DeploymentRecord, step: Step<"shift">) {
  const { target, context } = targetFor(ctx, record);
  return claimed(
    ctx,
    record,
    step,
    () => callTarget(ctx, step.index, `shift to ${step.weight}%`, () => target.shift(context, step.weight)),
    (current, weights, at) => ({
      after: {
        ...current,
        currentStep: step.index + 1,
        claim: undefined,
        trafficWeights: weights,
        compensations: register(current.compensations, "shift_to_stable", step.index, at),
      },
      events: [completed(step, { weights })],
    }),
    () => target.shift(context, 0),
  );
}

async function bake(ctx: SagaContext, record: DeploymentRecord, step: Step<"bake">): Promise<StepOutcome> {
  const next = await mutateDeployment(ctx, record.id, (current) => {
    expectStep(current, step.index);
    const bakeUntil = new Date(ctx.clock().getTime() + step.seconds * 1000).toISOString();
    return { after: { ...current, currentStep: step.index + 1, bakeUntil }, events: [completed(step, { seconds: step.seconds })] };
  }, { known: record });
  return step.seconds > 0 ? { record: next, result: { next: "wait", waitSeconds: step.seconds } } : { record: next };
}

/** Flagger-style: a failed check re-checks at the same weight; reaching the threshold fails. */
async function analysis(ctx: SagaContext, record: DeploymentRecord, step: Step<"analysis">): Promise<StepOutcome> {
  const { target, context } = targetFor(ctx, record);
  const metrics = await callTarget(ctx, step.index, "metrics", () => target.metrics(context, step.windowSeconds));
  const { errorRateThreshold, latencyP99ThresholdMs } = record.plan.settings;
  const passed = metrics.errorRate <= errorRateThreshold.value && metrics.latencyP99Ms <= latencyP99ThresholdMs.value;
  const check: AnalysisCheck = {
    step: step.index,
    weight: record.trafficWeights.candidate,
    at: ctx.clock().toISOString(),
    errorRate: metrics.errorRate,
    latencyP99Ms: metrics.latencyP99Ms,
    passed,
  };
  const failedChecks = record.analysis.failedChecks + (passed ? 0 : 1);
  const threshold = record.analysis.threshold;
  const next = await mutateDeployment(ctx, record.id, (current) => {
    expectStep(current, step.index);
    const state = { ...current.analysis, failedChecks, checks: [...current.analysis.checks, check].slice(-MAX_CHECKS_KEPT) };
    return {
      after: { ...current, analysis: state, currentStep: passed ? step.index + 1 : step.index },
      events: [{ type: "deployment.analysis_completed", data: { ...check, failedChecks, threshold } }],
    };
  }, { known: record });
  if (passed) return { record: next };
  if (failedChecks >= threshold) {
    throw new RolloutStepFailedError(
      "ANALYSIS_FAILED",
      `analysis failed ${failedChecks} checks, the threshold is ${threshold} (error rate ${metrics.errorRate}, p99 ${metrics.latencyP99Ms} ms)`,
      step.index,
    );
  }
  return { record: next, result: { next: "wait", waitSeconds: step.recheckAfterSeconds } };
}

async function promote(ctx: SagaContext, record: DeploymentRecord, step: Step<"promote">) {
  const pointer = await deploymentStoreOf(ctx).readEnvironment(record.specId, record.environment);
  const changed = () =>
    new RolloutStepFailedError(
      "ENV_POINTER_CHANGED",
      `${record.environment} runs version ${pointer.currentVersion}, not ${record.stableVersion} as when the rollout started`,
      step.index,
    );
  if (pointer.currentVersion !== record.stableVersion) throw changed();
  const snapshot = {
    currentVersion: pointer.currentVersion,
    previousVersion: pointer.previousVersion,
    lastDeploymentId: pointer.lastDeploymentId,
  };
  return mutateDeployment(ctx, record.id, (current) => {
    expectStep(current, step.index);
    const at = ctx.clock().toISOString();
    return {
      after: {
        ...current,
        currentStep: step.index + 1,
        compensations: register(current.compensations, "restore_env_pointer", step.index, at, { restore: snapshot }),
      },
      events: [completed(step, { from: snapshot.currentVersion, to: current.version })],
      extra: [{ effect: { kind: "point_environment", before: snapshot, at }, onConditionFailed: changed }],
    };
  }, { known: record });
}

/**
 * Records success (env pointer already moved by promote; lock released) with the pending
 * retirement of the old side, then retires it (retirement.ts). The retirement comes after
 * the point of no return on purpose: rolling back onto a half-retired stable side would be
 * worse than leaving it up, so a failed retirement is an event for a human and stays
 * pending until the next rollout finishes it. (No warm rollback window yet: see the issue.)
 */
async function finalize(ctx: SagaContext, record: DeploymentRecord, step: Step<"finalize">) {
  let pending: PendingRetirement | undefined;
  const done = await mutateDeployment(ctx, record.id, (current) => {
    expectStep(current, step.index);
    const at = ctx.clock().toISOString();
    pending = retirementOf(current, at);
    return {
      after: {
        ...current,
        status: "succeeded",
        currentStep: current.plan.steps.length,
        claim: undefined,
        compensations: [],
        taskToken: undefined,
        finishedAt: at,
      },
      events: [
        completed(step),
        { type: "deployment.succeeded", data: { version: current.version, previousVersion: current.stableVersion } },
      ],
      extra: [{ effect: { kind: "record_success", retiring: pending } }, { effect: { kind: "release_lock" } }, { effect: { kind: "unmark_active" } }],
    };
  }, { known: record });
  await retireOldVersion(ctx, done, pending);
  return done;
}

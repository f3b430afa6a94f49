import { isRollgateError } from "../errors/index.js";
import { withBackoff } from "../store/retry.js";
import { tookNoEffect } from "../target/errors.js";
import type { TargetContext, TrafficTarget } from "../target/port.js";
import { RolloutStepFailedError } from "./errors.js";
import type { Compensation, CompensationKind, DeploymentRecord } from "./model.js";
import type { RolloutStore } from "./repository.js";
import type { TargetSettings } from "./settings.js";

/**
 * Builds the traffic target a deployment acts on, from the spec's `deployment.target`
 * (undefined: the server's default target).
 */
export type TargetFactory = (settings: TargetSettings | undefined, context: TargetContext) => TrafficTarget;

/** What saga steps and compensations share. */
export interface SagaContext extends RolloutStore {
  targets: TargetFactory;
  /** Retries of a failing target call inside one step, before the step fails. */
  targetRetries: number;
}

export function targetContext(record: DeploymentRecord): TargetContext {
  return {
    specId: record.specId,
    environment: record.environment,
    deploymentId: record.id,
    candidateVersion: record.version,
    stableVersion: record.stableVersion,
  };
}

export function targetFor(ctx: SagaContext, record: DeploymentRecord) {
  const context = targetContext(record);
  return { target: ctx.targets(record.plan.settings.target.value ?? undefined, context), context };
}

/**
 * A target call with a few quick retries (targets are idempotent); then the error is the
 * step's. A call the target refused outright (it took no effect: a refused address, a 4xx,
 * a misconfiguration) is not retried: it would be refused again.
 */
export function callWithRetries<T>(ctx: SagaContext, call: () => Promise<T>): Promise<T> {
  return withBackoff(call, {
    retries: ctx.targetRetries,
    baseMs: 50,
    maxMs: 1_000,
    shouldRetry: (error) => !(isRollgateError(error) && error.kind === "invalid") && !tookNoEffect(error),
  });
}

/**
 * A target call inside forward step `step`: a failure fails the step (TARGET_ERROR). The
 * error says whether the call took no effect on any attempt, so the step's claim needs no
 * compensation.
 */
export async function callTarget<T>(ctx: SagaContext, step: number, what: string, call: () => Promise<T>): Promise<T> {
  let mayHaveActed = false;
  const tracked = async () => {
    try {
      return await call();
    } catch (error) {
      if (!tookNoEffect(error)) mayHaveActed = true;
      throw error;
    }
  };
  try {
    return await callWithRetries(ctx, tracked);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new RolloutStepFailedError("TARGET_ERROR", `${what} failed: ${detail}`, step, { cause: error, tookNoEffect: !mayHaveActed });
  }
}

/** Registers a compensation unless one of the same kind is already on the stack (they are absolute). */
export function register(
  compensations: Compensation[],
  kind: CompensationKind,
  step: number,
  at: string,
  extra: Partial<Compensation> = {},
): Compensation[] {
  if (compensations.some((c) => c.kind === kind)) return compensations;
  return [...compensations, { kind, step, registeredAt: at, ...extra }];
}

/** The undo of a step's own side effect, for a step that was claimed but not recorded. */
export function compensationForClaim(record: DeploymentRecord): CompensationKind | undefined {
  const step = record.claim ? record.plan.steps[record.claim.step] : undefined;
  if (step?.kind === "prepare") return "teardown_candidate";
  if (step?.kind === "shift") return "shift_to_stable";
  return undefined;
}

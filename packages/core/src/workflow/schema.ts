import { z } from "zod";
import type { AdvanceResult, StepRequest, StepResult } from "./contract.js";
import { StepResultInvalidError } from "./errors.js";

/**
 * Timers above this many seconds overflow Node's setTimeout (2^31-1 ms), which the local
 * engine uses for Wait states and task timeouts; Step Functions accepts far more, but one
 * limit for both runtimes keeps the definition's behaviour identical.
 */
export const MAX_TIMER_SECONDS = 2_147_483;

/** A gate whose step forgot its timeout still closes: every wait has a timeout. */
export const DEFAULT_GATE_TIMEOUT_SECONDS = 86_400;

const stepErrorSchema = z.object({ Error: z.string().optional(), Cause: z.string().optional() });

/** A Task state's payload, as the step Lambda and the local task handlers receive it. */
export const stepRequestSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("advance"), deploymentId: z.string().min(1) }),
  z.object({
    action: z.literal("openGate"),
    deploymentId: z.string().min(1),
    taskToken: z.string().min(1),
    gateTimeoutSeconds: z.number().positive().optional(),
  }),
  z.object({ action: z.literal("compensate"), deploymentId: z.string().min(1), error: stepErrorSchema.optional() }),
  z.object({ action: z.literal("escalate"), deploymentId: z.string().min(1), error: stepErrorSchema.optional() }),
]) satisfies z.ZodType<StepRequest>;

export const advanceResultSchema = z.looseObject({
  next: z.enum(["advance", "wait", "gate", "done"]),
  waitSeconds: z.number().nonnegative().optional(),
  gateTimeoutSeconds: z.number().positive().optional(),
});

const clampSeconds = (value: number, min: number) => Math.min(MAX_TIMER_SECONDS, Math.max(min, Math.ceil(value)));

/**
 * Makes an `advance` result safe for the state machine: Wait's SecondsPath and the gate's
 * TimeoutSecondsPath must point at integers (a missing or fractional value is a
 * States.Runtime error, which no Catch can handle), so they are rounded up, bounded, and
 * defaulted here rather than trusted.
 */
export function normalizeAdvanceResult(result: unknown): AdvanceResult {
  const parsed = advanceResultSchema.safeParse(result);
  if (!parsed.success) throw new StepResultInvalidError("advance", z.prettifyError(parsed.error));
  const { next, waitSeconds, gateTimeoutSeconds } = parsed.data;
  if (next === "wait") return { next, waitSeconds: clampSeconds(waitSeconds ?? 0, 0) };
  if (next === "gate") {
    return { next, gateTimeoutSeconds: clampSeconds(gateTimeoutSeconds ?? DEFAULT_GATE_TIMEOUT_SECONDS, 1) };
  }
  return { next };
}

/** The result a Task state hands back to the state machine for `request`. */
export function normalizeStepResult(request: StepRequest, result: StepResult): StepResult {
  return request.action === "advance" ? normalizeAdvanceResult(result) : result;
}

import { RollgateError } from "../errors/index.js";
import type { StepHandler } from "./contract.js";

/** A passing infrastructure failure (throttling, a dropped connection): the state machine retries the step. */
export class TransientStepError extends RollgateError {
  override name = "Rollgate.Transient";
  readonly code = "TRANSIENT";
  readonly kind = "unavailable" as const;
}

const transientNames = new Set([
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
  "TransactionConflictException",
  "TimeoutError",
]);
const transientCodes = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN"]);

/**
 * Whether `error` is infrastructure having a bad moment rather than the rollout failing.
 * Domain errors (a failed health check, a target that said no) never are: those roll back.
 */
export function isTransientInfrastructureError(error: unknown): boolean {
  if (error instanceof RollgateError || !error || typeof error !== "object") return false;
  const e = error as { name?: string; code?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  if (e.name && transientNames.has(e.name)) return true;
  if (e.code && transientCodes.has(e.code)) return true;
  if (e.$retryable) return true;
  return (e.$metadata?.httpStatusCode ?? 0) >= 500;
}

/**
 * Rethrows transient infrastructure errors as `Rollgate.Transient`, which the state machine
 * retries with backoff (every step is idempotent), instead of compensating a healthy
 * rollout because DynamoDB throttled once.
 */
export function retryingTransientErrors(stepHandler: StepHandler): StepHandler {
  return async (request) => {
    try {
      return await stepHandler(request);
    } catch (error) {
      if (isTransientInfrastructureError(error)) {
        throw new TransientStepError(`transient infrastructure error: ${(error as Error).message}`, { cause: error });
      }
      throw error;
    }
  };
}

import { RollgateError } from "../errors/index.js";

export class InvalidCursorError extends RollgateError {
  readonly code = "INVALID_CURSOR";
  readonly kind = "invalid" as const;
  constructor(cause?: unknown) {
    super("The cursor is not one this server issued for this listing.", {
      cause,
      errors: [{ path: "cursor", message: "invalid or tampered cursor" }],
    });
  }
}

/** A write kept losing races (optimistic concurrency or transaction conflicts) past its budget. */
export class ContentionError extends RollgateError {
  readonly code = "WRITE_CONTENTION";
  readonly kind = "unavailable" as const;
}

/**
 * The database did not answer (refused or dropped connection, timeout, a 5xx, throttling
 * that outlasted the SDK's retries). A passing condition: callers may retry after a moment.
 */
export class StorageUnavailableError extends RollgateError {
  readonly code = "STORAGE_UNAVAILABLE";
  readonly kind = "unavailable" as const;
  constructor(cause?: unknown) {
    super("The database is not answering right now; try again in a moment.", { cause });
  }
}

const unavailableNames = new Set([
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
]);
const unavailableCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND"]);

/**
 * Whether `error` (or an error it wraps) says the database is unavailable, as opposed to a
 * request it refused (validation, conditions): those are bugs or domain outcomes, not outages.
 */
export function isStorageUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof StorageUnavailableError) return true;
    if (e instanceof RollgateError) return false;
    const x = e as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
    if ((x.name && unavailableNames.has(x.name)) || (x.code && unavailableCodes.has(x.code))) return true;
    if ((x.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  }
  return false;
}

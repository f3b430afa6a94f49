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

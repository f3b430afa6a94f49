import { RollgateError } from "../errors/index.js";

export class IdempotencyKeyReusedError extends RollgateError {
  readonly code = "IDEMPOTENCY_KEY_REUSED";
  readonly kind = "invalid" as const;
  constructor(key: string) {
    super(`Idempotency-Key ${key} was already used with a different request.`, {
      context: { key },
      errors: [{ path: "Idempotency-Key", message: "reused with a different request body" }],
    });
  }
}

export class IdempotencyInProgressError extends RollgateError {
  readonly code = "IDEMPOTENCY_IN_PROGRESS";
  readonly kind = "conflict" as const;
  constructor(key: string) {
    super(`A request with Idempotency-Key ${key} is still being processed; retry shortly.`, { context: { key } });
  }
}

import { RollgateError } from "../errors/index.js";

export class UnauthenticatedError extends RollgateError {
  readonly code = "UNAUTHENTICATED";
  readonly kind = "unauthenticated" as const;
}

export class ForbiddenError extends RollgateError {
  readonly code = "FORBIDDEN";
  readonly kind = "forbidden" as const;
}

export class TokenNotFoundError extends RollgateError {
  readonly code = "TOKEN_NOT_FOUND";
  readonly kind = "not_found" as const;
  constructor(id: string) {
    super(`No token with id ${id}.`, { context: { id } });
  }
}

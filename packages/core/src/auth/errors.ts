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

export class PrincipalNotFoundError extends RollgateError {
  readonly code = "PRINCIPAL_NOT_FOUND";
  readonly kind = "not_found" as const;
  constructor(subject: string) {
    super(`No principal with subject ${subject}.`, { context: { subject } });
  }
}

/** A disabled principal gets no new credentials until an admin re-enables it. */
export class PrincipalDisabledError extends RollgateError {
  readonly code = "PRINCIPAL_DISABLED";
  readonly kind = "precondition" as const;
  constructor(subject: string) {
    super(`Principal ${subject} is disabled; re-enable it with PUT /v1/principals/${subject} first.`, {
      context: { subject },
      errors: [{ path: "subject", message: "this principal is disabled" }],
    });
  }
}

/** A subject that is not a lower-case identifier (never normalized: see subjectSchema). */
export class InvalidSubjectError extends RollgateError {
  readonly code = "INVALID_SUBJECT";
  readonly kind = "invalid" as const;
  constructor() {
    super("The subject must be a lower-case identifier (a-z, 0-9, . _ @ -).", {
      errors: [{ path: "subject", message: "expected a lower-case identifier: a-z, 0-9 and . _ @ -, starting with a letter or digit" }],
    });
  }
}

/** Someone changed the principal between our read and our write. */
export class PrincipalConflictError extends RollgateError {
  readonly code = "PRINCIPAL_CONFLICT";
  readonly kind = "conflict" as const;
  constructor(subject: string) {
    super(`Principal ${subject} was changed concurrently; retry.`, { context: { subject } });
  }
}

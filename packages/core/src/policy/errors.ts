import { RollgateError, type ErrorKind, type FieldIssue } from "../errors/index.js";

/** Errors of the platform policy. */
export abstract class PolicyError extends RollgateError {}

/** A deployment request (or the spec it deploys) breaks the platform policy; `errors` names the field. */
export class PolicyViolationError extends PolicyError {
  override name = "PolicyViolationError";
  readonly code = "POLICY_VIOLATION";
  readonly kind: ErrorKind = "invalid";
  constructor(environment: string, errors: FieldIssue[]) {
    super(`The platform policy for ${environment} does not allow this: ${errors.map((e) => `${e.path} ${e.message}`).join("; ")}.`, {
      context: { environment },
      errors,
    });
  }
}

/** The policy document does not validate (callers other than the HTTP layer get this). */
export class InvalidPolicyError extends PolicyError {
  override name = "InvalidPolicyError";
  readonly code = "POLICY_INVALID";
  readonly kind: ErrorKind = "invalid";
  constructor(errors: FieldIssue[]) {
    super("The policy is invalid.", { errors });
  }
}

/** `If-Match` named a revision that is no longer current: someone changed the policy since it was read. */
export class PolicyRevisionMismatchError extends PolicyError {
  override name = "PolicyRevisionMismatchError";
  readonly code = "POLICY_REVISION_MISMATCH";
  readonly kind: ErrorKind = "precondition";
  constructor(expected: number, current: number) {
    super(`The policy is at revision ${current}, not ${expected}: read it again and reapply your change.`, {
      context: { expectedRevision: expected, currentRevision: current },
    });
  }
}

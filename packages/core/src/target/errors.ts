import { RollgateError, type ErrorKind } from "../errors/index.js";

/**
 * Errors of traffic targets. `name` is spelled out (not taken from the class) because it
 * travels into Step Functions as the Task's Error, and bundlers may rename classes.
 */
export class TargetError extends RollgateError {
  override name = "TargetError";
  readonly code: string = "TARGET_FAILED";
  readonly kind: ErrorKind = "unavailable";
}

/** The target's settings or wiring cannot work (missing secret, missing client): retrying will not help. */
export class TargetConfigError extends TargetError {
  override name = "TargetConfigError";
  override readonly code: string = "TARGET_MISCONFIGURED";
  override readonly kind: ErrorKind = "precondition";
}

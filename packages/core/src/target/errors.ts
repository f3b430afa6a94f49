import { RollgateError, type ErrorKind, type FieldIssue } from "../errors/index.js";

/**
 * What a failed call did to the service: `none` when it cannot have changed anything
 * (refused before a byte was sent, or the target answered with a refusal), `unknown`
 * otherwise (a timeout, a 5xx: the target may have acted). A forward step whose call
 * failed with `none` took no effect, so it has nothing to compensate.
 */
export type TargetCallEffect = "none" | "unknown";

type TargetErrorOptions = { cause?: unknown; context?: Record<string, unknown>; errors?: FieldIssue[]; effect?: TargetCallEffect };

/**
 * Errors of traffic targets. `name` is spelled out (not taken from the class) because it
 * travels into Step Functions as the Task's Error, and bundlers may rename classes.
 * Messages never carry any part of a target's response body: they are shown to every
 * reader of the deployment.
 */
export class TargetError extends RollgateError {
  override name = "TargetError";
  readonly code: string = "TARGET_FAILED";
  readonly kind: ErrorKind = "unavailable";
  readonly effect: TargetCallEffect;

  constructor(message: string, options: TargetErrorOptions & { code?: string } = {}) {
    super(message, options);
    this.effect = options.effect ?? "unknown";
    if (options.code) this.code = options.code;
  }
}

/** The target's settings or wiring cannot work (missing secret, missing client): retrying will not help. */
export class TargetConfigError extends TargetError {
  override name = "TargetConfigError";
  override readonly code: string = "TARGET_MISCONFIGURED";
  override readonly kind: ErrorKind = "precondition";

  constructor(message: string, options: TargetErrorOptions = {}) {
    super(message, { effect: "none", ...options });
  }
}

/**
 * A spec names a registered target that does not exist, or that the spec (id patterns) or
 * the environment may not use: a 422 at deploy time naming `field`, and a failed step
 * (nothing called) if it changed while the rollout ran.
 */
export class TargetReferenceError extends TargetError {
  override name = "TargetReferenceError";
  override readonly kind: ErrorKind = "invalid";

  constructor(code: "TARGET_NOT_FOUND" | "TARGET_NOT_ALLOWED", field: string, message: string) {
    super(message, { code, effect: "none", errors: [{ path: field, message }], context: { field } });
  }
}

/** A registered target's definition is wrong (`PUT /v1/targets/{name}`): 422 naming the fields. */
export class InvalidTargetError extends TargetError {
  override name = "InvalidTargetError";
  override readonly kind: ErrorKind = "invalid";

  constructor(errors: FieldIssue[]) {
    super(`The target definition is invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`, {
      code: "TARGET_INVALID",
      effect: "none",
      errors,
    });
  }
}

/** No registered target of that name (`GET/DELETE /v1/targets/{name}`). */
export class TargetNotFoundError extends TargetError {
  override name = "TargetNotFoundError";
  override readonly kind: ErrorKind = "not_found";

  constructor(name: string) {
    super(`No registered target is named ${name}.`, { code: "TARGET_NOT_FOUND", effect: "none", context: { name } });
  }
}

/** A target that rollouts in flight still use cannot be deleted: their rollbacks would have nothing to undo with. */
export class TargetInUseError extends TargetError {
  override name = "TargetInUseError";
  override readonly kind: ErrorKind = "conflict";

  constructor(name: string, deploymentIds: string[]) {
    super(`Target ${name} is used by rollouts in flight (${deploymentIds.join(", ")}): abort them or let them finish first.`, {
      code: "TARGET_IN_USE",
      effect: "none",
      context: { name, deploymentIds },
    });
  }
}

/** True when `error` (or what it wraps) is a target call that cannot have changed anything. */
export function tookNoEffect(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof TargetError) return e.effect === "none";
  }
  return false;
}

import { RollgateError, type ErrorKind, type FieldIssue } from "../errors/index.js";

/**
 * Errors of the rollout module. `name` is spelled out because Step Functions records it as
 * the error of a failed step and bundlers may rename classes.
 */
export abstract class RolloutError extends RollgateError {}

export class DeploymentNotFoundError extends RolloutError {
  override name = "DeploymentNotFoundError";
  readonly code = "DEPLOYMENT_NOT_FOUND";
  readonly kind: ErrorKind = "not_found";
  constructor(deploymentId: string) {
    super(`Deployment ${deploymentId} does not exist.`, { context: { deploymentId } });
  }
}

/** Another rollout holds the (spec, environment) lock. */
export class LockHeldError extends RolloutError {
  override name = "LockHeldError";
  readonly code = "LOCK_HELD";
  readonly kind: ErrorKind = "conflict";
  constructor(readonly specId: string, readonly environment: string, readonly deploymentId: string | undefined) {
    super(
      `A rollout of ${specId} to ${environment} is already in flight${deploymentId ? ` (deployment ${deploymentId})` : ""}.`,
      { context: { specId, environment, deploymentId } },
    );
  }
}

/** The deployment changed under a write (optimistic concurrency); retried internally. */
export class DeploymentConflictError extends RolloutError {
  override name = "DeploymentConflictError";
  readonly code = "DEPLOYMENT_CONFLICT";
  readonly kind: ErrorKind = "conflict";
  constructor(deploymentId: string, options: { cause?: unknown } = {}) {
    super(`Deployment ${deploymentId} was changed concurrently; retry.`, { ...options, context: { deploymentId } });
  }
}

/** The deployment is not in a state where this saga step may run (aborted, rolled back, another step). */
export class DeploymentNotRunnableError extends RolloutError {
  override name = "DeploymentNotRunnableError";
  readonly code = "DEPLOYMENT_NOT_RUNNABLE";
  readonly kind: ErrorKind = "precondition";
  constructor(deploymentId: string, status: string, detail: string) {
    super(`Deployment ${deploymentId} is ${status}: ${detail}`, { context: { deploymentId, status } });
  }
}

export class DeploymentFinishedError extends RolloutError {
  override name = "DeploymentFinishedError";
  readonly code = "DEPLOYMENT_FINISHED";
  readonly kind: ErrorKind = "precondition";
  constructor(deploymentId: string, status: string) {
    super(`Deployment ${deploymentId} has already finished (${status}).`, { context: { deploymentId, status } });
  }
}

export class PromotionPathError extends RolloutError {
  override name = "PromotionPathError";
  readonly code = "PROMOTION_PATH";
  readonly kind: ErrorKind = "precondition";
  constructor(
    specId: string,
    version: number,
    environment: string,
    requiredEnvironment: string,
    /** `requiredBy: "policy"`: the platform policy's `after` asks for it; `onPath: false`: the spec's path does not even have it. */
    detail: { missing?: string[]; requiredBy?: "spec" | "policy"; onPath?: boolean } = {},
  ) {
    const why =
      detail.requiredBy === "policy"
        ? `, which the platform policy requires before ${environment}${detail.onPath === false ? " (it is not on this spec's promotion path)" : ""}`
        : `, which comes before ${environment}`;
    super(`Version ${version} of ${specId} has not succeeded in ${requiredEnvironment}${why}.`, {
      context: { specId, version, environment, requiredEnvironment, ...(detail.missing ? { missingEnvironments: detail.missing } : {}), ...(detail.requiredBy ? { requiredBy: detail.requiredBy } : {}) },
    });
  }
}

export class VersionDisabledError extends RolloutError {
  override name = "VersionDisabledError";
  readonly code = "VERSION_DISABLED";
  readonly kind: ErrorKind = "precondition";
  constructor(specId: string, version: number) {
    super(`Version ${version} of ${specId} is disabled and cannot be deployed.`, { context: { specId, version } });
  }
}

export class VersionAlreadyCurrentError extends RolloutError {
  override name = "VersionAlreadyCurrentError";
  readonly code = "VERSION_ALREADY_CURRENT";
  readonly kind: ErrorKind = "precondition";
  constructor(specId: string, version: number, environment: string) {
    super(`Version ${version} of ${specId} is already current in ${environment}.`, { context: { specId, version, environment } });
  }
}

export class UnknownEnvironmentError extends RolloutError {
  override name = "UnknownEnvironmentError";
  readonly code = "UNKNOWN_ENVIRONMENT";
  readonly kind: ErrorKind = "invalid";
  constructor(environment: string, path: readonly string[], field = "environment") {
    super(`Unknown environment "${environment}"; the promotion path is ${path.join(" -> ")}.`, {
      context: { environment, environments: [...path] },
      errors: [{ path: field, message: `expected one of ${path.join(", ")}` }],
    });
  }
}

/** The spec's rollout fields do not type-check (normally caught at registration). */
export class InvalidRolloutSettingsError extends RolloutError {
  override name = "InvalidRolloutSettingsError";
  readonly code = "INVALID_ROLLOUT_SETTINGS";
  readonly kind: ErrorKind = "invalid";
  constructor(errors: FieldIssue[]) {
    super("The spec's rollout settings are invalid.", { errors });
  }
}

/** A deployment request field is wrong (e.g. an unknown strategy). */
export class InvalidDeploymentRequestError extends RolloutError {
  override name = "InvalidDeploymentRequestError";
  readonly code = "INVALID_DEPLOYMENT_REQUEST";
  readonly kind: ErrorKind = "invalid";
  constructor(errors: FieldIssue[]) {
    super("The deployment request is invalid.", { errors });
  }
}

export class ForceRequiresAdminError extends RolloutError {
  override name = "ForceRequiresAdminError";
  readonly code = "FORCE_REQUIRES_ADMIN";
  readonly kind: ErrorKind = "forbidden";
  constructor() {
    super("Skipping the promotion path (`force`) needs the admin scope.", { errors: [{ path: "force", message: "needs the admin scope" }] });
  }
}

export class NoPreviousVersionError extends RolloutError {
  override name = "NoPreviousVersionError";
  readonly code = "NO_PREVIOUS_VERSION";
  readonly kind: ErrorKind = "precondition";
  constructor(specId: string, environment: string) {
    super(`${environment} of ${specId} has no previous version to roll back to.`, { context: { specId, environment } });
  }
}

export class NothingToPromoteError extends RolloutError {
  override name = "NothingToPromoteError";
  readonly code = "NOTHING_TO_PROMOTE";
  readonly kind: ErrorKind = "precondition";
  constructor(specId: string, environment: string) {
    super(`No version of ${specId} is current in ${environment}.`, { context: { specId, environment } });
  }
}

/** A later deployment replaced this one; roll the environment back instead. */
export class DeploymentSupersededError extends RolloutError {
  override name = "DeploymentSupersededError";
  readonly code = "DEPLOYMENT_SUPERSEDED";
  readonly kind: ErrorKind = "precondition";
  constructor(deploymentId: string, currentVersion: number | null) {
    super(`Deployment ${deploymentId} is no longer what its environment runs (current version: ${currentVersion}).`, {
      context: { deploymentId, currentVersion },
    });
  }
}

/** The workflow engine did not start the execution; the deployment was closed and its lock released. */
export class OrchestratorStartError extends RolloutError {
  override name = "OrchestratorStartError";
  readonly code = "ORCHESTRATOR_UNAVAILABLE";
  readonly kind: ErrorKind = "unavailable";
  constructor(deploymentId: string, cause: unknown) {
    super(`The workflow for deployment ${deploymentId} could not be started.`, { cause, context: { deploymentId } });
  }
}

/** Codes a forward step fails with; recorded as the deployment's failure reason. */
export type StepFailureCode =
  | "HEALTH_CHECK_FAILED"
  | "VALIDATION_FAILED"
  | "ANALYSIS_FAILED"
  | "TARGET_ERROR"
  | "ENV_POINTER_CHANGED"
  | "RETIREMENT_PENDING"
  | "APPROVAL_TIMEOUT";

/** A forward step failed for a domain reason; the saga compensates. Thrown to the state machine. */
export class RolloutStepFailedError extends RolloutError {
  override name = "RolloutStepFailedError";
  readonly kind: ErrorKind = "precondition";
  /** The step's side effect did not happen (every attempt was refused before it could act): nothing to compensate for it. */
  readonly tookNoEffect: boolean;
  constructor(readonly code: StepFailureCode, message: string, readonly step: number, options: { cause?: unknown; tookNoEffect?: boolean } = {}) {
    super(message, { cause: options.cause, context: { step } });
    this.tookNoEffect = options.tookNoEffect ?? false;
  }
}

/** The environment's last change was itself a rollback: rolling back again would restore what it removed. */
export class AlreadyRolledBackError extends RolloutError {
  override name = "AlreadyRolledBackError";
  readonly code = "ALREADY_ROLLED_BACK";
  readonly kind: ErrorKind = "conflict";
  constructor(specId: string, environment: string, currentVersion: number | null, previousVersion: number) {
    super(
      `${environment} was just rolled back to version ${currentVersion}; rolling back again would restore version ${previousVersion}, the one that was rolled back. Deploy it explicitly if that is what you want.`,
      { context: { specId, environment, currentVersion, previousVersion } },
    );
  }
}

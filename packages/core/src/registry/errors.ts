import { RollgateError } from "../errors/index.js";

export class SpecNotFoundError extends RollgateError {
  readonly code = "SPEC_NOT_FOUND";
  readonly kind = "not_found" as const;
  constructor(specId: string) {
    super(`No spec with id ${specId}.`, { context: { specId } });
  }
}

export class SpecVersionNotFoundError extends RollgateError {
  readonly code = "SPEC_VERSION_NOT_FOUND";
  readonly kind = "not_found" as const;
  constructor(specId: string, version: number | string) {
    super(`Spec ${specId} has no version ${version}.`, { context: { specId, version } });
  }
}

export class SpecTooLargeToStoreError extends RollgateError {
  readonly code = "SPEC_TOO_LARGE";
  readonly kind = "too_large" as const;
}

/**
 * `If-Match` named a representation that is no longer current: the version's state changed
 * since the caller read it. Checked inside the conditional write, so two racing changes based
 * on the same read cannot both pass.
 */
export class SpecVersionChangedError extends RollgateError {
  readonly code = "PRECONDITION_FAILED";
  readonly kind = "precondition" as const;
  constructor(specId: string, version: number, currentETag: string) {
    super("The version changed since the ETag in If-Match: read it again.", { context: { specId, version, currentETag } });
  }
}

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

import { RollgateError, type ErrorKind } from "../errors/index.js";

/** A sealing key that is not 32 bytes of base64 / base64url. The message never repeats the value. */
export class SealingKeyError extends RollgateError {
  override name = "SealingKeyError";
  readonly code = "SEALING_KEY_INVALID";
  readonly kind: ErrorKind = "invalid";
  constructor(reason: string) {
    super(`The sealing key is unusable: ${reason} (expected 32 random bytes, base64 or base64url).`);
  }
}

/** A sealed value that cannot be opened: sealed with a key this process lacks, for another context, or altered. */
export class UnsealError extends RollgateError {
  override name = "UnsealError";
  readonly code = "SEALED_VALUE_UNREADABLE";
  readonly kind: ErrorKind = "unavailable";
  constructor(reason: string, cause?: unknown) {
    super(`A sealed value could not be opened: ${reason}.`, cause === undefined ? {} : { cause });
  }
}

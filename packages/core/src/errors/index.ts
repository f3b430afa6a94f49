/**
 * The base of every domain error. Each module declares its own subclasses with a stable
 * `code` and a `kind` that the HTTP layer maps to a status; core never speaks HTTP.
 */
export type ErrorKind =
  | "invalid" // the input is wrong: 400/422
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "precondition" // the request is valid but the state does not allow it: 409/422
  | "too_large"
  | "unavailable"; // a dependency failed: 503

export interface FieldIssue {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export abstract class RollgateError extends Error {
  abstract readonly code: string;
  abstract readonly kind: ErrorKind;
  /** Extra, safe-to-show context for the problem document (ids, limits). */
  readonly context: Record<string, unknown>;
  readonly errors: FieldIssue[];

  constructor(
    message: string,
    options: { cause?: unknown; context?: Record<string, unknown>; errors?: FieldIssue[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.context = options.context ?? {};
    this.errors = options.errors ?? [];
  }
}

export function isRollgateError(error: unknown): error is RollgateError {
  return error instanceof RollgateError;
}

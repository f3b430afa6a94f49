import { RollgateError, type FieldIssue } from "../errors/index.js";

/** The text is not well-formed YAML or JSON (or holds duplicate keys); `errors[0]` has the line and column. */
export class SpecParseError extends RollgateError {
  readonly code = "SPEC_PARSE_ERROR";
  readonly kind = "invalid" as const;
  constructor(message: string, issue: FieldIssue, cause?: unknown) {
    super(message, { cause, errors: [issue] });
  }
}

/** The text parses, but its top level is a list, a scalar or nothing instead of a map. */
export class SpecNotAMapError extends RollgateError {
  readonly code = "SPEC_NOT_A_MAP";
  readonly kind = "invalid" as const;
  constructor(found: string) {
    super(`A spec must be a map at the top level; found ${found}.`, {
      context: { found },
      errors: [{ path: "", message: `expected a map, found ${found}` }],
    });
  }
}

/** Refused before or while building the document: too deep, or too many aliases (a resource exhaustion attempt). */
export class SpecTooComplexError extends RollgateError {
  readonly code = "SPEC_TOO_COMPLEX";
  readonly kind = "invalid" as const;
  constructor(message: string, context: Record<string, unknown>, options: { cause?: unknown; line?: number; column?: number } = {}) {
    const { cause, line, column } = options;
    super(message, { cause, context, errors: [{ path: "", message, ...(line === undefined ? {} : { line, column }) }] });
  }
}

/** The document breaks the validation rules of the requested mode; `errors` names each field. */
export class SpecValidationError extends RollgateError {
  readonly code = "SPEC_INVALID";
  readonly kind = "invalid" as const;
  /** Issues that would not have rejected the document on their own. */
  readonly warnings: FieldIssue[];
  constructor(errors: FieldIssue[], warnings: FieldIssue[] = []) {
    const first = errors[0];
    const where = first ? ` (${first.path === "" ? "document" : first.path}: ${first.message})` : "";
    super(`The spec is invalid: ${errors.length} error(s)${where}.`, { errors, context: { errorCount: errors.length } });
    this.warnings = warnings;
  }
}

import type { FieldIssue } from "../errors/index.js";
import { describeZodIssues, toFieldIssue, type SpecIssue } from "./issues.js";
import { rolloutErrors, unusedRolloutKeys } from "./rollout-check.js";
import { ospecIdentitySchema, ospecSchema } from "./schema.js";

export type ValidationMode = "lenient" | "strict";

/** The outcome of validating a document: `valid` is `errors.length === 0`. */
export interface SpecValidation {
  valid: boolean;
  errors: FieldIssue[];
  warnings: FieldIssue[];
}

/** What the official schema says about a document. */
function schemaIssues(document: Record<string, unknown>): SpecIssue[] {
  const result = ospecSchema.safeParse(document, { reportInput: true });
  return result.success ? [] : describeZodIssues(result.error.issues);
}

function withoutRepeats(issues: SpecIssue[]): SpecIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = JSON.stringify([issue.path, issue.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Errors and warnings with their paths still in segments (see `readSpec`, which locates them). */
export function collectIssues(document: Record<string, unknown>, mode: ValidationMode): { errors: SpecIssue[]; warnings: SpecIssue[] } {
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    return { errors: [{ path: [], message: "expected a map at the top level" }], warnings: [] };
  }
  const unused = unusedRolloutKeys(document);
  if (mode === "strict") {
    return { errors: withoutRepeats([...schemaIssues(document), ...rolloutErrors(document)]), warnings: unused };
  }
  const identity = ospecIdentitySchema.safeParse(document, { reportInput: true });
  const identityErrors = identity.success ? [] : describeZodIssues(identity.error.issues);
  const fieldsInError = new Set(identityErrors.map((issue) => issue.path[0]));
  // Everything else the official schema rejects only warns; a field already in error is not repeated.
  const schemaWarnings = schemaIssues(document).filter((issue) => !(issue.path.length === 1 && fieldsInError.has(issue.path[0]!)));
  return {
    errors: [...identityErrors, ...rolloutErrors(document)],
    warnings: withoutRepeats([...schemaWarnings, ...unused]),
  };
}

/**
 * Validates a parsed document.
 *
 * - `lenient`: errors only for a missing or malformed `ospec_version` (x.y.z), `id`
 *   (kebab-case, 1-100 characters: see spec-id.ts), `name` or `outcome_type`; whatever else the official OSpec v1.0 schema
 *   rejects is a warning. Unknown sections are fine (and kept by the caller).
 * - `strict`: errors for everything the official schema rejects: valid exactly when
 *   the schema says valid.
 *
 * In both modes a wrong value in the rollout sections (`deployment`, `environments`,
 * `guardrails.deployment`) is an error, and keys there that Rollgate does not act on are
 * warnings (with a "did you mean" for near misses).
 */
export function validateSpec(document: Record<string, unknown>, mode: ValidationMode): SpecValidation {
  const { errors, warnings } = collectIssues(document, mode);
  return { valid: errors.length === 0, errors: errors.map((issue) => toFieldIssue(issue)), warnings: warnings.map((issue) => toFieldIssue(issue)) };
}

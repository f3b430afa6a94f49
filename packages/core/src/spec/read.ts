import type { FieldIssue } from "../errors/index.js";
import { canonicalJson, contentHash } from "./canonical.js";
import { SpecValidationError } from "./errors.js";
import { toFieldIssue, type SpecIssue } from "./issues.js";
import type { PathSegment, Position } from "./positions.js";
import { parseSpecSource, type SpecFormat } from "./parse.js";
import { specIdPattern } from "./schema.js";
import { specIdProblem } from "./spec-id.js";
import { collectIssues, type ValidationMode } from "./validate.js";

/** A spec accepted by `readSpec`, ready to be stored. */
export interface ReadSpecResult {
  document: Record<string, unknown>;
  /** The document's `id`: the registry key. */
  specId: string;
  format: SpecFormat;
  canonical: string;
  /** sha256 (hex) of `canonical`. */
  contentHash: string;
  warnings: FieldIssue[];
}

/**
 * Parses and validates spec text, with the source line and column on each error and
 * warning that points at something in the text.
 *
 * The document's `id` is the spec id as written: one that is not kebab-case, longer than
 * 100 characters or a template placeholder is an error in both modes (see spec-id.ts).
 *
 * @throws SpecParseError, SpecNotAMapError, SpecTooComplexError from parsing
 * @throws SpecValidationError when the document is invalid in `mode`
 */
export function readSpec(text: string, options: { format: SpecFormat | "auto"; mode: ValidationMode }): ReadSpecResult {
  const { document, format, locate } = parseSpecSource(text, options.format);
  const collected = collectIssues(document, options.mode);
  const { warnings } = collected;
  let { errors } = collected;
  // The registry's id rule, in both modes (the official pattern allows `a--b` and any
  // length): one error on `id` that says what to write instead.
  const idProblem = specIdProblem(document.id);
  if (idProblem) errors = [{ path: ["id"], message: idProblem }, ...errors.filter((issue) => !(issue.path.length === 1 && issue.path[0] === "id"))];
  const specId = typeof document.id === "string" ? document.id : "";
  if (errors.length === 0 && !specIdPattern.test(specId)) errors.push({ path: ["id"], message: "expected a kebab-case id such as my-service" });
  const shownWarnings = listed(warnings, locate, "warnings");
  if (errors.length > 0) throw new SpecValidationError(listed(errors, locate, "errors"), shownWarnings);
  const canonical = canonicalJson(document);
  return { document, specId, format, canonical, contentHash: contentHash(document), warnings: shownWarnings };
}


/** How many errors, and how many warnings, a response lists (and a version stores). */
export const maxIssuesListed = 100;

/**
 * The first `maxIssuesListed` issues, located, then one line counting the rest. A list of
 * 100,000 wrong items would otherwise be located one by one (each a walk of the source
 * tree) and sent back, and stored, in full.
 */
function listed(issues: SpecIssue[], locate: (path: readonly PathSegment[]) => Position | undefined, what: string): FieldIssue[] {
  const shown = issues.slice(0, maxIssuesListed).map((issue) => toFieldIssue(issue, locate));
  const more = issues.length - shown.length;
  if (more > 0) shown.push({ path: "", message: `and ${more} more ${what} (only the first ${maxIssuesListed} are listed)` });
  return shown;
}

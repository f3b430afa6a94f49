import type { FieldIssue } from "../errors/index.js";
import { canonicalJson, contentHash } from "./canonical.js";
import { SpecValidationError } from "./errors.js";
import { toFieldIssue } from "./issues.js";
import { parseSpecSource, type SpecFormat } from "./parse.js";
import { specIdPattern } from "./schema.js";
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
 * Beyond `validateSpec`, the `id` must be usable as a spec id (kebab-case): in strict mode
 * it must be one already (the official schema also allows `a--b` and `a-`); in lenient mode
 * an id that is not (template documents carry `{{service-name}}-service`) is registered
 * under the kebab-case id derived from it, with a warning naming both.
 *
 * @throws SpecParseError, SpecNotAMapError, SpecTooComplexError from parsing
 * @throws SpecValidationError when the document is invalid in `mode`
 */
export function readSpec(text: string, options: { format: SpecFormat | "auto"; mode: ValidationMode }): ReadSpecResult {
  const { document, format, locate } = parseSpecSource(text, options.format);
  const { errors, warnings } = collectIssues(document, options.mode);
  const id = document.id;
  let specId = typeof id === "string" ? id : "";
  if (!errors.some((issue) => issue.path[0] === "id") && !specIdPattern.test(specId)) {
    const derived = deriveSpecId(specId);
    if (options.mode === "lenient" && derived) {
      warnings.push({ path: ["id"], message: `\`${specId}\` is not a kebab-case id; registered as spec \`${derived}\`` });
      specId = derived;
    } else {
      errors.push({ path: ["id"], message: "expected a kebab-case id such as my-service" });
    }
  }
  const shownWarnings = warnings.map((issue) => toFieldIssue(issue, locate));
  if (errors.length > 0) {
    throw new SpecValidationError(
      errors.map((issue) => toFieldIssue(issue, locate)),
      shownWarnings,
    );
  }
  const canonical = canonicalJson(document);
  return { document, specId, format, canonical, contentHash: contentHash(document), warnings: shownWarnings };
}

/** `{{Service Name}}-API` -> `service-name-api`; undefined when nothing usable is left. */
export function deriveSpecId(id: string): string | undefined {
  const derived = id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 128)
    .replace(/-+$/, "");
  return specIdPattern.test(derived) ? derived : undefined;
}

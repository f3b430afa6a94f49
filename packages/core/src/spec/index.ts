/**
 * OSpec documents: parsing (YAML or JSON, with limits), validation (lenient or strict,
 * rollout settings always strict), the canonical form and its hash, and diffs.
 */
export { parseSpecText, type ParsedSpec, type SpecFormat } from "./parse.js";
export { validateSpec, type SpecValidation, type ValidationMode } from "./validate.js";
export { readSpec, type ReadSpecResult } from "./read.js";
export { canonicalJson, contentHash } from "./canonical.js";
export { diffSpecs, type JsonPatchOperation, type RolloutChange, type SpecDiff } from "./diff.js";
export { SpecNotAMapError, SpecParseError, SpecTooComplexError, SpecValidationError } from "./errors.js";
export { ospecIdentitySchema, ospecSchema, outcomeTypes, specIdPattern, type OspecDocument } from "./schema.js";
export { maxAliasCount, maxNestingDepth } from "./limits.js";
export { maxSpecIdLength, specIdProblem, suggestSpecId } from "./spec-id.js";

import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

/**
 * The canonical JSON form of a document (RFC 8785, JSON Canonicalization Scheme): keys
 * sorted by UTF-16 code units, no whitespace, numbers and strings as ECMAScript writes
 * them. The same document read from YAML or JSON, with keys in any order, gives the same
 * string.
 *
 * @throws TypeError for values JSON cannot hold (NaN, Infinity, lone surrogates, undefined at the top)
 */
export function canonicalJson(document: unknown): string {
  let canonical: string | undefined;
  try {
    canonical = canonicalize(document);
  } catch (error) {
    throw new TypeError(`Cannot canonicalize the document: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (canonical === undefined) throw new TypeError("Cannot canonicalize the document: it has no JSON value.");
  return canonical;
}

/** sha256 (hex) of the canonical JSON form: equal for equal documents, whatever their source format. */
export function contentHash(document: unknown): string {
  return createHash("sha256").update(canonicalJson(document), "utf8").digest("hex");
}

import type { SpecVersionSummary } from "./schema.js";

/**
 * A version's entity tag. The raw text depends on the content alone; the JSON form also on
 * the lifecycle state, so once that changed its ETag says which change it shows.
 */
export function versionEtag(read: Pick<SpecVersionSummary, "contentHash" | "updatedAt" | "state">, raw: boolean): string {
  if (raw) return `"${read.contentHash}-raw"`;
  if (!read.updatedAt) return `"${read.contentHash}"`;
  return `"${read.contentHash}-${read.state}.${Date.parse(read.updatedAt).toString(36)}"`;
}

import type { PrincipalDirectory } from "./principals.js";
import type { PrincipalRecord } from "./schema.js";

/** How long a principal read for authentication is trusted in another process (default). */
export const defaultPrincipalMaxAgeMs = 1_000;

/**
 * The directory as authentication sees it: `get` (what every authenticated request calls)
 * is answered from memory for `maxAgeMs`, which saves a storage round trip per request.
 * Writes through this directory (role changes, disabling) replace the entry at once, so this
 * process never acts on a principal older than its own last change; another process acts on
 * one at most `maxAgeMs` old. Everything else reads storage.
 */
export function withPrincipalCache(
  directory: PrincipalDirectory,
  options: { maxAgeMs?: number; maxEntries?: number; now?: () => number } = {},
): PrincipalDirectory {
  const maxAgeMs = options.maxAgeMs ?? defaultPrincipalMaxAgeMs;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  if (maxAgeMs <= 0) return directory;
  const entries = new Map<string, { principal: PrincipalRecord | undefined; at: number; generation: number }>();
  // Bumped by every write: a read that started before a write never overwrites what it wrote.
  let generation = 0;

  const remember = (subject: string, principal: PrincipalRecord | undefined, seen: number) => {
    entries.delete(subject);
    entries.set(subject, { principal, at: now(), generation: seen });
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  };

  return {
    ...directory,
    async get(subject) {
      const cached = entries.get(subject);
      if (cached && now() - cached.at < maxAgeMs) return cached.principal;
      const seen = generation;
      const principal = await directory.get(subject);
      if (seen === generation) remember(subject, principal, seen);
      return principal;
    },
    async write(subject, change, updatedBy) {
      generation++;
      entries.delete(subject);
      try {
        const result = await directory.write(subject, change, updatedBy);
        remember(subject, result.principal, generation);
        return result;
      } finally {
        // A write that failed half-way says nothing certain: read storage next time.
        if (entries.get(subject)?.generation !== generation) entries.delete(subject);
      }
    },
  };
}

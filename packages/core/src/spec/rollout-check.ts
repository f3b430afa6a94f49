import { knownRolloutKeys, rolloutSettingsSchema } from "../rollout/settings.js";
import { describeZodIssues, type SpecIssue } from "./issues.js";

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The sections that drive rollouts, as `rolloutSettingsSchema` sees them. Only
 * `guardrails.deployment` of `guardrails` matters here; the rest of that section is the
 * official schema's business.
 */
function rolloutView(document: Record<string, unknown>): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  if (document.deployment !== undefined) view.deployment = document.deployment;
  if (document.environments !== undefined) view.environments = document.environments;
  if (isMap(document.guardrails) && document.guardrails.deployment !== undefined) {
    view.guardrails = { deployment: document.guardrails.deployment };
  }
  return view;
}

/** Wrong values in the rollout sections: errors in every mode, since they change what happens to traffic. */
export function rolloutErrors(document: Record<string, unknown>): SpecIssue[] {
  const result = rolloutSettingsSchema.safeParse(rolloutView(document), { reportInput: true });
  return result.success ? [] : describeZodIssues(result.error.issues);
}

/** Keys in the rollout sections that Rollgate does not act on, with a "did you mean" for near misses. */
export function unusedRolloutKeys(document: Record<string, unknown>): SpecIssue[] {
  const issues: SpecIssue[] = [];
  for (const [pattern, known] of Object.entries(knownRolloutKeys)) {
    for (const { path, section } of sectionsAt(document, pattern.split("."))) {
      for (const key of Object.keys(section)) {
        if (known.includes(key)) continue;
        const suggestion = nearestKey(key, known);
        issues.push({
          path: [...path, key],
          message: `not used by Rollgate${suggestion ? ` (did you mean \`${suggestion}\`?)` : ""}`,
        });
      }
    }
  }
  return issues;
}

/** The maps found at a `knownRolloutKeys` path, where `*` is every key of the map above. */
function sectionsAt(document: Record<string, unknown>, pattern: string[]): { path: string[]; section: Record<string, unknown> }[] {
  let found: { path: string[]; section: Record<string, unknown> }[] = [{ path: [], section: document }];
  for (const segment of pattern) {
    found = found.flatMap(({ path, section }) => {
      const keys = segment === "*" ? Object.keys(section) : [segment];
      return keys.filter((key) => isMap(section[key])).map((key) => ({ path: [...path, key], section: section[key] as Record<string, unknown> }));
    });
  }
  return found;
}

/** The known key closest to `key`, if it is within two edits (a typo rather than another word). */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    if (Math.abs(candidate.length - key.length) > 2) continue; // at least that many edits
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && distance < candidate.length && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

/** Damerau-Levenshtein distance (optimal string alignment: adjacent swaps count as one edit). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

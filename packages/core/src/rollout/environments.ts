import { InvalidRolloutSettingsError, UnknownEnvironmentError } from "./errors.js";
import { rolloutSettingsSchema, type RolloutSettings } from "./settings.js";

/** The server's promotion path when a spec has no `environments` map. */
export const defaultEnvironmentPath: readonly string[] = ["dev", "staging", "production"];

/** The rollout-relevant view of a spec document; throws when those fields do not type-check. */
export function readRolloutSettings(document: Record<string, unknown>): RolloutSettings {
  const parsed = rolloutSettingsSchema.safeParse(document);
  if (parsed.success) return parsed.data;
  throw new InvalidRolloutSettingsError(
    parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })),
  );
}

/**
 * The promotion path: the key order of the spec's `environments` map when it has one,
 * else the server default.
 */
export function environmentPath(settings: RolloutSettings, defaults: readonly string[] = defaultEnvironmentPath): string[] {
  const declared = settings.environments ? Object.keys(settings.environments) : [];
  return declared.length > 0 ? declared : [...defaults];
}

/** Where `environment` sits on the path, and the environment a version must have succeeded in first. */
export function positionOnPath(path: readonly string[], environment: string, field = "environment") {
  const index = path.indexOf(environment);
  if (index < 0) throw new UnknownEnvironmentError(environment, path, field);
  return { index, previous: index > 0 ? path[index - 1] : undefined };
}

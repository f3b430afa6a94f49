import { PolicyViolationError } from "../policy/errors.js";
import type { EnvironmentPolicy } from "../policy/schema.js";
import type { RolloutSettings, Strategy } from "./settings.js";

/**
 * The platform policy as a floor under the spec's settings (DESIGN section 8): each helper
 * takes what the spec (or a default) says and returns the stricter value, with `policy` as
 * its source wherever the policy changed it. Pure; used by the plan compiler only.
 */

/** The plan's `Sourced` (plan.ts), spelled out here so that plan.ts alone imports this file. */
interface Sourced<T> {
  value: T;
  source: string;
}

/**
 * The strategy, checked against the policy's `strategies`. A default the policy does not
 * allow gives way to the policy's first choice; a strategy someone chose (the request, the
 * spec) is refused, naming the field that chose it.
 */
export function allowedStrategy(strategy: Sourced<Strategy>, allowed: readonly Strategy[], environment: string): Sourced<Strategy> {
  if (allowed.includes(strategy.value)) return strategy;
  if (strategy.source === "default") return { value: allowed[0]!, source: "policy" };
  throw new PolicyViolationError(environment, [
    { path: strategy.source === "request" ? "strategy" : strategy.source, message: `is ${strategy.value}; ${environment} allows ${allowed.join(", ")}` },
  ]);
}

/** Approval if the spec or the policy asks (listing approver roles counts as asking). */
export function withPolicyApproval(spec: Sourced<boolean>, policy: EnvironmentPolicy): Sourced<boolean> {
  if (spec.value) return spec;
  return policy.requiresApproval === true || (policy.approvers?.length ?? 0) > 0 ? { value: true, source: "policy" } : spec;
}

/** Every role the spec or the policy lists. */
export function withPolicyRoles(spec: Sourced<string[]>, policy: EnvironmentPolicy): Sourced<string[]> {
  const added = (policy.approvers ?? []).filter((role, i, all) => !spec.value.includes(role) && all.indexOf(role) === i);
  if (added.length === 0) return spec;
  return { value: [...spec.value, ...added], source: spec.source === "default" ? "policy" : `${spec.source} + policy` };
}

/** The spec's previous environment on its path, plus the policy's `after`. */
export function prerequisites(spec: RolloutSettings, policy: EnvironmentPolicy, purpose: "deploy" | "rollback", previous: string | undefined): Sourced<string[]> {
  if (purpose === "rollback") return { value: [], source: "rollback" };
  const own: Sourced<string[]> = previous
    ? { value: [previous], source: spec.environments && Object.keys(spec.environments).length > 0 ? "environments" : "default" }
    : { value: [], source: "default" };
  const added = (policy.after ?? []).filter((env, i, all) => !own.value.includes(env) && all.indexOf(env) === i);
  if (added.length === 0) return own;
  return { value: [...own.value, ...added], source: own.value.length === 0 ? "policy" : `${own.source} + policy` };
}

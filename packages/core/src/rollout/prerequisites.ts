import { readItems } from "../store/batch-get.js";
import type { TableContext } from "../store/dynamo.js";
import { positionOnPath } from "./environments.js";
import { PromotionPathError } from "./errors.js";
import type { Plan } from "./plan.js";
import { environmentRead } from "./pointers.js";

/**
 * The promotion path's evidence: a version may go to an environment once it succeeded in
 * each of the plan's prerequisites (the previous environment on the path, the policy's
 * `after`). A deployment checks them in its own transaction (pointers.ts `prerequisiteMet`);
 * a dry run, a forced deployment and the refusal itself read them here.
 */

/** The prerequisites where `plan.version` has not succeeded (or was revoked), in plan order; one round trip. */
export async function missingPrerequisites(table: TableContext, plan: Plan): Promise<string[]> {
  const required = plan.settings.prerequisites.value;
  if (required.length === 0) return [];
  const reads = required.map((env) => environmentRead(plan.specId, env));
  const items = await readItems(table, reads);
  return reads
    .map((read, i) => read.decode(items[i]))
    .filter((pointer) => !pointer.succeededVersions.includes(plan.version))
    .map((pointer) => pointer.environment);
}

/** The refusal of a deployment whose prerequisites `missing` (non-empty) have not seen the version succeed. */
export function promotionPathError(plan: Plan, missing: string[]): PromotionPathError {
  const { previous } = positionOnPath(plan.environmentPath, plan.environment);
  return new PromotionPathError(plan.specId, plan.version, plan.environment, missing[0]!, {
    missing,
    requiredBy: missing[0] === previous ? "spec" : "policy",
    onPath: plan.environmentPath.includes(missing[0]!),
  });
}

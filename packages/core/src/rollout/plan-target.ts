import type { TableContext } from "../store/dynamo.js";
import { resolveRegisteredTarget } from "../target/registry.js";
import { isRegisteredTarget, type RolloutSettings, type TargetSettings } from "./settings.js";

/** The plan's `target` setting (plan.ts's Sourced, spelled out: plan.ts imports this module). */
export interface SourcedTarget {
  value: TargetSettings | null;
  source: string;
}

/** The parts of a plan resolvePlanTarget reads and rewrites. */
interface PlanWithTarget {
  specId: string;
  environment: string;
  settings: { target: SourcedTarget };
}

/**
 * Which target a rollout of `environment` uses: `environments.<env>.target`, else
 * `deployment.target`, else the server's default (null). A name stays a name here (the
 * plan compiler is pure); resolvePlanTarget checks it against the registry.
 */
export function planTarget(spec: RolloutSettings, environment: string): SourcedTarget {
  const own = spec.environments?.[environment]?.target;
  if (own !== undefined) return { value: asSettings(own), source: `environments.${environment}.target` };
  const shared = spec.deployment?.target;
  if (shared !== undefined) return { value: asSettings(shared), source: "deployment.target" };
  return { value: null, source: "default" };
}

const asSettings = (target: NonNullable<NonNullable<RolloutSettings["deployment"]>["target"]>): TargetSettings =>
  typeof target === "string" ? { name: target } : target;

/**
 * Deploy time (and dry run): a registered target the plan names must exist and allow this
 * spec and environment, or the request is a 422 naming the spec field
 * (TargetReferenceError). The plan then records the target's name and type.
 */
export async function resolvePlanTarget<P extends PlanWithTarget>(table: TableContext, plan: P): Promise<P> {
  const { value, source } = plan.settings.target;
  if (!value || !isRegisteredTarget(value)) return plan;
  const target = await resolveRegisteredTarget(table, value.name, { specId: plan.specId, environment: plan.environment, field: source });
  return { ...plan, settings: { ...plan.settings, target: { value: { name: target.name, type: target.type }, source } } };
}

import { z } from "zod";
import { targetNamePattern } from "../target/schema.js";

/**
 * The spec fields Rollgate acts on when it rolls a version out. They are type-checked
 * strictly in every validation mode, because a wrong value here changes what happens to
 * production traffic. Objects are loose: keys Rollgate does not act on are kept (the spec
 * validator reports them as warnings, with a "did you mean" for near misses).
 */

/** "30s", "5m", "2h", or a whole number of seconds. */
export const durationSchema = z.union([
  z.number().int().nonnegative().max(2_000_000),
  z.string().regex(/^\d+(s|m|h)$/, 'expected a duration such as "30s", "5m", "2h" or a number of seconds'),
]);
export type Duration = z.infer<typeof durationSchema>;

export function durationSeconds(value: Duration): number {
  if (typeof value === "number") return value;
  const amount = Number(value.slice(0, -1));
  const unit = value.slice(-1);
  return unit === "h" ? amount * 3600 : unit === "m" ? amount * 60 : amount;
}

const percentage = z.number().min(0).max(100);
const weight = z.number().int().min(1).max(100);

export const strategySchema = z.enum(["blue_green", "canary", "rolling"]);
export type Strategy = z.infer<typeof strategySchema>;

export const simulatedTargetSchema = z.looseObject({
  type: z.literal("simulated"),
  error_rate: z.number().min(0).max(1).optional(),
  latency_p99_ms: z.number().nonnegative().optional(),
  fail_at: z.enum(["prepare", "health_check", "shift", "teardown"]).optional(),
});
export type SimulatedTargetSettings = z.infer<typeof simulatedTargetSchema>;

/**
 * `deployment.target` and `environments.<env>.target`: the name of a registered target
 * (DESIGN.md section 9), or an inline simulated one. A webhook or lambda-alias object is
 * refused: a spec's author must not choose where Rollgate sends signed calls or which
 * function it moves.
 */
export const targetSchema = z.custom<string | SimulatedTargetSettings>().superRefine((value: unknown, ctx) => {
  if (value === undefined) return;
  if (typeof value === "string") {
    if (!targetNamePattern.test(value)) ctx.addIssue({ code: "custom", message: "expected the name of a registered target (lower-case, e.g. payments-prod)" });
    return;
  }
  const type = value !== null && typeof value === "object" ? (value as { type?: unknown }).type : undefined;
  if (type === "webhook" || type === "lambda-alias") {
    ctx.addIssue({
      code: "custom",
      message: `an inline ${type} target is not allowed: register it as a named target: PUT /v1/targets/{name} (admin), then name it here, e.g. target: "payments-prod"`,
    });
    return;
  }
  if (type !== "simulated") {
    ctx.addIssue({ code: "custom", message: 'expected the name of a registered target, or an inline {type: "simulated", ...} target' });
    return;
  }
  const simulated = simulatedTargetSchema.safeParse(value);
  if (!simulated.success) for (const issue of simulated.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});

/** What a plan records about its target, and what builds the adapter: the simulated settings, or a registered target's name and type (never its secret). */
export type TargetSettings = SimulatedTargetSettings | RegisteredTargetSettings;
export type RegisteredTargetSettings = { name: string; type?: "webhook" | "lambda-alias" };
export const isRegisteredTarget = (settings: TargetSettings): settings is RegisteredTargetSettings => settings.type !== "simulated";

export const deploymentSettingsSchema = z.looseObject({
  strategy: strategySchema.optional(),
  canary: z
    .looseObject({
      enabled: z.boolean().optional(),
      traffic_split: z
        .array(z.looseObject({ version: z.string(), percentage }))
        .min(1)
        .refine((split) => split.reduce((sum, s) => sum + s.percentage, 0) === 100, "percentages must add up to 100")
        .optional(),
      success_criteria: z
        .looseObject({
          error_rate_threshold: z.number().min(0).max(1).optional(),
          latency_p99_threshold: z.number().positive().optional(),
        })
        .optional(),
    })
    .optional(),
  analysis: z
    .looseObject({
      interval: durationSchema.optional(),
      threshold: z.number().int().min(1).max(100).optional(),
      step_weight: weight.optional(),
      max_weight: weight.optional(),
    })
    .optional(),
  traffic_switching: z
    .looseObject({
      validation_checks: z.array(z.string().min(1)).optional(),
      rollback_threshold_seconds: z.number().int().nonnegative().max(86_400).optional(),
    })
    .optional(),
  rolling: z.looseObject({ batches: z.number().int().min(1).max(100).optional() }).optional(),
  target: targetSchema.optional(),
}).superRefine((deployment, ctx) => {
  if (deployment.strategy === "canary" && deployment.canary?.enabled === false) {
    ctx.addIssue({ code: "custom", path: ["canary", "enabled"], message: "is false, but the strategy is canary: remove one of the two" });
  }
});
export type DeploymentSettings = z.infer<typeof deploymentSettingsSchema>;

export const environmentSettingsSchema = z.looseObject({
  auto_deploy: z.boolean().optional(),
  requires_approval: z.boolean().optional(),
  approvers: z.array(z.string().min(1)).optional(),
  approval_timeout: durationSchema.optional(),
  target: targetSchema.optional(),
});
export type EnvironmentSettings = z.infer<typeof environmentSettingsSchema>;

export const environmentNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "expected a lower-case environment name");

export const environmentsSettingsSchema = z.record(environmentNameSchema, environmentSettingsSchema);

export const deploymentGuardrailsSchema = z.looseObject({
  human_approval_required: z.union([z.array(z.string().min(1)), z.boolean()]).optional(),
  rollback_timeout_minutes: z.number().positive().max(1_440).optional(),
  health_check_retries: z.number().int().min(0).max(100).optional(),
});
export type DeploymentGuardrails = z.infer<typeof deploymentGuardrailsSchema>;

/** The rollout-relevant view of a spec document. */
export const rolloutSettingsSchema = z.looseObject({
  deployment: deploymentSettingsSchema.optional(),
  environments: environmentsSettingsSchema.optional(),
  guardrails: z.looseObject({ deployment: deploymentGuardrailsSchema.optional() }).optional(),
});
export type RolloutSettings = z.infer<typeof rolloutSettingsSchema>;

/**
 * Keys Rollgate acts on, per object path (`*` stands for any environment name). Anything
 * else found at these paths is kept and reported as a warning.
 */
export const knownRolloutKeys: Record<string, readonly string[]> = {
  deployment: ["strategy", "canary", "analysis", "traffic_switching", "rolling", "target"],
  "deployment.canary": ["enabled", "traffic_split", "success_criteria"],
  "deployment.canary.success_criteria": ["error_rate_threshold", "latency_p99_threshold"],
  "deployment.analysis": ["interval", "threshold", "step_weight", "max_weight"],
  "deployment.traffic_switching": ["validation_checks", "rollback_threshold_seconds"],
  "deployment.rolling": ["batches"],
  "environments.*": ["auto_deploy", "requires_approval", "approvers", "approval_timeout", "target"],
  "guardrails.deployment": ["human_approval_required", "rollback_timeout_minutes", "health_check_retries"],
};

import { z } from "zod";
import { environmentNameSchema, strategySchema } from "../rollout/settings.js";

/**
 * The platform policy: per environment name, the floor that specs cannot lower (DESIGN
 * section 8). Objects are strict: a misspelt key in a guardrail (`requireApproval`) must be
 * refused, not silently ignored.
 */

export const policyRoleSchema = z.string().min(1).max(100).regex(/^\S+$/, "a role name has no spaces");

export const environmentPolicySchema = z
  .strictObject({
    /** Every deployment to the environment waits for approval, whatever the spec says. */
    requiresApproval: z.boolean().optional(),
    /** Roles that must each approve, on top of the spec's; listing any makes approval required. */
    approvers: z.array(policyRoleSchema).max(20).optional(),
    /** Environments a version must have succeeded in first, on top of the spec's previous one. */
    after: z.array(environmentNameSchema).max(20).optional(),
    /** `false`: no deployment starts here on registration, whatever the spec says. */
    autoDeploy: z.boolean().optional(),
    /** The strategies allowed here; anything else is a 422 POLICY_VIOLATION. */
    strategies: z.array(strategySchema).min(1).optional(),
    /** Where release cards for the environment go (overrides ROLLGATE_SLACK_CHANNEL). */
    slackChannel: z.string().regex(/^[A-Za-z0-9#][A-Za-z0-9._#-]{0,79}$/, "expected a Slack channel id such as C0PROD").optional(),
  })
  .superRefine((env, ctx) => {
    if (env.requiresApproval === false && env.approvers?.length) {
      ctx.addIssue({ code: "custom", path: ["approvers"], message: "lists approvers, but requiresApproval is false: remove one of the two" });
    }
  });
export type EnvironmentPolicy = z.infer<typeof environmentPolicySchema>;

/**
 * The key of the floor for every environment the policy does not name. Without it a spec
 * could step around the policy by calling its environment `prod` instead of `production`.
 */
export const anyEnvironment = "*";

/** The policy that holds for `environment`: its own entry, else the `*` entry. */
export function policyFor(environments: Record<string, EnvironmentPolicy>, environment: string): EnvironmentPolicy | undefined {
  return Object.hasOwn(environments, environment) ? environments[environment] : environments[anyEnvironment];
}

/** The body of `PUT /v1/policy`. */
export const policyDocumentSchema = z
  .strictObject({ environments: z.record(z.union([environmentNameSchema, z.literal(anyEnvironment)]), environmentPolicySchema) })
  .superRefine((policy, ctx) => {
    const names = Object.keys(policy.environments);
    const fallback = policy.environments[anyEnvironment];
    if (fallback?.after?.length) {
      // `*` also covers the environments it names, so any `after` there would deadlock one of them.
      ctx.addIssue({ code: "custom", path: ["environments", anyEnvironment, "after"], message: "the * entry cannot name prerequisites: name the environment instead" });
    }
    if (names.length > 50) ctx.addIssue({ code: "custom", path: ["environments"], message: "at most 50 environments" });
    for (const [name, env] of Object.entries(policy.environments)) {
      const index = env.after?.indexOf(name) ?? -1;
      if (index >= 0) ctx.addIssue({ code: "custom", path: ["environments", name, "after", index], message: "an environment cannot come after itself" });
    }
    const cycle = findCycle(policy.environments);
    if (cycle) {
      ctx.addIssue({
        code: "custom",
        path: ["environments", cycle[0]!, "after"],
        message: `the after rules form a cycle (${cycle.join(" -> ")}): no version could ever be deployed there`,
      });
    }
  });
export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

/**
 * The data of a `policy.changed` event (stream `policy`, actor = who changed it), for the
 * event catalog: the full new document, so the event log is the policy's history.
 */
export const policyChangedDataSchema = z.object({
  revision: z.number().int().positive(),
  previousRevision: z.number().int().nonnegative(),
  /** Environments whose policy was added, removed or changed, sorted. */
  changedEnvironments: z.array(z.string()),
  environments: z.record(z.string(), environmentPolicySchema),
});
export type PolicyChangedData = z.infer<typeof policyChangedDataSchema>;

/** The policy as stored: the document, its revision (0: never set) and who set it when. */
export interface StoredPolicy {
  revision: number;
  environments: Record<string, EnvironmentPolicy>;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** A cycle of `after` edges (`a -> b -> a`), if there is one. */
function findCycle(environments: Record<string, EnvironmentPolicy>): string[] | undefined {
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === "done") return undefined;
    if (state.get(name) === "visiting") return [...stack.slice(stack.indexOf(name)), name];
    state.set(name, "visiting");
    stack.push(name);
    for (const before of environments[name]?.after ?? []) {
      if (before === name) continue;
      const cycle = visit(before);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(name, "done");
    return undefined;
  };
  for (const name of Object.keys(environments)) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return undefined;
}

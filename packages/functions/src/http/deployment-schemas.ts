import { z } from "@hono/zod-openapi";
import { deploymentStatuses } from "@rollgate/core/rollout";
import { FieldIssueSchema } from "./schemas.js";

/** The deployment as the API returns it: OpenAPI documentation of core's DeploymentView. */
const Sourced = z.object({ value: z.unknown(), source: z.string().openapi({ example: "deployment.analysis.interval" }) });

const PlanStepSchema = z
  .object({
    index: z.number().int(),
    kind: z.enum(["prepare", "health_check", "validate", "approval", "shift", "bake", "analysis", "promote", "finalize"]),
    weight: z.number().optional(),
    seconds: z.number().optional(),
    retries: z.number().optional(),
    check: z.string().optional(),
    requiredRoles: z.array(z.string()).optional(),
    timeoutSeconds: z.number().optional(),
  })
  .openapi("PlanStep");

export const PlanSchema = z
  .object({
    specId: z.string(),
    version: z.number().int(),
    environment: z.string(),
    strategy: z.enum(["blue_green", "canary", "rolling"]),
    purpose: z.enum(["deploy", "rollback"]),
    environmentPath: z.array(z.string()),
    settings: z.record(z.string(), Sourced).openapi({ description: "Every setting with where it came from: a spec path, `default`, `request`, `policy` (the platform policy's floor), `rollback`, or two joined by ` + ` (approver roles from the spec and the policy)." }),
    weights: z.array(z.number()),
    steps: z.array(PlanStepSchema),
    minDurationSeconds: z.number(),
  })
  .openapi("Plan");

const VoteSchema = z.object({
  subject: z.string(),
  role: z.string().nullable(),
  decision: z.enum(["approve", "reject"]),
  comment: z.string().optional(),
  at: z.string(),
  via: z.enum(["api", "link"]),
});

const EventSchema = z
  .object({ id: z.string(), type: z.string(), at: z.string(), actor: z.string().optional(), data: z.record(z.string(), z.unknown()) })
  .openapi("DomainEvent");

export const DeploymentSchema = z
  .object({
    id: z.string(),
    specId: z.string(),
    version: z.number().int(),
    environment: z.string(),
    strategy: z.enum(["blue_green", "canary", "rolling"]),
    purpose: z.enum(["deploy", "rollback"]),
    rollbackOf: z.string().optional(),
    status: z.enum(deploymentStatuses),
    plan: PlanSchema,
    currentStep: z.object({ index: z.number().int(), kind: z.string() }).nullable(),
    trafficWeights: z.object({ stable: z.number(), candidate: z.number() }),
    stableVersion: z.number().int().nullable(),
    approvals: z.array(
      z.object({
        gate: z.number().int(),
        requiredRoles: z.array(z.string()),
        status: z.enum(["open", "approved", "rejected", "timed_out", "cancelled"]),
        expiresAt: z.string(),
        approvedRoles: z.array(z.string()),
        votes: z.array(VoteSchema),
        rolesWithoutApprovers: z.array(z.string()).optional().openapi({ description: "Required roles nobody eligible held when the gate opened." }),
      }),
    ),
    analysis: z.object({
      failedChecks: z.number().int(),
      threshold: z.number().int(),
      checks: z.array(z.object({ step: z.number(), weight: z.number(), at: z.string(), errorRate: z.number(), latencyP99Ms: z.number(), passed: z.boolean() })),
    }),
    compensationLog: z.array(z.object({ kind: z.string(), step: z.number(), outcome: z.enum(["completed", "failed"]), at: z.string(), error: z.string().optional() })),
    pendingCompensations: z.array(z.object({ kind: z.string(), step: z.number() })),
    timeline: z.array(EventSchema),
    failure: z.object({ code: z.string(), message: z.string(), step: z.number().optional() }).optional(),
    requestedBy: z.string(),
    reason: z.string().optional(),
    executionId: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().optional(),
    warnings: z.array(FieldIssueSchema).optional().openapi({ description: "On create: e.g. the version is deprecated." }),
  })
  .openapi("Deployment");

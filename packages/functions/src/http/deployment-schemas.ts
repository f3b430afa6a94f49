import { z } from "@hono/zod-openapi";
import { eventDataSchemas, eventEnvelope, eventTypes } from "@rollgate/core/events";
import { deploymentStatuses } from "@rollgate/core/rollout";
import { FieldIssueSchema } from "./schemas.js";

/** The deployment as the API returns it: OpenAPI documentation of core's DeploymentView. */
const Sourced = z.object({ value: z.unknown(), source: z.string().openapi({ example: "deployment.analysis.interval" }) });

const PlanStepSchema = z
  .object({
    index: z.number().int(),
    kind: z.enum(["prepare", "health_check", "validate", "approval", "shift", "bake", "analysis", "promote", "finalize"]),
    retries: z.number().optional().openapi({ description: "health_check" }),
    intervalSeconds: z.number().optional().openapi({ description: "health_check" }),
    check: z.string().optional().openapi({ description: "validate" }),
    gate: z.number().int().optional().openapi({ description: "approval: the gate's number" }),
    requiredRoles: z.array(z.string()).optional().openapi({ description: "approval" }),
    timeoutSeconds: z.number().optional().openapi({ description: "approval" }),
    weight: z.number().optional().openapi({ description: "shift" }),
    seconds: z.number().optional().openapi({ description: "bake" }),
    windowSeconds: z.number().optional().openapi({ description: "analysis" }),
    recheckAfterSeconds: z.number().optional().openapi({ description: "analysis" }),
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

export const VoteSchema = z
  .object({
    subject: z.string(),
    role: z.string().nullable(),
    decision: z.enum(["approve", "reject"]),
    comment: z.string().optional(),
    at: z.string(),
    via: z.enum(["api", "link", "slack"]).openapi({
      description: "api: a credential of the principal (a token or a dashboard session); link: the principal's own approval link; slack: a linked Slack user's button or command",
    }),
  })
  .openapi("Vote");

export const ApprovalGateSchema = z
  .object({
    gate: z.number().int(),
    step: z.number().int().openapi({ description: "The plan step of the gate" }),
    requiredRoles: z.array(z.string()),
    openedAt: z.string(),
    expiresAt: z.string(),
    status: z.enum(["open", "approved", "rejected", "timed_out", "cancelled"]).openapi({ description: "cancelled: the deployment was aborted or rolled back while the gate was open" }),
    approvedRoles: z.array(z.string()),
    votes: z.array(VoteSchema),
    links: z.number().int().openapi({ description: "How many approval links were minted for the gate (one per eligible principal)" }),
    rolesWithoutApprovers: z.array(z.string()).optional().openapi({ description: "Required roles nobody eligible held when the gate opened." }),
  })
  .openapi("ApprovalGate");

/** `POST /v1/deployments/{id}/approvals`: core's VoteOutcome. */
export const VoteOutcomeSchema = z
  .object({
    deploymentId: z.string(),
    status: z.enum(deploymentStatuses),
    vote: VoteSchema,
    gate: ApprovalGateSchema,
    outcome: z.enum(["recorded", "approved", "rejected"]).openapi({ description: "approved: the quorum is met and the rollout continues; rejected: it rolls back" }),
  })
  .openapi("VoteOutcome");

/** The catalog (core/events/catalog.ts) as one discriminated union: the `Event` component of the document. */
export const EventSchema = z
  .discriminatedUnion(
    "type",
    eventTypes.map((type) => z.object({ ...eventEnvelope, type: z.literal(type), data: z.object(eventDataSchemas[type].shape) })) as unknown as [
      z.ZodObject,
      ...z.ZodObject[],
    ],
  )
  .openapi("Event");

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
    approvals: z.array(ApprovalGateSchema),
    analysis: z.object({
      failedChecks: z.number().int(),
      threshold: z.number().int(),
      checks: z.array(z.object({ step: z.number(), weight: z.number(), at: z.string(), errorRate: z.number(), latencyP99Ms: z.number(), passed: z.boolean() })),
      healthAttempts: z.number().int().openapi({ description: "Failed health checks at the current health step" }),
    }),
    compensationLog: z.array(z.object({ kind: z.string(), step: z.number(), outcome: z.enum(["completed", "failed"]), at: z.string(), error: z.string().optional() })),
    pendingCompensations: z.array(
      z.object({
        kind: z.string(),
        step: z.number(),
        registeredAt: z.string(),
        restore: z.object({ currentVersion: z.number().int().nullable(), previousVersion: z.number().int().nullable(), lastDeploymentId: z.string().nullable() }).optional(),
      }),
    ),
    timeline: z.array(EventSchema),
    failure: z.object({ code: z.string(), message: z.string(), step: z.number().optional() }).optional(),
    stopRequest: z
      .object({ by: z.string(), reason: z.string().optional(), at: z.string(), outcome: z.enum(["aborted", "rolled_back"]) })
      .optional()
      .openapi({ description: "A stop a person asked for, and how the deployment ends once compensated" }),
    requestedBy: z.string(),
    reason: z.string().optional(),
    forced: z.boolean().optional().openapi({ description: "Started with `force` (the promotion path was skipped)" }),
    executionId: z.string().optional(),
    revision: z.number().int().openapi({ description: "Bumped by every change; the sequence number of the latest event" }),
    createdAt: z.string(),
    updatedAt: z.string(),
    rollbackStartedAt: z.string().optional(),
    bakeUntil: z.string().optional().openapi({ description: "When the running bake ends" }),
    resolvedBy: z.string().optional().openapi({ description: "Who took over a rollback_failed deployment and released its lock" }),
    resolvedAt: z.string().optional(),
    rollbackError: z.string().optional().openapi({ description: "Why compensation gave up (rollback_failed)" }),
    finishedAt: z.string().optional(),
    warnings: z.array(FieldIssueSchema).optional().openapi({ description: "On create: e.g. the version is deprecated." }),
  })
  .openapi("Deployment");

/** What an approval link shows (core's ApprovalLinkView): the JSON answer of `POST /approvals/{token}`. */
export const ApprovalLinkViewSchema = z
  .object({
    deploymentId: z.string(),
    specId: z.string(),
    version: z.number().int(),
    environment: z.string(),
    strategy: z.string(),
    status: z.enum(deploymentStatuses),
    requestedBy: z.string(),
    reason: z.string().optional(),
    approver: z.object({ subject: z.string(), displayName: z.string().optional(), roles: z.array(z.string()) }),
    role: z.string().nullable(),
    gate: ApprovalGateSchema.pick({ gate: true, requiredRoles: true, approvedRoles: true, status: true, expiresAt: true }).nullable(),
    votes: z.array(VoteSchema),
    plan: z.object({
      strategy: z.enum(["blue_green", "canary", "rolling"]),
      purpose: z.enum(["deploy", "rollback"]),
      weights: z.array(z.number()),
      steps: z.array(z.string()),
      minDurationSeconds: z.number(),
      approvalRequired: z.boolean(),
      approvers: z.array(z.string()),
    }),
    planSummary: z.array(z.string()),
    gateOpen: z.boolean(),
    expiresAt: z.string(),
    expired: z.boolean(),
    revoked: z.boolean(),
    decided: z.boolean(),
    canDecide: z.boolean(),
  })
  .openapi("ApprovalLinkView");

/** A list entry of `GET /v1/deployments` (core's DeploymentSummary). */
export const DeploymentSummarySchema = DeploymentSchema.pick({
  id: true,
  specId: true,
  version: true,
  environment: true,
  strategy: true,
  purpose: true,
  status: true,
  requestedBy: true,
  reason: true,
  stableVersion: true,
  createdAt: true,
  finishedAt: true,
}).openapi("DeploymentSummary");

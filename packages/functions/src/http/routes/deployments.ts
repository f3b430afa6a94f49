import { createRoute, z } from "@hono/zod-openapi";
import { deploymentStatuses, type DeploymentOutcome } from "@rollgate/core/rollout";
import { bearerScope, securedRoutes } from "../auth.js";
import type { AppEnv, AppServices, DeploymentsApi } from "../env.js";
import { withIdempotency } from "../idempotency.js";
import { DeploymentSchema, DeploymentSummarySchema, PlanSchema, VoteOutcomeSchema } from "../deployment-schemas.js";
import { FieldIssueSchema, PageQuery, problems, SpecIdParam } from "../schemas.js";
import { IdempotencyKeyParameter } from "../openapi.js";

const EnvName = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "expected a lower-case environment name");
const Reason = z.string().max(500).optional();

const CreateDeploymentBody = z
  .strictObject({
    specId: SpecIdParam,
    version: z.union([z.number().int().positive(), z.literal("latest")]),
    environment: EnvName,
    strategy: z.enum(["blue_green", "canary", "rolling"]).optional(),
    reason: Reason,
    force: z.boolean().optional(),
  })
  .openapi("CreateDeployment");

const IdParam = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" } }) });
const ReasonBody = {
  required: false,
  description: "Optional: `{reason}`, recorded with the stop",
  content: { "application/json": { schema: z.strictObject({ reason: Reason }).openapi("StopReason") } },
};
const RollbackSchema = DeploymentSchema.extend({
  rollbackMode: z.enum(["stopped", "new_deployment", "compensation_retried"]).openapi({
    description: "stopped: it was in flight; new_deployment: a new deployment restores the previous version; compensation_retried: it had ended rollback_failed",
  }),
}).openapi("Rollback");

/** A use case's outcome as the API has always sent it: the deployment, with its warnings. */
const shown = ({ deployment, warnings }: DeploymentOutcome) => ({ ...deployment, warnings });

export function deploymentRoutes(services: AppServices) {
  const app = securedRoutes();
  const deployments = (): DeploymentsApi => {
    if (!services.deployments) throw new Error("deployment service not configured");
    return services.deployments;
  };

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/deployments",
      operationId: "createDeployment",
      tags: ["deployments"],
      summary: "Start a rollout of a spec version to an environment (`?dryRun=true`: the plan only)",
      description:
        "Compiles the plan (every setting with its source), checks the promotion path and the policy, and starts the rollout: 202 with the deployment. 409 with the in-flight deployment's id when the environment has one running. `Idempotency-Key` is honoured.",
      parameters: [IdempotencyKeyParameter],
      request: {
        query: z.object({ dryRun: z.enum(["true", "false"]).optional().openapi({ param: { name: "dryRun", in: "query" } }) }),
        body: { required: true, content: { "application/json": { schema: CreateDeploymentBody } } },
      },
      responses: {
        200: {
          description: "Dry run: the plan, and the warnings a deployment would carry",
          content: { "application/json": { schema: z.object({ plan: PlanSchema, warnings: z.array(FieldIssueSchema) }) } },
        },
        202: { description: "Started", content: { "application/json": { schema: DeploymentSchema } } },
        ...problems(["REQUEST_INVALID", 400], "SPEC_NOT_FOUND", "SPEC_VERSION_NOT_FOUND", "FORCE_REQUIRES_ADMIN", "VERSION_DISABLED", "VERSION_ALREADY_CURRENT", "PROMOTION_PATH", "LOCK_HELD", "DEPLOYMENT_CONFLICT", "INVALID_DEPLOYMENT_REQUEST", "UNKNOWN_ENVIRONMENT", "INVALID_ROLLOUT_SETTINGS", "POLICY_VIOLATION", ["TARGET_NOT_FOUND", 422], "TARGET_NOT_ALLOWED", "ORCHESTRATOR_UNAVAILABLE"),
      },
      security: bearerScope("deploy"),
    }),
    async (c) => {
      const body = c.req.valid("json");
      const principal = c.get("principal");
      if (c.req.valid("query").dryRun === "true") return c.json(await deployments().create(body, principal, { dryRun: true }), 200);
      // The fingerprint is the request as sent: a retry of `latest` replays, even after a new version.
      const respond = (outcome: DeploymentOutcome) => ({ status: 202 as const, body: shown(outcome) });
      return withIdempotency(
        c,
        services,
        JSON.stringify(body),
        async () => respond(await deployments().create(body, principal)),
        (claim) => deployments().createOnce(body, principal, { claim, respond }),
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/specs/{specId}/promote",
      operationId: "promoteSpec",
      tags: ["deployments"],
      summary: "Deploy the version current in `from` to `to`",
      description: "CI's main call: the version current in `from` is deployed to `to`, with the same rules as `POST /v1/deployments`. `Idempotency-Key` is honoured.",
      parameters: [IdempotencyKeyParameter],
      request: {
        params: z.object({ specId: SpecIdParam }),
        body: { required: true, content: { "application/json": { schema: z.strictObject({ from: EnvName, to: EnvName, reason: Reason }) } } },
      },
      responses: { 202: { description: "Started", content: { "application/json": { schema: DeploymentSchema } } }, ...problems(["REQUEST_INVALID", 400], "SPEC_NOT_FOUND", "SPEC_VERSION_NOT_FOUND", "VERSION_DISABLED", "VERSION_ALREADY_CURRENT", "PROMOTION_PATH", "LOCK_HELD", "DEPLOYMENT_CONFLICT", "NOTHING_TO_PROMOTE", "UNKNOWN_ENVIRONMENT", "INVALID_ROLLOUT_SETTINGS", "POLICY_VIOLATION", ["TARGET_NOT_FOUND", 422], "TARGET_NOT_ALLOWED", "ORCHESTRATOR_UNAVAILABLE") },
      security: bearerScope("deploy"),
    }),
    async (c) => {
      const { specId } = c.req.valid("param");
      const input = { specId, ...c.req.valid("json") };
      const principal = c.get("principal");
      const respond = (outcome: DeploymentOutcome) => ({ status: 202 as const, body: shown(outcome) });
      return withIdempotency(
        c,
        services,
        JSON.stringify(input),
        async () => respond(await deployments().promote(input, principal)),
        (claim) => deployments().promoteOnce(input, principal, { claim, respond }),
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/deployments",
      operationId: "listDeployments",
      tags: ["deployments"],
      summary: "List deployments, newest first",
      description: "Summaries, filtered by `specId`, `environment` and `status`, paged with `limit` and `cursor`.",
      request: {
        query: PageQuery.extend({
          specId: SpecIdParam.optional().openapi({ param: { name: "specId", in: "query" } }),
          environment: EnvName.optional().openapi({ param: { name: "environment", in: "query" } }),
          status: z.enum(deploymentStatuses).optional().openapi({ param: { name: "status", in: "query" } }),
        }),
      },
      responses: {
        200: {
          description: "A page of deployment summaries",
          content: {
            "application/json": {
              schema: z.object({
                items: z.array(DeploymentSummarySchema),
                nextCursor: z.string().nullable(),
              }),
            },
          },
        },
        
      },
      security: bearerScope("specs:read"),
    }),
    async (c) => c.json((await deployments().list(c.req.valid("query"))), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/deployments/{id}",
      operationId: "getDeployment",
      tags: ["deployments"],
      description: "Everything about one deployment; the task token of an open gate is never shown.",
      summary: "A deployment: status, plan, current step, traffic weights, timeline, approvals, analysis, compensation log",
      request: { params: IdParam },
      responses: { 200: { description: "The deployment", content: { "application/json": { schema: DeploymentSchema } } }, ...problems("DEPLOYMENT_NOT_FOUND") },
      security: bearerScope("specs:read"),
    }),
    async (c) => c.json((await deployments().get(c.req.valid("param").id)), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/deployments/{id}/approvals",
      operationId: "decideApproval",
      tags: ["deployments"],
      summary: "Approve or reject the open approval gate",
      description: "By a principal with the `approve` scope and one of the gate's required roles; the requester cannot approve their own deployment, and a principal votes once per gate.",
      request: {
        params: IdParam,
        body: {
          required: true,
          content: { "application/json": { schema: z.strictObject({ decision: z.enum(["approve", "reject"]), comment: z.string().max(1000).optional() }) } },
        },
      },
      responses: {
        200: {
          description: "Recorded; `outcome` says whether the gate is now approved or rejected",
          content: {
            "application/json": {
              schema: VoteOutcomeSchema,
            },
          },
        },
        ...problems("DEPLOYMENT_NOT_FOUND", "SELF_APPROVAL", "ROLE_NOT_REQUIRED", "ALREADY_VOTED", "NOT_AWAITING_APPROVAL", "GATE_EXPIRED", "DEPLOYMENT_FINISHED", "DEPLOYMENT_NOT_RUNNABLE", "DEPLOYMENT_CONFLICT", "TASK_TOKEN_INVALID", "TASK_TIMED_OUT", "WORKFLOW_UNAVAILABLE"),
      },
      security: bearerScope("approve"),
    }),
    async (c) => c.json((await deployments().decide(c.req.valid("param").id, c.req.valid("json"), c.get("principal"))), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/deployments/{id}/abort",
      operationId: "abortDeployment",
      tags: ["deployments"],
      summary: "Stop a rollout in flight and compensate (traffic back on the stable version)",
      description: "Needs `rollback` or `deploy`. The deployment ends `aborted` once its compensations ran; 409 when it has already finished.",
      request: { params: IdParam, body: ReasonBody },
      responses: { 202: { description: "Aborting", content: { "application/json": { schema: DeploymentSchema } } }, ...problems("DEPLOYMENT_NOT_FOUND", "DEPLOYMENT_FINISHED", "DEPLOYMENT_CONFLICT", "ORCHESTRATOR_UNAVAILABLE", "WORKFLOW_UNAVAILABLE") },
      security: bearerScope("rollback", "deploy"),
    }),
    async (c) => c.json(shown(await deployments().abort(c.req.valid("param").id, c.get("principal"), c.req.valid("json").reason)), 202),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/deployments/{id}/rollback",
      operationId: "rollbackDeployment",
      tags: ["deployments"],
      summary: "In flight: like abort. Finished: a new deployment restoring the environment's previous version",
      description: "Returns the deployment doing the rollback, with `rollbackMode`: stopped (it was in flight), new_deployment, or compensation_retried (it had ended rollback_failed).",
      request: { params: IdParam, body: ReasonBody },
      responses: { 202: { description: "Rolling back", content: { "application/json": { schema: RollbackSchema } } }, ...problems("DEPLOYMENT_NOT_FOUND", "SPEC_VERSION_NOT_FOUND", "DEPLOYMENT_FINISHED", "DEPLOYMENT_CONFLICT", "DEPLOYMENT_SUPERSEDED", "NO_PREVIOUS_VERSION", "VERSION_DISABLED", "VERSION_ALREADY_CURRENT", "LOCK_HELD", "UNKNOWN_ENVIRONMENT", "INVALID_ROLLOUT_SETTINGS", ["TARGET_NOT_FOUND", 422], "TARGET_NOT_ALLOWED", "ORCHESTRATOR_UNAVAILABLE", "WORKFLOW_UNAVAILABLE") },
      security: bearerScope("rollback"),
    }),
    async (c) => {
      const outcome = await deployments().rollback(c.req.valid("param").id, c.get("principal"), c.req.valid("json").reason);
      return c.json({ ...shown(outcome), rollbackMode: outcome.mode }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/deployments/{id}/resolve",
      operationId: "resolveDeployment",
      tags: ["deployments"],
      summary: "Admin: take over a rollback_failed deployment and release its environment's lock",
      description:
        "For when compensation cannot succeed (a decommissioned deployer, say) and a human has put traffic right by hand. The status stays rollback_failed; who and why are recorded.",
      request: {
        params: IdParam,
        body: { required: true, content: { "application/json": { schema: z.strictObject({ reason: z.string().min(1).max(500) }) } } },
      },
      responses: { 200: { description: "Resolved", content: { "application/json": { schema: DeploymentSchema } } }, ...problems("DEPLOYMENT_NOT_FOUND", "DEPLOYMENT_FINISHED", "DEPLOYMENT_CONFLICT") },
      security: bearerScope("admin"),
    }),
    async (c) =>
      c.json(shown(await deployments().resolve(c.req.valid("param").id, c.get("principal"), c.req.valid("json").reason)), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/specs/{specId}/environments/{env}/rollback",
      operationId: "rollbackEnvironment",
      tags: ["deployments"],
      summary: "Chat-ops: roll an environment back to its previous version",
      description: "A new deployment restoring the environment's previous version. 409 when there is none, or when the last deployment there was already a rollback (deploy the version on purpose instead).",
      request: { params: z.object({ specId: SpecIdParam, env: EnvName.openapi({ param: { name: "env", in: "path" } }) }), body: ReasonBody },
      responses: { 202: { description: "Rolling back", content: { "application/json": { schema: DeploymentSchema } } }, ...problems("SPEC_VERSION_NOT_FOUND", "NO_PREVIOUS_VERSION", "ALREADY_ROLLED_BACK", "VERSION_DISABLED", "VERSION_ALREADY_CURRENT", "LOCK_HELD", "DEPLOYMENT_CONFLICT", "UNKNOWN_ENVIRONMENT", "INVALID_ROLLOUT_SETTINGS", ["TARGET_NOT_FOUND", 422], "TARGET_NOT_ALLOWED", "ORCHESTRATOR_UNAVAILABLE") },
      security: bearerScope("rollback"),
    }),
    async (c) => {
      const { specId, env } = c.req.valid("param");
      return c.json(shown(await deployments().rollbackEnvironment(specId, env, c.get("principal"), c.req.valid("json").reason)), 202);
    },
  );

  return app;
}

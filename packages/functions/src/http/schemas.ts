import { z } from "@hono/zod-openapi";
import { scopes } from "@rollgate/core/auth";
import { lifecycleStates } from "@rollgate/core/registry";

/** Response and parameter schemas shared by routes; they are also the OpenAPI components. */
import { FieldIssueSchema } from "./problem-schema.js";
export { FieldIssueSchema, ProblemSchema } from "./problem-schema.js";

/** A route's problem responses, by the codes it can send (openapi.ts). */
export { problems } from "./openapi.js";

export const SpecIdParam = z
  .string()
  .max(100, "spec ids are at most 100 characters long")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "expected a kebab-case spec id")
  .openapi({ param: { name: "specId", in: "path" }, example: "payments-api" });

export const VersionParam = z
  .union([z.literal("latest"), z.string().regex(/^[1-9]\d{0,9}$/, "expected a version number or `latest`")])
  .openapi({ param: { name: "version", in: "path" }, example: "latest" });

export const toVersionRef = (v: string) => (v === "latest" ? ("latest" as const) : Number(v));

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ param: { name: "limit", in: "query" } }),
  cursor: z.string().max(2048).optional().openapi({ param: { name: "cursor", in: "query" } }),
});

export const LifecycleStateSchema = z.enum(lifecycleStates).openapi("LifecycleState");

export const SpecVersionSummarySchema = z
  .object({
    specId: z.string(),
    version: z.number().int(),
    contentHash: z.string(),
    state: LifecycleStateSchema,
    format: z.enum(["yaml", "json"]),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string().optional(),
    updatedBy: z.string().optional(),
    warnings: z.array(FieldIssueSchema),
  })
  .openapi("SpecVersionSummary");

export const RegisterResponseSchema = SpecVersionSummarySchema.extend({
  deploymentId: z.string().optional().openapi({
    description:
      "Set when an environment with auto_deploy started a deployment. When it asked and nothing was deployed (no `deploy` scope, the policy forbids it, a rollout in flight), a warning on `environments.<env>.auto_deploy` says why.",
  }),
}).openapi("RegisterResponse");

export const SpecVersionSchema = SpecVersionSummarySchema.extend({
  document: z.record(z.string(), z.unknown()),
}).openapi("SpecVersion");

export const SpecSummarySchema = z
  .object({
    specId: z.string(),
    name: z.string(),
    latestVersion: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("SpecSummary");

export const EnvironmentStateSchema = z
  .object({
    name: z.string(),
    currentVersion: z.number().int().nullable(),
    previousVersion: z.number().int().nullable(),
    lastDeploymentId: z.string().nullable(),
  })
  .openapi("EnvironmentState");

export const ScopeSchema = z.enum(scopes).openapi("Scope");

export const TokenSchema = z
  .object({
    id: z.string(),
    subject: z.string(),
    scopes: z.array(ScopeSchema),
    roles: z.array(z.string()),
    createdAt: z.string(),
    createdBy: z.string(),
    expiresAt: z.string().optional(),
  })
  .openapi("Token");

export const pageOf = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

import { createRoute, z } from "@hono/zod-openapi";
import { putPrincipalSchema } from "@rollgate/core/auth";
import { headerRef } from "../openapi.js";
import { bearerScope, securedRoutes } from "../auth.js";
import type { AppEnv, AppServices } from "../env.js";
import { PageQuery, pageOf, problems, ScopeSchema } from "../schemas.js";

export const PrincipalSchema = z
  .object({
    subject: z.string(),
    roles: z.array(z.string()),
    displayName: z.string().optional(),
    email: z.string().optional(),
    disabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .openapi("Principal");

const MeSchema = z
  .object({
    principal: PrincipalSchema,
    roles: z.array(z.string()),
    scopes: z.array(ScopeSchema),
    credential: z.object({ kind: z.enum(["bearer", "slack", "session"]), id: z.string(), expiresAt: z.string().optional() }),
  })
  .openapi("Me");

// Any string reaches the handler, so a subject that is not a lower-case identifier is the
// core's 422 naming `subject` on PUT, and a 404 on reads (it cannot exist).
const SubjectParam = z.object({
  subject: z.string().min(1).max(512).openapi({ param: { name: "subject", in: "path" }, example: "tess" }),
});

const PutPrincipalBody = putPrincipalSchema;

export function principalRoutes(services: AppServices) {
  const app = securedRoutes();

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/me",
      operationId: "getMe",
      summary: "Who am I: the caller's principal, its roles, and the credential's scopes",
      description: "Any valid credential may ask; no scope needed.",
      tags: ["principals"],
      responses: { 200: { description: "The caller", content: { "application/json": { schema: MeSchema } } } },
      security: [{ bearer: [] }],
    }),
    async (c) => c.json(await services.principals.me(c.get("principal")), 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/v1/principals/{subject}",
      operationId: "putPrincipal",
      summary: "Create or replace a principal (roles, display name, email, disabled)",
      description: "Subjects are lower-case identifiers (`^[a-z0-9][a-z0-9._@-]{0,127}$`); anything else is a 422 naming `subject`, never normalized. `disabled: true` revokes the principal's tokens and approval links.",
      tags: ["principals"],
      request: { params: SubjectParam, body: { required: true, content: { "application/json": { schema: PutPrincipalBody } } } },
      responses: {
        200: { description: "Replaced", content: { "application/json": { schema: PrincipalSchema } } },
        201: { description: "Created", headers: { Location: headerRef("Location") }, content: { "application/json": { schema: PrincipalSchema } } },
        ...problems("INVALID_SUBJECT", "PRINCIPAL_CONFLICT"),
      },
      security: bearerScope("admin"),
    }),
    async (c) => {
      const { subject } = c.req.valid("param");
      const { principal, created } = await services.principals.put(subject, c.req.valid("json"), c.get("principal").subject);
      if (created) c.header("Location", `/v1/principals/${principal.subject}`);
      return c.json(principal, created ? 201 : 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/principals",
      operationId: "listPrincipals",
      summary: "List principals, by subject",
      description: "Disabled principals included, paged with `limit` and `cursor`.",
      tags: ["principals"],
      request: { query: PageQuery },
      responses: { 200: { description: "A page of principals", content: { "application/json": { schema: pageOf(PrincipalSchema, "PrincipalPage") } } } },
      security: bearerScope("admin"),
    }),
    async (c) => c.json(await services.principals.list(c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/principals/{subject}",
      operationId: "getPrincipal",
      summary: "One principal",
      description: "404 for a subject nobody created.",
      tags: ["principals"],
      request: { params: SubjectParam },
      responses: { 200: { description: "The principal", content: { "application/json": { schema: PrincipalSchema } } }, ...problems("PRINCIPAL_NOT_FOUND", "INVALID_SUBJECT") },
      security: bearerScope("admin"),
    }),
    async (c) => c.json(await services.principals.get(c.req.valid("param").subject), 200),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/v1/principals/{subject}",
      operationId: "disablePrincipal",
      summary: "Disable a principal: its tokens are revoked and its approval links stop working at once",
      description: "Principals are disabled, not deleted: the subject stays taken, so votes and deployments keep pointing at who they were. `PUT` with `disabled: false` re-enables it (revoked tokens stay revoked).",
      tags: ["principals"],
      request: { params: SubjectParam },
      responses: {
        200: {
          description: "Disabled",
          content: { "application/json": { schema: PrincipalSchema.extend({ revokedTokens: z.number().int() }).openapi("DisabledPrincipal") } },
        },
        ...problems("PRINCIPAL_NOT_FOUND", "INVALID_SUBJECT", "PRINCIPAL_CONFLICT"),
      },
      security: bearerScope("admin"),
    }),
    async (c) => {
      const { principal, revokedTokens } = await services.principals.disable(c.req.valid("param").subject, c.get("principal").subject);
      return c.json({ ...principal, revokedTokens }, 200);
    },
  );

  return app;
}

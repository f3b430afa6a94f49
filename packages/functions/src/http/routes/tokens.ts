import { createRoute, z } from "@hono/zod-openapi";
import { issueTokenSchema } from "@rollgate/core/auth";
import { bearerScope, securedRoutes } from "../auth.js";
import type { AppEnv, AppServices } from "../env.js";
import { headerRef } from "../openapi.js";
import { PageQuery, pageOf, problems, TokenSchema } from "../schemas.js";

export function tokenRoutes(services: AppServices) {
  const app = securedRoutes();

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/tokens",
      operationId: "issueToken",
      tags: ["tokens"],
      summary: "Issue an API token (the secret is shown once)",
      description: "The subject is a principal: created when missing; `roles`, when given, become its roles. A subject that is not a lower-case identifier is a 422 naming `subject`.",
      request: { body: { required: true, content: { "application/json": { schema: issueTokenSchema } } } },
      responses: {
        201: { description: "Issued", headers: { Location: headerRef("Location") }, content: { "application/json": { schema: TokenSchema.extend({ token: z.string() }).openapi("IssuedToken") } } },
        ...problems("INVALID_SUBJECT", "PRINCIPAL_DISABLED", "PRINCIPAL_CONFLICT"),
      },
      security: bearerScope("admin"),
    }),
    async (c) => {
      const issued = await services.tokens.issue(c.req.valid("json"), c.get("principal").subject);
      c.header("Location", `/v1/tokens/${issued.id}`);
      c.header("Cache-Control", "no-store");
      return c.json(issued, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/tokens",
      operationId: "listTokens",
      tags: ["tokens"],
      summary: "List tokens (never their secrets)",
      description: "Newest first, paged with `limit` and `cursor`. A revoked token is removed, so it is not listed.",
      request: { query: PageQuery },
      responses: { 200: { description: "A page of tokens", content: { "application/json": { schema: pageOf(TokenSchema, "TokenPage") } } } },
      security: bearerScope("admin"),
    }),
    async (c) => c.json(await services.tokens.list(c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/v1/tokens/{id}",
      operationId: "revokeToken",
      tags: ["tokens"],
      summary: "Revoke a token",
      description: "The token stops working at once; its principal and the principal's other tokens are untouched. `Location` of an issued token is this URL.",
      request: { params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, "expected a token id").openapi({ param: { name: "id", in: "path" } }) }) },
      responses: { 204: { description: "Revoked" }, ...problems("TOKEN_NOT_FOUND") },
      security: bearerScope("admin"),
    }),
    async (c) => {
      await services.tokens.revoke(c.req.valid("param").id);
      return c.body(null, 204);
    },
  );

  return app;
}

import { createRoute, z } from "@hono/zod-openapi";
import { targetInputSchema, targetViewSchema, type TargetRegistry } from "@rollgate/core/target";
import { headerRef } from "../openapi.js";
import { bearerScope, securedRoutes } from "../auth.js";
import type { AppEnv, AppServices } from "../env.js";
import { PageQuery, pageOf, problems } from "../schemas.js";

// Any string here: core refuses a bad name with a 422 naming `name`.
const NameParam = z.object({
  name: z.string().max(200).openapi({ param: { name: "name", in: "path" }, example: "payments-prod" }),
});

// Core's view schema (plain zod) is the response shape: a registered target, never its secret.
const TargetSchema = targetViewSchema;
const PutTargetResponse = z
  .object({
    target: TargetSchema,
    secret: z.string().optional().openapi({
      description: "The webhook signing secret (`whsec_…`): shown once, when the target is created or a new secret had to be generated.",
    }),
  })
  .openapi("PutTargetResponse");

const sec = bearerScope("admin");

/** Admin: registered traffic targets (DESIGN.md section 9). */
export function targetRoutes(services: AppServices) {
  const app = securedRoutes();
  const targets = (): TargetRegistry => {
    if (!services.targets) throw new Error("target registry not configured");
    return services.targets;
  };

  app.openapi(
    createRoute({
      method: "put",
      path: "/v1/targets/{name}",
      operationId: "putTarget",
      tags: ["targets"],
      summary: "Register or replace a webhook or lambda-alias target, and say which specs and environments may use it",
      description: "201 when created (with `Location`), 200 when replaced. A webhook target's signing secret is in the body once: when it is created, or when a new secret had to be generated.",
      request: {
        params: NameParam,
        body: { required: true, content: { "application/json": { schema: targetInputSchema } } },
      },
      responses: {
        201: { description: "Created; a webhook target's secret is in the body, once", headers: { Location: headerRef("Location") }, content: { "application/json": { schema: PutTargetResponse } } },
        200: { description: "Replaced", content: { "application/json": { schema: PutTargetResponse } } },
        ...problems("TARGET_INVALID"),
      },
      security: sec,
    }),
    async (c) => {
      const { name } = c.req.valid("param");
      const result = await targets().put(name, c.req.valid("json"), c.get("principal").subject);
      const body = { target: result.target, ...(result.secret ? { secret: result.secret } : {}) };
      if (!result.created) return c.json(body, 200);
      c.header("Location", `/v1/targets/${name}`);
      c.header("Cache-Control", "no-store");
      return c.json(body, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/targets",
      operationId: "listTargets",
      tags: ["targets"],
      summary: "List registered targets, by name (never their secrets)",
      description: "Paged with `limit` and `cursor`.",
      request: { query: PageQuery },
      responses: { 200: { description: "A page of targets", content: { "application/json": { schema: pageOf(TargetSchema, "TargetPage") } } } },
      security: sec,
    }),
    async (c) => c.json(await targets().list(c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/targets/{name}",
      operationId: "getTarget",
      tags: ["targets"],
      summary: "One registered target (never its secret)",
      description: "A name that is not a valid target name is a 422 naming `name`.",
      request: { params: NameParam },
      responses: { 200: { description: "The target", content: { "application/json": { schema: TargetSchema } } }, ...problems(["TARGET_NOT_FOUND", 404], "TARGET_INVALID") },
      security: sec,
    }),
    async (c) => c.json(await targets().get(c.req.valid("param").name), 200),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/v1/targets/{name}",
      operationId: "deleteTarget",
      tags: ["targets"],
      summary: "Remove a registered target",
      description: "409 TARGET_IN_USE while a rollout in flight uses it; deployments naming it are refused from then on.",
      request: { params: NameParam },
      responses: { 204: { description: "Removed" }, ...problems(["TARGET_NOT_FOUND", 404], "TARGET_INVALID", "TARGET_IN_USE") },
      security: sec,
    }),
    async (c) => {
      await targets().delete(c.req.valid("param").name, c.get("principal").subject);
      return c.body(null, 204);
    },
  );

  return app;
}

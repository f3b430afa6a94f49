import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv, AppServices } from "../env.js";
import { headerRef } from "../openapi.js";

const CheckSchema = z.object({ status: z.enum(["ok", "unavailable"]), latencyMs: z.number().optional(), checkedAt: z.string() }).openapi("StorageCheck");
const HealthSchema = z
  .object({
    status: z.enum(["ok", "unavailable"]),
    checks: z.object({ storage: CheckSchema.optional() }).openapi({ description: "Empty when the server has no database probe" }),
  })
  .openapi("Health");

const noStore = { "Cache-Control": { description: "`no-store`", schema: { type: "string" as const } } };

/** `/health` and `/openapi.json`: unauthenticated, for probes and for tools reading the contract. */
export function serviceRoutes(services: AppServices, document: () => Record<string, unknown>) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/health",
      operationId: "getHealth",
      tags: ["service"],
      summary: "Liveness, and whether the database answers",
      description: "No credential needed. The database probe is cached, so the call is cheap; 503 with `Retry-After` while the database does not answer.",
      responses: {
        200: { description: "Serving", headers: noStore, content: { "application/json": { schema: HealthSchema } } },
        503: { description: "The database does not answer", headers: { ...noStore, "Retry-After": headerRef("RetryAfter") }, content: { "application/json": { schema: HealthSchema } } },
      },
      security: [],
    }),
    async (c) => {
      const storage = services.checkStorage ? await services.checkStorage() : undefined;
      const healthy = !storage || storage.status === "ok";
      if (!healthy) c.header("Retry-After", "5");
      c.header("Cache-Control", "no-store");
      const body = { status: healthy ? ("ok" as const) : ("unavailable" as const), checks: storage ? { storage } : {} };
      return healthy ? c.json(body, 200) : c.json(body, 503);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/openapi.json",
      operationId: "getOpenApiDocument",
      tags: ["service"],
      summary: "This document (OpenAPI 3.1)",
      description: "No credential needed. Rendered for people at `/docs`.",
      responses: {
        200: { description: "The OpenAPI document", content: { "application/json": { schema: z.record(z.string(), z.unknown()).openapi({ description: "An OpenAPI 3.1 document" }) } } },
      },
      security: [],
    }),
    (c) => c.json(document(), 200),
  );
  return app;
}

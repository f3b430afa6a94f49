import { createRoute, z } from "@hono/zod-openapi";
import { deliveryViewSchema, webhookInputSchema, webhookViewSchema, type WebhookStore } from "@rollgate/core/webhooks";
import { headerRef } from "../openapi.js";
import { bearerScope, securedRoutes } from "../auth.js";
import type { AppEnv, AppServices } from "../env.js";
import { PageQuery, pageOf, problems } from "../schemas.js";

const IdParam = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" }, example: "wh_3kq9x0a1b2c3" }) });
const DeliveryParams = IdParam.extend({
  deliveryId: z.string().min(1).max(512).openapi({ param: { name: "deliveryId", in: "path" } }),
});

// Core's view schemas (plain zod) are the response shapes, named here for the document.
const WebhookSchema = z.object(webhookViewSchema.shape).openapi("Webhook");
const CreatedWebhookSchema = z
  .object({ ...webhookViewSchema.shape, secret: z.string().openapi({ description: "The signing secret (`whsec_` + base64, Standard Webhooks): shown once" }) })
  .openapi("CreatedWebhook");
const DeliverySchema = z.object(deliveryViewSchema.shape).openapi("WebhookDelivery");

const sec = bearerScope("admin");

/** Admin: outbound event subscriptions and their delivery log (DESIGN.md section 10). */
export function webhookRoutes(services: AppServices) {
  const app = securedRoutes();
  const webhooks = (): WebhookStore => {
    if (!services.webhooks) throw new Error("webhooks not configured");
    return services.webhooks;
  };

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/webhooks",
      operationId: "createWebhook",
      tags: ["webhooks"],
      summary: "Subscribe a URL to events",
      description: "Each event is delivered as a CloudEvent signed per Standard Webhooks. The signing secret is in the 201 body, this once.",
      request: { body: { required: true, content: { "application/json": { schema: webhookInputSchema } } } },
      responses: {
        201: {
          description: "Subscribed; the secret is in the body, this once",
          headers: { Location: headerRef("Location") },
          content: { "application/json": { schema: CreatedWebhookSchema } },
        },
        
      },
      security: sec,
    }),
    async (c) => {
      const { webhook, secret } = await webhooks().create(c.req.valid("json"), c.get("principal").subject);
      c.header("Location", `/v1/webhooks/${webhook.id}`);
      c.header("Cache-Control", "no-store");
      return c.json({ ...webhook, secret }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/webhooks",
      operationId: "listWebhooks",
      tags: ["webhooks"],
      summary: "List subscriptions, oldest first (never their secrets)",
      description: "Paged with `limit` and `cursor`.",
      request: { query: PageQuery },
      responses: { 200: { description: "A page of subscriptions", content: { "application/json": { schema: pageOf(WebhookSchema, "WebhookPage") } } } },
      security: sec,
    }),
    async (c) => c.json(await webhooks().list(c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/v1/webhooks/{id}",
      operationId: "deleteWebhook",
      tags: ["webhooks"],
      summary: "Unsubscribe",
      description: "Nothing more is delivered: pending deliveries end failed with WEBHOOK_DELETED.",
      request: { params: IdParam },
      responses: { 204: { description: "Removed" }, ...problems("WEBHOOK_NOT_FOUND") },
      security: sec,
    }),
    async (c) => {
      await webhooks().remove(c.req.valid("param").id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/webhooks/{id}/deliveries",
      operationId: "listWebhookDeliveries",
      tags: ["webhooks"],
      summary: "The delivery log of a subscription",
      description: "Newest event first: attempts, status, last HTTP status and error; paged with `limit` and `cursor`.",
      request: { params: IdParam, query: PageQuery },
      responses: {
        200: { description: "A page of deliveries", content: { "application/json": { schema: pageOf(DeliverySchema, "WebhookDeliveryPage") } } },
        ...problems("WEBHOOK_NOT_FOUND"),
      },
      security: sec,
    }),
    async (c) => c.json(await webhooks().deliveries(c.req.valid("param").id, c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/webhooks/{id}/deliveries/{deliveryId}/retry",
      operationId: "retryWebhookDelivery",
      tags: ["webhooks"],
      summary: "Retry a pending or failed delivery now",
      description: "The same webhook-id and body; the dispatcher attempts it next. 409 `WEBHOOK_DELIVERY_DELIVERED` once delivered, 409 `WEBHOOK_DELIVERY_IN_FLIGHT` while an attempt of it is running (retry after its outcome is in the log).",
      request: { params: DeliveryParams },
      responses: {
        202: { description: "Due now: the dispatcher attempts it next", content: { "application/json": { schema: DeliverySchema } } },
        ...problems("WEBHOOK_NOT_FOUND", "WEBHOOK_DELIVERY_NOT_FOUND", "WEBHOOK_DELIVERY_DELIVERED", "WEBHOOK_DELIVERY_IN_FLIGHT"),
      },
      security: sec,
    }),
    async (c) => {
      const { id, deliveryId } = c.req.valid("param");
      return c.json(await webhooks().retry(id, deliveryId, new Date().toISOString()), 202);
    },
  );

  return app;
}

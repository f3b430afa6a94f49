import { createRoute, z } from "@hono/zod-openapi";
import type { DeploymentEventFeed } from "@rollgate/core/rollout";
import { bearerScope, securedRoutes } from "../auth.js";
import type { AppEnv, AppServices } from "../env.js";
import { problems } from "../schemas.js";
import { EventSchema } from "../deployment-schemas.js";

const IdParam = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" } }) });
const EventsQuery = z.object({
  after: z.coerce.number().int().min(0).max(99_999_999).default(0).openapi({ param: { name: "after", in: "query" }, description: "A sequence number: only later events are returned (0: from the start)" }),
  limit: z.coerce.number().int().min(1).max(100).default(100).openapi({ param: { name: "limit", in: "query" } }),
});

const EventPageSchema = z
  .object({
    items: z.array(EventSchema),
    nextSeq: z.number().int().openapi({ description: "Pass as `after` for what follows (equal to `after` when nothing new was there)" }),
    hasMore: z.boolean().openapi({ description: "The page was full: ask again at once" }),
  })
  .openapi("DeploymentEventPage");

/** The deployment's event log for followers (DESIGN.md section 6); the catalog is the `Event` component. */
export function eventRoutes(services: AppServices) {
  const app = securedRoutes();
  const feed = (): DeploymentEventFeed => {
    if (!services.events) throw new Error("event feed not configured");
    return services.events;
  };

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/deployments/{id}/events",
      operationId: "listDeploymentEvents",
      tags: ["deployments"],
      summary: "The deployment's events after a sequence number, oldest first (what `rollgate watch` follows)",
      description: "Pass the last `nextSeq` as `after` to get only what is new; `hasMore` says the page was full. Event types and their data are the `Event` component.",
      request: { params: IdParam, query: EventsQuery },
      responses: {
        200: { description: "A page of events", content: { "application/json": { schema: EventPageSchema } } },
        ...problems("DEPLOYMENT_NOT_FOUND"),
      },
      security: bearerScope("specs:read"),
    }),
    async (c) => {
      const { after, limit } = c.req.valid("query");
      c.header("Cache-Control", "no-store");
      return c.json(await feed().after(c.req.valid("param").id, after, limit), 200);
    },
  );
  return app;
}

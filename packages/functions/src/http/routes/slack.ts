import { createRoute, z } from "@hono/zod-openapi";
import { Hono, type Context } from "hono";
import { slackLinkInputSchema, slackLinkViewSchema, slackUserIdPattern, verifySlackSignature, type SlackAcceptance } from "@rollgate/core/slack";
import { bearerScope, securedRoutes } from "../auth.js";
import type { AppEnv, AppServices } from "../env.js";
import { problem } from "../problem.js";
import { problems } from "../schemas.js";

const SlackUserParam = z.object({
  slackUserId: z
    .string()
    .regex(slackUserIdPattern, "expected a Slack user id such as U0123ABCD")
    .openapi({ param: { name: "slackUserId", in: "path" }, example: "U0123ABCD" }),
});
const SlackLinkSchema = z.object(slackLinkViewSchema.shape).openapi("SlackUserLink");
const sec = bearerScope("admin");

/** Admin: which principal a Slack user acts as, with which scopes (DESIGN.md section 11). */
export function slackUserRoutes(services: AppServices) {
  const app = securedRoutes();
  const links = () => {
    if (!services.slackLinks) throw new Error("slack links not configured");
    return services.slackLinks;
  };
  app.openapi(
    createRoute({
      method: "put",
      path: "/v1/slack/users/{slackUserId}",
      operationId: "putSlackUser",
      tags: ["slack"],
      summary: "Link a Slack user to a principal, with the scopes it acts with in Slack",
      description: "The Slack user then acts as `subject` with `scopes` (`specs:read`, `approve`, `rollback`, `deploy`) and the principal's roles, under the same rules as the API: no self-approval, one vote per principal.",
      request: { params: SlackUserParam, body: { required: true, content: { "application/json": { schema: slackLinkInputSchema } } } },
      responses: {
        200: { description: "Replaced", content: { "application/json": { schema: SlackLinkSchema } } },
        201: { description: "Created", headers: { Location: { schema: { type: "string" } } }, content: { "application/json": { schema: SlackLinkSchema } } },
        ...problems("SLACK_LINK_SUBJECT_UNKNOWN"),
      },
      security: sec,
    }),
    async (c) => {
      const { slackUserId } = c.req.valid("param");
      const { link, created } = await links().put(slackUserId, c.req.valid("json"), c.get("principal").subject);
      if (created) c.header("Location", `/v1/slack/users/${slackUserId}`);
      return c.json(link, created ? 201 : 200);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/slack/users/{slackUserId}",
      operationId: "getSlackUser",
      tags: ["slack"],
      summary: "A Slack user's link",
      description: "The principal the Slack user acts as and the scopes it has in Slack; 404 when the user is not linked.",
      request: { params: SlackUserParam },
      responses: { 200: { description: "The link", content: { "application/json": { schema: SlackLinkSchema } } }, ...problems("SLACK_USER_NOT_LINKED") },
      security: sec,
    }),
    async (c) => c.json(await links().get(c.req.valid("param").slackUserId), 200),
  );
  app.openapi(
    createRoute({
      method: "delete",
      path: "/v1/slack/users/{slackUserId}",
      operationId: "deleteSlackUser",
      tags: ["slack"],
      summary: "Unlink a Slack user: it acts as nobody from now on",
      description: "Removes the link. The Slack user's commands and button clicks are refused from then on; votes already cast stay recorded.",
      request: { params: SlackUserParam },
      responses: { 204: { description: "Unlinked" }, ...problems("SLACK_USER_NOT_LINKED") },
      security: sec,
    }),
    async (c) => {
      await links().remove(c.req.valid("param").slackUserId);
      return c.body(null, 204);
    },
  );
  return app;
}

/** Form fields, refusing a field sent twice (no last-wins). */
function formFields(raw: Uint8Array): Record<string, string> | undefined {
  const params = new URLSearchParams(new TextDecoder().decode(raw));
  const fields: Record<string, string> = {};
  for (const [name, value] of params) {
    if (Object.hasOwn(fields, name)) return undefined;
    fields[name] = value;
  }
  return fields;
}

const str = (value: unknown) => (typeof value === "string" && value.length > 0 ? value : undefined);

/**
 * `POST /slack/commands` and `/slack/interactions`: not part of the bearer API (Slack signs
 * them instead), so not in the OpenAPI document. The signature is checked over the raw
 * bytes before anything is parsed (the Lambda adapter hands hono API Gateway's base64 body
 * decoded); anything unsigned, stale or altered is a 401 and changes nothing. The answer
 * goes back at once; the work continues in the background and answers via response_url.
 */
export function slackRoutes(services: AppServices) {
  const app = new Hono<AppEnv>();
  const slack = services.slack;
  app.use("/slack/*", async (c, next) => {
    if (!slack) return problem(c, 404, "NOT_FOUND", `No route for ${c.req.method} ${c.req.path}.`);
    await next();
  });
  if (!slack) return app;

  async function verified(c: Context<AppEnv>): Promise<Record<string, string> | Response> {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const verdict = verifySlackSignature({
      signingSecret: slack!.signingSecret,
      timestamp: c.req.header("x-slack-request-timestamp"),
      signature: c.req.header("x-slack-signature"),
      rawBody: raw,
      now: slack!.clock(),
    });
    if (!verdict.ok) {
      services.logger.warn("slack request refused", { reason: verdict.reason, path: c.req.path });
      return problem(c, 401, "SLACK_SIGNATURE_INVALID", "The request is not signed by Slack with this app's signing secret, or its timestamp is more than 300 s away.");
    }
    const fields = formFields(raw);
    if (!fields) return problem(c, 400, "BAD_REQUEST", "A form field was sent twice.");
    return fields;
  }

  const answer = async (c: Context<AppEnv>, acceptance: SlackAcceptance) => {
    if (acceptance.job) await slack.background(acceptance.job);
    return acceptance.answer ? c.json(acceptance.answer, 200) : c.body(null, 200);
  };

  app.post("/slack/commands", async (c) => {
    const fields = await verified(c);
    if (fields instanceof Response) return fields;
    if (fields.ssl_check) return c.body(null, 200);
    const userId = str(fields.user_id);
    const responseUrl = str(fields.response_url);
    if (!userId || !responseUrl) return problem(c, 400, "REQUEST_INVALID", "A slash command carries user_id and response_url.", { errors: [{ path: userId ? "response_url" : "user_id", message: "required" }] });
    return answer(
      c,
      await slack.chatops.acceptCommand({
        command: str(fields.command) ?? "/rollgate",
        text: fields.text ?? "",
        userId,
        ...(str(fields.team_id) ? { teamId: fields.team_id } : {}),
        responseUrl,
        ...(str(fields.trigger_id) ? { triggerId: fields.trigger_id } : {}),
      }),
    );
  });

  app.post("/slack/interactions", async (c) => {
    const fields = await verified(c);
    if (fields instanceof Response) return fields;
    if (fields.ssl_check) return c.body(null, 200);
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(fields.payload ?? "") as Record<string, unknown>;
      if (!payload || typeof payload !== "object") throw new Error("not an object");
    } catch {
      return problem(c, 400, "REQUEST_INVALID", "An interaction carries one `payload` field of JSON.", { errors: [{ path: "payload", message: "expected JSON" }] });
    }
    // Only buttons (block_actions); anything else is acknowledged and ignored.
    const action = Array.isArray(payload.actions) ? (payload.actions[0] as Record<string, unknown> | undefined) : undefined;
    const user = payload.user as { id?: unknown; team_id?: unknown } | undefined;
    const team = payload.team as { id?: unknown } | undefined;
    const responseUrl = str(payload.response_url);
    if (payload.type !== "block_actions" || !action || !str(user?.id) || !responseUrl || !str(action.action_id) || typeof action.value !== "string") return c.body(null, 200);
    return answer(
      c,
      await slack.chatops.acceptButton({
        actionId: action.action_id as string,
        value: action.value.slice(0, 2_000),
        userId: user!.id as string,
        ...(str(team?.id) ? { teamId: team!.id as string } : {}),
        responseUrl,
        ...(str(payload.trigger_id) ? { triggerId: payload.trigger_id as string } : {}),
        ...(str(action.action_ts) ? { actionTs: action.action_ts as string } : {}),
      }),
    );
  });
  return app;
}

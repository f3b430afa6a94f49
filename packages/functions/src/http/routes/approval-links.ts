import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { html } from "hono/html";
import { z } from "zod";
import type { AppEnv, AppServices } from "../env.js";
import { ownOrigins } from "../origins.js";
import { isRollgateError } from "@rollgate/core/errors";
import { problem, problemForError } from "../problem.js";
import { ApprovalLinkViewSchema } from "../deployment-schemas.js";
import { problems } from "../schemas.js";

const TokenParam = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);
// The link names who decides: there is no name field, and unknown fields are refused.
const Decision = z.strictObject({
  decision: z.enum(["approve", "reject"]),
  comment: z.string().max(1000).optional(),
});

// The token is a bearer secret in the URL: keep it out of other sites' Referer headers and
// out of caches, and allow no script on the page. `same-origin` rather than `no-referrer`:
// under `no-referrer` Chromium sends `Origin: null` with the page's own form POST, and the
// cross-site check below refuses an opaque origin.
const headers = {
  "referrer-policy": "same-origin",
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
};

const style = `body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
h1{font-size:1.4rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}
.status{display:inline-block;padding:.1rem .5rem;border-radius:.3rem;background:#eef}
.as{font-size:1.1rem;padding:.5rem .75rem;border-left:4px solid #0969da;background:#f6f8fa}
textarea{width:100%;box-sizing:border-box;margin:.25rem 0 .75rem;font:inherit;padding:.4rem}
button{font:inherit;padding:.5rem 1.2rem;margin-right:.5rem;border-radius:.3rem;border:1px solid #888;cursor:pointer}
button[value=approve]{background:#1f883d;color:#fff;border-color:#1f883d}button[value=reject]{background:#cf222e;color:#fff;border-color:#cf222e}
.notice{padding:.75rem;border-radius:.3rem;background:#f6f8fa;border:1px solid #d0d7de}`;

type LinkView = Awaited<ReturnType<NonNullable<AppServices["deployments"]>["viewApprovalLink"]>>;

/** "tess, tech-lead" or "Tess Lead (tess), tech-lead + product-owner". */
function approvingAs(view: LinkView) {
  const who = view.approver.displayName ? `${view.approver.displayName} (${view.approver.subject})` : view.approver.subject;
  return view.approver.roles.length ? `${who}, ${view.approver.roles.join(" + ")}` : who;
}

function closedNotice(view: LinkView) {
  if (view.revoked) return "This link no longer acts for anyone: its approver was disabled or no longer holds the role.";
  if (view.decided) return "You have decided on this gate; a link decides once.";
  if (view.expired) return "This approval link has expired.";
  return "This approval gate is closed; nothing to decide.";
}

function renderPage(view: LinkView, notice?: string) {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Approve ${view.specId} v${view.version} to ${view.environment}</title><style>${style}</style></head>
<body>
<h1>Rollout approval: ${view.specId} v${view.version} → ${view.environment}</h1>
<p class="as" data-testid="approving-as">Approving as <strong>${approvingAs(view)}</strong></p>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
<dl>
<dt>Deployment</dt><dd>${view.deploymentId}</dd>
<dt>Status</dt><dd><span class="status" data-testid="status">${view.status}</span></dd>
<dt>Strategy</dt><dd>${view.strategy}</dd>
<dt>Requested by</dt><dd>${view.requestedBy}</dd>
<dt>Required roles</dt><dd>${view.gate?.requiredRoles.length ? view.gate.requiredRoles.join(", ") : "any approver"}</dd>
<dt>Votes</dt><dd>${view.votes.length ? view.votes.map((v) => html`<div>${v.decision} by ${v.subject}${v.role ? html` (${v.role})` : ""}${v.comment ? html`: “${v.comment}”` : ""}</div>`) : "none yet"}</dd>
<dt>Plan</dt><dd>${view.planSummary.map((s) => html`<div>${s}</div>`)}</dd>
</dl>
${view.canDecide
  ? html`<form method="post">
<label for="comment">Comment</label><textarea id="comment" name="comment" maxlength="1000" rows="3"></textarea>
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="reject">Reject</button>
</form>`
  : html`<p class="notice" data-testid="closed">${closedNotice(view)}</p>`}
</body></html>`;
}

/**
 * A decision must come from this server's own page (or a non-browser client): a browser
 * sends `Origin` and `Sec-Fetch-Site` with a form POST, and either one saying another site
 * refuses it. The server's own origin is the request's and the configured public base URL's.
 */
function crossSite(c: Context<AppEnv>, publicBaseUrl: string | undefined): boolean {
  if (c.req.header("sec-fetch-site")?.toLowerCase() === "cross-site") return true;
  const origin = c.req.header("origin");
  if (origin === undefined) return false;
  return !ownOrigins(c, publicBaseUrl).has(origin);
}

class BodyError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 415 = 400,
  ) {
    super(message);
  }
}

/** The decision fields of a JSON, urlencoded or multipart body; a field given twice is refused, never last-wins. */
async function readDecisionBody(c: Context<AppEnv>): Promise<{ raw: unknown; isJson: boolean }> {
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (type.includes("json")) {
    try {
      return { raw: await c.req.json(), isJson: true };
    } catch {
      throw new BodyError("The request body is not valid JSON.");
    }
  }
  let entries: [string, unknown][];
  if (type.startsWith("application/x-www-form-urlencoded")) {
    entries = [...new URLSearchParams(await c.req.text()).entries()];
  } else if (type.startsWith("multipart/form-data")) {
    try {
      entries = [...(await c.req.formData()).entries()];
    } catch {
      throw new BodyError("The multipart body could not be read.");
    }
  } else {
    throw new BodyError("Send the decision as a form (urlencoded or multipart) or as JSON.", 415);
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (typeof value !== "string") throw new BodyError(`The field \`${key}\` must be text, not a file.`);
    if (Object.hasOwn(fields, key)) throw new BodyError(`The field \`${key}\` was sent more than once.`);
    fields[key] = value;
  }
  if (fields.comment === "") delete fields.comment;
  return { raw: fields, isJson: false };
}

// Documentation only: the handlers read the token and the body themselves (an invalid token
// is a 404 like an unknown one; a form field sent twice is refused), so no zod validator runs.
const tokenParameter = { name: "token", in: "path" as const, required: true, description: "The link's secret (never logged)", schema: { type: "string" as const } };
const page = { "text/html": { schema: { type: "string" as const, description: "The approval page" } } };
const decisionFields = {
  type: "object" as const,
  required: ["decision"],
  properties: { decision: { type: "string" as const, enum: ["approve", "reject"] }, comment: { type: "string" as const, maxLength: 1000 } },
  additionalProperties: false,
};

/** What a decision through a link can be refused with (a form gets the page back with the status instead). */
const decisionProblems = problems(
  "BAD_REQUEST",
  "CROSS_SITE_REQUEST",
  "APPROVAL_LINK_REVOKED",
  "SELF_APPROVAL",
  "ROLE_NOT_REQUIRED",
  "APPROVAL_LINK_NOT_FOUND",
  "APPROVAL_LINK_EXPIRED",
  "ALREADY_VOTED",
  "NOT_AWAITING_APPROVAL",
  "GATE_EXPIRED",
  "DEPLOYMENT_FINISHED",
  "DEPLOYMENT_NOT_RUNNABLE",
  "DEPLOYMENT_CONFLICT",
  "TASK_TOKEN_INVALID",
  "TASK_TIMED_OUT",
  "UNSUPPORTED_MEDIA_TYPE",
  ["REQUEST_INVALID", 422],
  "STORAGE_UNAVAILABLE",
  "WORKFLOW_UNAVAILABLE",
);

function linkRoute(method: "get" | "post") {
  const base = { path: "/approvals/{token}", tags: ["approval-links"], parameters: [tokenParameter], security: [] };
  if (method === "get") {
    return createRoute({
      ...base,
      method,
      operationId: "viewApprovalLink",
      summary: "The approval page of one approver's link",
      description: "No credential: the link is one. Shows the rollout, who approves through the link and the votes so far; changes nothing.",
      responses: { 200: { description: "The page", content: page }, ...problems("APPROVAL_LINK_NOT_FOUND", "STORAGE_UNAVAILABLE") },
    });
  }
  return createRoute({
    ...base,
    method,
    operationId: "decideByApprovalLink",
    summary: "Approve or reject as the link's approver",
    description:
      "From the page's own form (a cross-site request is a 403) or a JSON client. A form gets the page back, also when the decision is refused (with the refusal's status); JSON gets the link's view or a problem.",
    request: {
      body: {
        required: true,
        content: {
          "application/x-www-form-urlencoded": { schema: decisionFields },
          "multipart/form-data": { schema: decisionFields },
          "application/json": { schema: decisionFields },
        },
      },
    },
    responses: {
      200: { description: "Recorded", content: { "application/json": { schema: ApprovalLinkViewSchema }, ...page } },
      ...decisionProblems,
      400: { description: "The body cannot be read (a field twice, a file, malformed JSON)", content: decisionProblems[400].content },
      403: { description: "Cross-site, or the link was revoked, or the approver may not decide (role, own deployment)", content: { ...decisionProblems[403].content, ...page } },
      404: { description: "Not a valid link", content: decisionProblems[404].content },
      409: { description: "The link has expired, the gate is closed, or this approver has decided already", content: { ...decisionProblems[409].content, ...page } },
    },
  });
}

/** The approval link: GET shows the rollout and who approves, and changes nothing; POST decides as the link's principal. */
export function approvalLinkRoutes(services: AppServices) {
  const app = new OpenAPIHono<AppEnv>();
  const notFound = (c: Context<AppEnv>) => problem(c, 404, "APPROVAL_LINK_NOT_FOUND", "This approval link is not valid.");

  app.openapi(linkRoute("get"), async (c) => {
    const token = TokenParam.safeParse(c.req.param("token"));
    if (!token.success || !services.deployments) return notFound(c);
    const view = await services.deployments.viewApprovalLink(token.data);
    return c.html(await renderPage(view), 200, headers);
  });

  app.openapi(linkRoute("post"), async (c) => {
    if (crossSite(c, services.config.publicBaseUrl)) {
      return problem(c, 403, "CROSS_SITE_REQUEST", "Decide on the approval page itself: cross-site requests are refused.");
    }
    const token = TokenParam.safeParse(c.req.param("token"));
    if (!token.success || !services.deployments) return notFound(c);
    let body: Awaited<ReturnType<typeof readDecisionBody>>;
    try {
      body = await readDecisionBody(c);
    } catch (error) {
      if (error instanceof BodyError) return problem(c, error.status, error.status === 415 ? "UNSUPPORTED_MEDIA_TYPE" : "BAD_REQUEST", error.message);
      throw error;
    }
    const parsed = Decision.safeParse(body.raw);
    if (!parsed.success) {
      return problem(c, 422, "REQUEST_INVALID", "Choose approve or reject.", {
        errors: parsed.error.issues.map((i) => ({ path: i.path.length ? i.path.join(".") : String((i as { keys?: string[] }).keys?.[0] ?? ""), message: i.message })),
      });
    }
    const { decision, comment } = parsed.data;
    try {
      await services.deployments.decideByLink(token.data, { decision, comment });
    } catch (error) {
      // A person at a form gets the page back with the reason, not a JSON document.
      const status = body.isJson || !isRollgateError(error) ? undefined : problemForError(c, error)?.status;
      if (!status || !isRollgateError(error)) throw error;
      const view = await services.deployments.viewApprovalLink(token.data);
      return c.html(await renderPage(view, `Not recorded: ${error.message}`), status as 403, headers);
    }
    const view = await services.deployments.viewApprovalLink(token.data);
    if (body.isJson) return c.json(view, 200);
    return c.html(await renderPage(view, decision === "approve" ? "Your approval was recorded." : "Your rejection was recorded; the rollout rolls back."), 200, headers);
  });

  return app;
}

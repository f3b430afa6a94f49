import { Hono } from "hono";
import { html } from "hono/html";
import { z } from "zod";
import type { AppEnv, AppServices } from "../env.js";
import { isRollgateError } from "@rollgate/core/errors";
import { problem, problemForError } from "../problem.js";

const TokenParam = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);
const Decision = z.object({
  decision: z.enum(["approve", "reject"]),
  comment: z.string().max(1000).optional(),
  name: z.string().max(200).optional(),
});

// The token is a bearer secret in the URL: keep it out of Referer headers and caches, and
// allow no script on the page.
const headers = {
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  "x-frame-options": "DENY",
};

const style = `body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
h1{font-size:1.4rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}
.status{display:inline-block;padding:.1rem .5rem;border-radius:.3rem;background:#eef}
textarea,input{width:100%;box-sizing:border-box;margin:.25rem 0 .75rem;font:inherit;padding:.4rem}
button{font:inherit;padding:.5rem 1.2rem;margin-right:.5rem;border-radius:.3rem;border:1px solid #888;cursor:pointer}
button[value=approve]{background:#1f883d;color:#fff;border-color:#1f883d}button[value=reject]{background:#cf222e;color:#fff;border-color:#cf222e}
.notice{padding:.75rem;border-radius:.3rem;background:#f6f8fa;border:1px solid #d0d7de}`;

type LinkView = Awaited<ReturnType<NonNullable<AppServices["deployments"]>["viewApprovalLink"]>>;

function renderPage(view: LinkView, notice?: string) {
  const open = view.gateOpen;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Approve ${view.specId} v${view.version} to ${view.environment}</title><style>${style}</style></head>
<body>
<h1>Rollout approval: ${view.specId} v${view.version} → ${view.environment}</h1>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
<dl>
<dt>Deployment</dt><dd>${view.deploymentId}</dd>
<dt>Status</dt><dd><span class="status" data-testid="status">${view.status}</span></dd>
<dt>Strategy</dt><dd>${view.strategy}</dd>
<dt>Requested by</dt><dd>${view.requestedBy}</dd>
<dt>Your role</dt><dd>${view.role ?? "approver"}</dd>
<dt>Votes</dt><dd>${view.votes.length ? view.votes.map((v) => html`<div>${v.decision} by ${v.subject}${v.role ? html` (${v.role})` : ""}${v.comment ? html`: “${v.comment}”` : ""}</div>`) : "none yet"}</dd>
<dt>Plan</dt><dd>${view.planSummary.map((s) => html`<div>${s}</div>`)}</dd>
</dl>
${open
  ? html`<form method="post">
<label for="name">Your name (required to approve)</label><input id="name" name="name" maxlength="200" autocomplete="name">
<label for="comment">Comment</label><textarea id="comment" name="comment" maxlength="1000" rows="3"></textarea>
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="reject">Reject</button>
</form>`
  : html`<p class="notice">This approval gate is closed; nothing to decide.</p>`}
</body></html>`;
}

/** The approval link: GET shows the rollout and changes nothing; POST records the decision. */
export function approvalLinkRoutes(services: AppServices) {
  const app = new Hono<AppEnv>();

  app.get("/approvals/:token", async (c) => {
    const token = TokenParam.safeParse(c.req.param("token"));
    if (!token.success || !services.deployments) return problem(c, 404, "APPROVAL_LINK_NOT_FOUND", "This approval link is not valid.");
    const view = await services.deployments.viewApprovalLink(token.data);
    return c.html(await renderPage(view), 200, headers);
  });

  app.post("/approvals/:token", async (c) => {
    const token = TokenParam.safeParse(c.req.param("token"));
    if (!token.success || !services.deployments) return problem(c, 404, "APPROVAL_LINK_NOT_FOUND", "This approval link is not valid.");
    const isJson = (c.req.header("content-type") ?? "").includes("json");
    const raw = isJson ? await c.req.json() : Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, String(v)]));
    const parsed = Decision.safeParse(raw);
    if (!parsed.success) {
      return problem(c, 422, "REQUEST_INVALID", "Choose approve or reject.", {
        errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      });
    }
    const { decision, comment, name } = parsed.data;
    try {
      await services.deployments.decideByLink(token.data, { decision, comment, approverName: name });
    } catch (error) {
      // A person at a form gets the page back with the reason, not a JSON document.
      const status = isJson || !isRollgateError(error) ? undefined : problemForError(c, error)?.status;
      if (!status || !isRollgateError(error)) throw error;
      const view = await services.deployments.viewApprovalLink(token.data);
      return c.html(await renderPage(view, `Not recorded: ${error.message}`), status as 403, headers);
    }
    if (isJson) return c.json(await services.deployments.viewApprovalLink(token.data));
    const view = await services.deployments.viewApprovalLink(token.data);
    return c.html(await renderPage(view, decision === "approve" ? "Your approval was recorded." : "Your rejection was recorded; the rollout rolls back."), 200, headers);
  });

  return app;
}

/** @jsxImportSource hono/jsx */
import { Hono, type Context } from "hono";
import { hasScope, UnauthenticatedError, type Principal, type Scope } from "@rollgate/core/auth";
import type { InFlightDeployment } from "@rollgate/core/dashboard";
import { isRollgateError } from "@rollgate/core/errors";
import { specIdSchema, versionRefSchema } from "@rollgate/core/registry";
import { defaultEnvironmentPath, isFinished, type DeploymentStatus } from "@rollgate/core/rollout";
import type { AppEnv, AppServices } from "../env.js";
import { problemForError } from "../problem.js";
import {
  allowedDeploymentActions,
  deploymentActions,
  deploymentActionText,
  runDeploymentAction,
  versionActions,
  type DeploymentAction,
  type VersionAction,
} from "./actions.js";
import { assetRoutes } from "./assets.js";
import { MessagePage, pageHeaders } from "./layout.js";
import { ApprovalsPage } from "./pages/approvals.js";
import { ConfirmPage } from "./pages/confirm.js";
import { DeploymentPage } from "./pages/deployment.js";
import { LoginPage } from "./pages/login.js";
import { OverviewPage, type OverviewRow } from "./pages/overview.js";
import { SpecPage } from "./pages/spec.js";
import { clearSessionCookie, requireSession, safeNext, sameOrigin, sessionSecret, setSessionCookie } from "./session.js";

/** The scopes each action needs, as its API route requires them; the use case checks the rest. */
const actionScopes: Record<DeploymentAction, Scope[]> = { approve: ["approve"], reject: ["approve"], abort: ["rollback", "deploy"], rollback: ["rollback"] };

const MAX_TEXT = 500;
const idParam = (value: string) => (/^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : undefined);

/** One text field of a urlencoded or multipart form; anything else is treated as absent. */
async function formField(c: Context<AppEnv>, name: string): Promise<string | undefined> {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const value = body[name];
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

/**
 * The dashboard (DESIGN section 13), mounted at `/ui`: server-rendered pages over the same
 * use cases as the API. Not part of the OpenAPI document.
 */
export function uiRoutes(services: AppServices) {
  const ui = new Hono<AppEnv>();
  const deployments = () => services.deployments!;
  const dashboard = () => services.dashboard!;

  const page = (c: Context<AppEnv>, body: ReturnType<typeof LoginPage>, status = 200) => c.html(body, status as 200, pageHeaders);
  const refuse = (c: Context<AppEnv>, status: number, title: string, message: string) =>
    page(c, <MessagePage title={title} message={message} principal={c.get("principal")} />, status);
  const lacks = (c: Context<AppEnv>, ...scopes: Scope[]) => {
    const principal = c.get("principal");
    if (scopes.some((scope) => hasScope(principal, scope))) return undefined;
    return refuse(c, 403, "Not allowed", `This page needs ${scopes.length > 1 ? "one of the scopes" : "the scope"} ${scopes.join(", ")}; your token does not have it.`);
  };
  const waitingOn = async (principal: Principal, known?: InFlightDeployment[]) => (await dashboard().awaitingMe(principal, known)).length;

  ui.route("/", assetRoutes());

  // Every form POST: from our own pages only (the SameSite=Strict cookie is the second layer).
  ui.use("*", async (c, next) => {
    if (c.req.method === "POST" && !sameOrigin(c, services.config.publicBaseUrl)) {
      return page(c, <MessagePage title="Refused" message="Cross-site request refused (CROSS_SITE_REQUEST): act from the dashboard's own pages." />, 403);
    }
    await next();
  });

  ui.get("/login", async (c) => {
    const next = safeNext(c.req.query("next"));
    const secret = sessionSecret(c);
    if (secret) {
      try {
        await services.credentials.resolve({ kind: "session", sessionId: secret });
        return c.redirect(next, 303);
      } catch (error) {
        if (!(error instanceof UnauthenticatedError)) throw error;
        clearSessionCookie(c);
      }
    }
    return page(c, <LoginPage next={next} />);
  });

  ui.post("/login", async (c) => {
    const next = safeNext(c.req.query("next"));
    const token = await formField(c, "token");
    if (!token) return page(c, <LoginPage next={next} error="Enter an API token." />, 422);
    try {
      const session = await services.sessions!.open(token);
      setSessionCookie(c, session.secret, session.expiresAt);
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) throw error;
      return page(c, <LoginPage next={next} error="That token is not valid, has expired or was revoked." />, 401);
    }
    return c.redirect(next, 303);
  });

  ui.post("/logout", async (c) => {
    const secret = sessionSecret(c);
    if (secret) await services.sessions!.close(secret);
    clearSessionCookie(c);
    return c.redirect("/ui/login", 303);
  });

  ui.use("*", requireSession(services));

  ui.get("/logout", (c) =>
    page(c, <ConfirmPage title="Sign out?" explain="Your session ends on this server now." action="/ui/logout" button="Sign out" cancel="/ui" principal={c.get("principal")} />),
  );

  ui.get("/", async (c) => {
    const denied = lacks(c, "specs:read");
    if (denied) return denied;
    const principal = c.get("principal");
    const specs = await services.registry.listSpecs({ limit: 100, cursor: c.req.query("cursor") });
    const ids = specs.items.map((s) => s.specId);
    const inFlight = await dashboard().inFlight();
    const environments = await dashboard().environments(ids, [...new Set([...defaultEnvironmentPath, ...inFlight.map((d) => d.environment)])]);
    // Columns: the environments anything was deployed to, the default path's first and in its order.
    const used = new Set<string>();
    for (const cells of environments.values()) for (const cell of cells) used.add(cell.environment);
    for (const d of inFlight) if (ids.includes(d.specId)) used.add(d.environment);
    const seen = new Set<string>(used.size ? defaultEnvironmentPath.filter((env) => used.has(env)) : defaultEnvironmentPath);
    for (const env of [...used].sort()) seen.add(env);
    const rows: OverviewRow[] = specs.items.map((spec) => ({
      spec,
      environments: new Map((environments.get(spec.specId) ?? []).map((cell) => [cell.environment, cell])),
      inFlight: new Map(inFlight.filter((d) => d.specId === spec.specId).map((d) => [d.environment, d])),
    }));
    return page(
      c,
      <OverviewPage
        principal={principal}
        columns={[...seen]}
        rows={rows}
        waiting={await waitingOn(principal, inFlight)}
        nextCursor={specs.nextCursor}
        running={inFlight.length > 0}
      />,
    );
  });

  ui.get("/approvals", async (c) => {
    const denied = lacks(c, "approve", "specs:read");
    if (denied) return denied;
    const principal = c.get("principal");
    const inFlight = await dashboard().inFlight();
    const waiting = await dashboard().awaitingMe(principal, inFlight);
    const mine = inFlight.filter((d) => d.status === "awaiting_approval" && d.requestedBy === principal.subject);
    return page(c, <ApprovalsPage principal={principal} waiting={waiting} mine={mine} />);
  });

  ui.get("/specs/:specId", async (c) => {
    const denied = lacks(c, "specs:read");
    if (denied) return denied;
    const specId = specIdSchema.safeParse(c.req.param("specId"));
    if (!specId.success) return refuse(c, 404, "Not found", "No such spec.");
    const principal = c.get("principal");
    const spec = await services.registry.getSpec(specId.data);
    const [versions, environments, recent, waiting] = await Promise.all([
      services.registry.listVersions(spec.specId, { limit: 100 }),
      deployments().environments(spec.specId),
      deployments().list({ specId: spec.specId, limit: 10 }),
      waitingOn(principal),
    ]);
    const fromRef = versionRefSchema.safeParse(c.req.query("from"));
    const toRef = versionRefSchema.safeParse(c.req.query("to"));
    let diff;
    let diffError: string | undefined;
    if (c.req.query("from") !== undefined || c.req.query("to") !== undefined) {
      if (!fromRef.success || !toRef.success) diffError = "Choose two versions to compare.";
      else {
        try {
          diff = await services.registry.diff(spec.specId, fromRef.data, toRef.data);
        } catch (error) {
          if (!isRollgateError(error)) throw error;
          diffError = error.message;
        }
      }
    }
    const done = c.req.query("done");
    return page(
      c,
      <SpecPage
        principal={principal}
        waiting={waiting}
        spec={spec}
        versions={versions.items}
        environments={environments}
        deployments={recent.items}
        {...(diff ? { diff, from: diff.from, to: diff.to } : {})}
        {...(diffError ? { diffError } : {})}
        {...(done && done in versionActions ? { notice: `Version state changed: ${versionActions[done as VersionAction]}.` } : {})}
      />,
    );
  });

  // A version's lifecycle: confirm, then the registry's setState (as PATCH /v1/specs/{specId}/versions/{version}).
  const versionTarget = (c: Context<AppEnv>) => {
    const specId = specIdSchema.safeParse(c.req.param("specId"));
    const version = Number(c.req.param("version"));
    const action = c.req.param("action") as VersionAction;
    if (!specId.success || !Number.isInteger(version) || version < 1 || !Object.hasOwn(versionActions, action)) return undefined;
    return { specId: specId.data, version, action, state: versionActions[action] };
  };
  const versionConfirm = (c: Context<AppEnv>, target: NonNullable<ReturnType<typeof versionTarget>>, error?: string) => (
    <ConfirmPage
      title={`${target.action[0]!.toUpperCase()}${target.action.slice(1)} ${target.specId} v${target.version}?`}
      explain={
        target.state === "disabled"
          ? "A disabled version cannot be deployed any more."
          : target.state === "deprecated"
            ? "A deprecated version still deploys, with a warning."
            : "The version becomes active again."
      }
      action={`/ui/specs/${encodeURIComponent(target.specId)}/versions/${target.version}/${target.action}`}
      button={`Confirm: ${target.state}`}
      danger={target.state !== "active"}
      cancel={`/ui/specs/${encodeURIComponent(target.specId)}`}
      principal={c.get("principal")}
      {...(error ? { error } : {})}
    />
  );
  ui.get("/specs/:specId/versions/:version/:action", async (c) => {
    const denied = lacks(c, "specs:write");
    if (denied) return denied;
    const target = versionTarget(c);
    if (!target) return refuse(c, 404, "Not found", "No such action.");
    await services.registry.getVersionSummary(target.specId, target.version);
    return page(c, versionConfirm(c, target));
  });
  ui.post("/specs/:specId/versions/:version/:action", async (c) => {
    const denied = lacks(c, "specs:write");
    if (denied) return denied;
    const target = versionTarget(c);
    if (!target) return refuse(c, 404, "Not found", "No such action.");
    try {
      await services.registry.setState(target.specId, target.version, target.state, c.get("principal"));
    } catch (error) {
      const status = problemForError(c, error)?.status;
      if (!status || !isRollgateError(error)) throw error;
      return page(c, versionConfirm(c, target, error.message), status);
    }
    return c.redirect(`/ui/specs/${encodeURIComponent(target.specId)}?done=${target.action}`, 303);
  });

  ui.get("/deployments/:id", async (c) => {
    const denied = lacks(c, "specs:read");
    if (denied) return denied;
    const id = idParam(c.req.param("id") ?? "");
    if (!id) return refuse(c, 404, "Not found", "No such deployment.");
    const principal = c.get("principal");
    const [view, waiting] = await Promise.all([deployments().get(id), waitingOn(principal)]);
    const done = c.req.query("done") as DeploymentAction | undefined;
    const running = !isFinished(view.status) && view.status !== ("rollback_failed" satisfies DeploymentStatus);
    return page(
      c,
      <DeploymentPage
        view={view}
        principal={principal}
        actions={allowedDeploymentActions(view, principal)}
        waiting={waiting}
        running={running}
        {...(done && deploymentActions.includes(done) ? { notice: deploymentActionText[done].done } : {})}
      />,
    );
  });

  const actionOf = (c: Context<AppEnv>) => {
    const id = idParam(c.req.param("id") ?? "");
    const action = c.req.param("action") as DeploymentAction;
    return id && deploymentActions.includes(action) ? { id, action } : undefined;
  };
  const deploymentConfirm = async (c: Context<AppEnv>, id: string, action: DeploymentAction, error?: string) => {
    const view = await deployments().get(id);
    const text = deploymentActionText[action];
    return (
      <ConfirmPage
        title={text.title}
        explain={text.explain}
        action={`/ui/deployments/${encodeURIComponent(id)}/${action}`}
        button={text.button}
        danger={action !== "approve"}
        field={{ name: text.field, label: text.field === "comment" ? "Comment (optional)" : "Reason (optional)" }}
        cancel={`/ui/deployments/${encodeURIComponent(id)}`}
        principal={c.get("principal")}
        {...(error ? { error } : {})}
      >
        <p data-testid="confirm-subject">
          <strong>
            {view.specId} v{view.version} → {view.environment}
          </strong>{" "}
          ({view.strategy}, {view.status.replace("_", " ")}, requested by {view.requestedBy})
        </p>
      </ConfirmPage>
    );
  };
  ui.get("/deployments/:id/:action", async (c) => {
    const target = actionOf(c);
    if (!target) return refuse(c, 404, "Not found", "No such action.");
    const denied = lacks(c, ...actionScopes[target.action]);
    if (denied) return denied;
    const view = await deployments().get(target.id);
    if (!allowedDeploymentActions(view, c.get("principal")).includes(target.action)) {
      return refuse(c, 409, "Not available", `You cannot ${target.action} this deployment now (it is ${view.status.replace("_", " ")}).`);
    }
    return page(c, await deploymentConfirm(c, target.id, target.action));
  });
  ui.post("/deployments/:id/:action", async (c) => {
    const target = actionOf(c);
    if (!target) return refuse(c, 404, "Not found", "No such action.");
    const denied = lacks(c, ...actionScopes[target.action]);
    if (denied) return denied;
    const text = await formField(c, deploymentActionText[target.action].field);
    if (text && text.length > MAX_TEXT) return page(c, await deploymentConfirm(c, target.id, target.action, `At most ${MAX_TEXT} characters.`), 422);
    let shownId: string;
    try {
      shownId = await runDeploymentAction(services, target.id, target.action, c.get("principal"), text);
    } catch (error) {
      const status = problemForError(c, error)?.status;
      if (!status || !isRollgateError(error)) throw error;
      return page(c, await deploymentConfirm(c, target.id, target.action, `Not done: ${error.message}`), status);
    }
    return c.redirect(`/ui/deployments/${encodeURIComponent(shownId)}?done=${target.action}`, 303);
  });

  ui.onError((error, c) => {
    const status = problemForError(c, error)?.status;
    if (status && isRollgateError(error)) {
      return page(c, <MessagePage title={status === 404 ? "Not found" : "Refused"} message={error.message} principal={c.get("principal")} />, status);
    }
    services.logger.error("unhandled error", { requestId: c.get("requestId"), error: error as Error });
    return page(c, <MessagePage title="Something went wrong" message={`Something went wrong on our side. Quote request id ${c.get("requestId")}.`} />, 500);
  });

  return ui;
}

/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { Principal } from "@rollgate/core/auth";
import type { DeploymentStatus } from "@rollgate/core/rollout";
import { assetPaths } from "./assets.js";

/** Headers of every dashboard page: no inline script or style, no framing, no caching of private pages. */
export const pageHeaders = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "cache-control": "no-store",
};

type Tone = "ok" | "bad" | "run" | "wait" | "idle";

/** Status as text and a shape, never by colour alone (the colour only repeats them). */
const statusLook: Record<DeploymentStatus, { icon: string; label: string; tone: Tone }> = {
  pending: { icon: "○", label: "pending", tone: "idle" },
  in_progress: { icon: "◐", label: "in progress", tone: "run" },
  awaiting_approval: { icon: "‖", label: "awaiting approval", tone: "wait" },
  rolling_back: { icon: "↺", label: "rolling back", tone: "wait" },
  succeeded: { icon: "✓", label: "succeeded", tone: "ok" },
  rolled_back: { icon: "↩", label: "rolled back", tone: "bad" },
  rollback_failed: { icon: "✗", label: "rollback failed", tone: "bad" },
  aborted: { icon: "■", label: "aborted", tone: "bad" },
};

export function Status(props: { status: DeploymentStatus }) {
  const look = statusLook[props.status] ?? { icon: "?", label: props.status, tone: "idle" as const };
  return (
    <span class={`status ${look.tone}`} data-status={props.status}>
      <span aria-hidden="true">{look.icon}</span>
      {look.label}
    </span>
  );
}

const stateLook: Record<string, { icon: string; tone: Tone }> = {
  active: { icon: "●", tone: "ok" },
  deprecated: { icon: "▲", tone: "wait" },
  disabled: { icon: "⊘", tone: "bad" },
};

export function VersionState(props: { state: string }) {
  const look = stateLook[props.state] ?? { icon: "?", tone: "idle" as const };
  return (
    <span class={`status ${look.tone}`} data-state={props.state}>
      <span aria-hidden="true">{look.icon}</span>
      {props.state}
    </span>
  );
}

/** A timestamp as UTC text, machine-readable in `datetime`. */
export function Time(props: { at: string | undefined }) {
  if (!props.at) return <span class="muted">—</span>;
  return <time datetime={props.at}>{props.at.replace("T", " ").replace(/\.\d+Z$/, "Z")}</time>;
}

type Section = "overview" | "approvals" | "none";

export function Layout(props: {
  title: string;
  principal?: Principal;
  section?: Section;
  /** Open gates waiting on the principal (the nav badge). */
  waiting?: number;
  /** Seconds; the page reloads its live part while set (the script, or a meta refresh without it). */
  refresh?: number;
  children: Child;
}) {
  const { principal } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Rollgate`}</title>
        <link rel="stylesheet" href={assetPaths.css} />
        {props.refresh ? (
          <noscript>
            <meta http-equiv="refresh" content={String(props.refresh)} />
          </noscript>
        ) : null}
        <script src={assetPaths.js} defer></script>
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <a class="brand" href="/ui">
            Rollgate
          </a>
          {principal ? (
            <nav aria-label="Dashboard">
              <ul>
                <li>
                  <a href="/ui" aria-current={props.section === "overview" ? "page" : undefined}>
                    Overview
                  </a>
                </li>
                <li>
                  <a href="/ui/approvals" aria-current={props.section === "approvals" ? "page" : undefined} data-testid="nav-approvals">
                    Approvals
                    {props.waiting ? (
                      <>
                        {" "}
                        <span class="badge" data-testid="waiting-badge">
                          {props.waiting}
                        </span>
                        <span class="sr"> waiting on you</span>
                      </>
                    ) : null}
                  </a>
                </li>
              </ul>
            </nav>
          ) : null}
          {principal ? (
            <div class="who">
              <span data-testid="signed-in-as">
                Signed in as <strong>{principal.displayName ? `${principal.displayName} (${principal.subject})` : principal.subject}</strong>
                {principal.roles.length ? `, ${principal.roles.join(" + ")}` : ""}
              </span>
              <form method="post" action="/ui/logout" class="inline">
                <button type="submit" class="link">
                  Sign out
                </button>
              </form>
            </div>
          ) : null}
        </header>
        <main id="main">{props.children}</main>
      </body>
    </html>
  );
}

/** A page that says why nothing was shown or done (refused, not found, failed). */
export function MessagePage(props: { title: string; message: string; principal?: Principal; back?: string }) {
  return (
    <Layout title={props.title} principal={props.principal} section="none">
      <h1>{props.title}</h1>
      <p class="notice error" role="alert" data-testid="message">
        {props.message}
      </p>
      <p>
        <a href={props.back ?? "/ui"}>Back</a>
      </p>
    </Layout>
  );
}

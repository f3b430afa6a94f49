import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { UnauthenticatedError } from "@rollgate/core/auth";
import type { AppEnv, AppServices } from "../env.js";
import { ownOrigins } from "../origins.js";

/** The session cookie: scoped to the dashboard's paths, never readable by script. */
export const SESSION_COOKIE = "rg_session";
const COOKIE_PATH = "/ui";
/** The cookie's own lifetime; the server-side session also ends on idleness and with its token. */
const COOKIE_MAX_AGE_S = 12 * 3600;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** `Secure` everywhere but plain-http loopback (`npm start`, tests). */
const secureCookie = (c: Context) => !LOCAL_HOSTS.has(new URL(c.req.url).hostname);

export function setSessionCookie(c: Context, secret: string, expiresAt: string) {
  const seconds = Math.max(1, Math.min(COOKIE_MAX_AGE_S, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000)));
  setCookie(c, SESSION_COOKIE, secret, { httpOnly: true, sameSite: "Strict", secure: secureCookie(c), path: COOKIE_PATH, maxAge: seconds });
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: COOKIE_PATH, secure: secureCookie(c), httpOnly: true, sameSite: "Strict" });
}

export const sessionSecret = (c: Context) => getCookie(c, SESSION_COOKIE);

/**
 * Where to go after sign-in: a dashboard path on this server, nothing else (no scheme, no
 * `//host`, no backslash tricks, no control characters); anything else is `/ui`.
 */
export function safeNext(next: string | undefined): string {
  if (!next || next.length > 2048) return "/ui";
  if (!/^\/ui(?:[/?#]|$)/.test(next)) return "/ui";
  if (/[\\\s\u0000-\u001f\u007f]/.test(next) || next.includes("//")) return "/ui";
  if (next.startsWith("/ui/login") || next.startsWith("/ui/logout")) return "/ui";
  return next;
}

/**
 * Form POSTs must come from this server's own pages: `Origin` (sent by browsers with every
 * POST) must be ours, or, without it, `Sec-Fetch-Site` must say same-origin. Neither header:
 * not a browser form of ours, refused too. The SameSite=Strict cookie is the second layer.
 */
export function sameOrigin(c: Context, publicBaseUrl: string | undefined): boolean {
  const fetchSite = c.req.header("sec-fetch-site")?.toLowerCase();
  if (fetchSite && fetchSite !== "same-origin") return false;
  const origin = c.req.header("origin");
  if (origin === undefined) return fetchSite === "same-origin";
  return ownOrigins(c, publicBaseUrl).has(origin);
}

/** The sign-in page, coming back to `path` afterwards. */
export const loginUrl = (path: string) => `/ui/login?next=${encodeURIComponent(safeNext(path))}`;

/**
 * Every dashboard page but sign-in and the assets: the session cookie resolved through the
 * credential port (kind `session`), checked on every request (revoked token, disabled
 * principal, idle or too old: back to sign-in, coming back here afterwards).
 */
export function requireSession(services: AppServices): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    const secret = sessionSecret(c);
    const url = new URL(c.req.url);
    const back = c.req.method === "GET" ? `${url.pathname}${url.search}` : url.pathname;
    if (!secret) return c.redirect(loginUrl(back), 303);
    try {
      c.set("principal", await services.credentials.resolve({ kind: "session", sessionId: secret }));
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) throw error;
      clearSessionCookie(c);
      return c.redirect(loginUrl(back), 303);
    }
    await next();
  });
}

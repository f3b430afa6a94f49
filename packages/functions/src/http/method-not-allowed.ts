import type { Context } from "hono";
import { problem } from "./problem.js";

interface RouteEntry {
  method: string;
  path: string;
}

/**
 * The methods `routes` serve at `path` (hono patterns: `:param` is one segment); a GET also
 * answers HEAD. Empty: the path is unknown. Middleware entries (`ALL`, `*`) are not routes.
 */
export function allowedMethods(routes: readonly RouteEntry[], path: string): string[] {
  const allowed = new Set<string>();
  for (const route of routes) {
    if (route.method === "ALL" || route.path.includes("*")) continue;
    const pattern = new RegExp(`^${route.path.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/:\w+/g, "[^/]+")}$`);
    if (!pattern.test(path)) continue;
    allowed.add(route.method);
    if (route.method === "GET") allowed.add("HEAD");
  }
  return [...allowed].sort();
}

/** A known path called with a method it does not serve: 405 with `Allow` (RFC 9110 15.5.6). */
export function methodNotAllowed(c: Context, routes: readonly RouteEntry[]) {
  const allowed = allowedMethods(routes, c.req.path);
  if (!allowed.length) return undefined;
  c.header("Allow", allowed.join(", "));
  return problem(c, 405, "METHOD_NOT_ALLOWED", `${c.req.method} is not served at this path; it serves ${allowed.join(", ")}.`, { allowed });
}

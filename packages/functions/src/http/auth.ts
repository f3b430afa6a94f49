import type { MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { OpenAPIHono } from "@hono/zod-openapi";
import { hasScope, scopes, type CredentialResolver, type Scope } from "@rollgate/core/auth";
import type { AppEnv } from "./env.js";
import { problem, problemForError } from "./problem.js";

/** Resolves the bearer credential to a principal through the resolver port; 401 without a valid one. */
export function authenticate(credentials: CredentialResolver): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) {
      return problem(c, 401, "UNAUTHENTICATED", "Send `Authorization: Bearer <token>`.");
    }
    try {
      c.set("principal", await credentials.resolve({ kind: "bearer", token: match[1] }));
    } catch (error) {
      const mapped = problemForError(c, error);
      if (mapped) return mapped;
      throw error;
    }
    await next();
  });
}

/**
 * The OpenAPI security requirement of a route that needs `scope`. Several scopes: any one of
 * them (OpenAPI's alternatives). `[{ bearer: [] }]` is any valid credential.
 */
export const bearerScope = (...scopes: Scope[]) => scopes.map((scope) => ({ bearer: [scope] }));

/**
 * The app for authenticated routes: each operation's declared `security` (bearerScope) is
 * also its check, run before validation, so a route cannot document one scope and enforce
 * another; a route that declares none, a public one (`security: []`) or an unknown scope
 * or scheme fails when it is registered. The auth-matrix test reads the same declarations
 * from /openapi.json and checks every operation is guarded by them.
 */
export function securedRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const register = app.openapi;
  app.openapi = ((route, handler, hook) => {
    const guard = securityGuard(`${route.method.toUpperCase()} ${route.path}`, route.security);
    const declared = route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
    return register({ ...route, middleware: [guard, ...declared] }, handler, hook);
  }) as typeof app.openapi;
  return app;
}

const guards = new WeakSet<MiddlewareHandler>();

/** Whether `handler` is the check securedRoutes built from a route's declared security. */
export const isSecurityGuard = (handler: unknown): boolean => typeof handler === "function" && guards.has(handler as MiddlewareHandler);

/** 403 unless the caller satisfies one of the requirements (each: every scope it lists; admin holds every scope). */
function securityGuard(operation: string, security: Record<string, string[]>[] | undefined): MiddlewareHandler<AppEnv> {
  if (!security?.length) throw new Error(`${operation} declares no security requirement: say which scope it needs (bearerScope)`);
  const requirements = security.map((requirement) => {
    const schemes = Object.keys(requirement);
    if (schemes.length !== 1 || schemes[0] !== "bearer") throw new Error(`${operation} declares the security scheme(s) ${schemes.join(", ")}; only bearer is enforced`);
    const needed = requirement.bearer!;
    for (const scope of needed) if (!(scopes as readonly string[]).includes(scope)) throw new Error(`${operation} declares an unknown scope ${scope}`);
    return needed as Scope[];
  });
  const anyOf = requirements.flat();
  const guard = createMiddleware<AppEnv>(async (c, next) => {
    const principal = c.get("principal");
    if (!principal || !requirements.some((needed) => needed.every((scope) => hasScope(principal, scope)))) {
      return anyOf.length === 1
        ? problem(c, 403, "FORBIDDEN", `This call needs the \`${anyOf[0]}\` scope.`, { requiredScope: anyOf[0] })
        : problem(c, 403, "FORBIDDEN", `This call needs one of the scopes ${anyOf.map((s) => `\`${s}\``).join(", ")}.`);
    }
    await next();
  });
  guards.add(guard);
  return guard;
}

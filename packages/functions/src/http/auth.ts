import type { MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { hasScope, type CredentialResolver, type Scope } from "@rollgate/core/auth";
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

/** 403 unless the caller holds `scope` (admin holds every scope). */
export function requireScope(scope: Scope): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = c.get("principal");
    if (!principal || !hasScope(principal, scope)) {
      return problem(c, 403, "FORBIDDEN", `This call needs the \`${scope}\` scope.`, { requiredScope: scope });
    }
    await next();
  });
}

/**
 * The OpenAPI security requirement of a route that needs `scope`: the auth-matrix test reads
 * it from `/openapi.json`, so what a route declares and what it enforces are checked together.
 * Several scopes: any one of them (OpenAPI's alternatives).
 */
export const bearerScope = (...scopes: Scope[]) => scopes.map((scope) => ({ bearer: [scope] }));

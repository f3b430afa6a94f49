import type { MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { hasScope, type Scope, type TokenService } from "@rollgate/core/auth";
import type { AppEnv } from "./env.js";
import { problem, problemForError } from "./problem.js";

/** Resolves the bearer token to a principal; 401 without a valid one. */
export function authenticate(tokens: TokenService): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) {
      return problem(c, 401, "UNAUTHENTICATED", "Send `Authorization: Bearer <token>`.");
    }
    try {
      c.set("principal", await tokens.verify(match[1]));
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

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scopes, type Scope } from "@rollgate/core/auth";
import { createRoute, z } from "@hono/zod-openapi";
import { isSecurityGuard, securedRoutes } from "../../packages/functions/src/http/auth.js";
import { createTestApi, type TestApi } from "../helpers/app.js";

/**
 * Every operation of the OpenAPI document x every way of not being allowed. The scope an
 * operation needs is read from its declared security requirement (`bearer: [scope]`;
 * several requirements are alternatives), which is also what enforces it (securedRoutes
 * builds each route's check from its `security`): the test checks that every /v1 route
 * runs that check, and that each refuses and admits exactly what it declares.
 */

interface Operation {
  method: string;
  path: string;
  /** Any one of these scopes lets the call through; empty: any valid credential. */
  anyOf: Scope[];
}

/** Values that satisfy each path parameter's pattern, so a 401/403 is never a 400 in disguise. */
const params: Record<string, string> = {
  specId: "payments-api",
  version: "1",
  id: "0123456789abcdef",
  subject: "tess",
  env: "dev",
  name: "payments-dev",
  deliveryId: "0123456789abcdef",
  slackUserId: "U0123ABCD",
};

// What a refusal may carry: the problem members, and the scope that was missing. Nothing else.
const problemMembers = new Set(["type", "title", "status", "detail", "code", "instance", "requiredScope"]);

let api: TestApi;
let operations: Operation[];
const publicOperations: string[] = [];
const tokens: Record<string, string> = {};

beforeAll(async () => {
  api = await createTestApi();
  const doc = await (await api.request("/openapi.json", { token: null })).json();
  operations = [];
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, { security?: Record<string, string[]>[] }>>)) {
    for (const [method, op] of Object.entries(methods)) {
      // `security: []` declares an operation public (no credential); the test below pins which.
      if (Array.isArray(op.security) && op.security.length === 0) {
        publicOperations.push(`${method.toUpperCase()} ${path}`);
        continue;
      }
      const security: Record<string, string[]>[] | undefined = op.security ?? doc.security;
      if (!security?.length) throw new Error(`${method.toUpperCase()} ${path} declares no security requirement: the matrix cannot cover it`);
      const anyOf = security.flatMap((requirement) => requirement.bearer ?? []) as Scope[];
      for (const scope of anyOf) if (!scopes.includes(scope)) throw new Error(`${method.toUpperCase()} ${path} declares an unknown scope ${scope}`);
      operations.push({ method: method.toUpperCase(), path, anyOf });
    }
  }

  const revoked = await api.runtime.services.tokens.issue({ subject: "revoked-bot", scopes: ["admin"] }, "test");
  await api.runtime.services.tokens.revoke(revoked.id);
  tokens.revoked = revoked.token;
  const expiresAt = new Date(Date.now() + 1_000).toISOString();
  tokens.expired = (await api.runtime.services.tokens.issue({ subject: "expired-bot", scopes: ["admin"], expiresAt }, "test")).token;
  tokens.disabled = await api.token(["admin"], { subject: "disabled-bot" });
  await api.runtime.services.principals.disable("disabled-bot", "test");
  await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(expiresAt) + 50 - Date.now())));
});
afterAll(async () => {
  await api?.close();
});

const urlOf = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (!value) throw new Error(`no sample value for path parameter ${name}: add one`);
    return value;
  });

async function call(op: Operation, authorization: string | undefined) {
  const headers: Record<string, string> = {};
  if (authorization !== undefined) headers.authorization = authorization;
  const body = ["POST", "PUT", "PATCH"].includes(op.method) ? "{}" : undefined;
  if (body) headers["content-type"] = "application/json";
  return api.request(urlOf(op.path), { method: op.method, token: null, headers, body });
}

async function expectRefusal(res: Awaited<ReturnType<typeof call>>, status: 401 | 403, label: string) {
  expect(res.status, label).toBe(status);
  expect(res.headers.get("content-type"), label).toContain("application/problem+json");
  const body = await res.json();
  expect(Object.keys(body).filter((key) => !problemMembers.has(key)), label).toEqual([]);
  expect(body, label).toMatchObject({ status, code: status === 401 ? "UNAUTHENTICATED" : "FORBIDDEN" });
  if (status === 401) expect(res.headers.get("www-authenticate"), label).toContain("Bearer");
  return body;
}

describe("the auth matrix, generated from /openapi.json", () => {
  it("covers every /v1 route the app serves, each with a declared requirement", () => {
    const documented = new Set(operations.map((op) => `${op.method} ${op.path}`));
    const served = new Set(
      api.runtime.app.routes
        .filter((route) => route.path.startsWith("/v1/") && route.path !== "/v1/*" && route.method !== "ALL")
        .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
    // Each one is guarded by the check built from its own declaration (not a hand-written one).
    const guarded = new Set(
      api.runtime.app.routes.filter((route) => isSecurityGuard(route.handler)).map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    expect([...served].filter((route) => !guarded.has(route))).toEqual([]);
    expect(operations.length).toBeGreaterThanOrEqual(26);
    expect(operations.filter((op) => op.anyOf.length === 0).map((op) => `${op.method} ${op.path}`)).toEqual(["GET /v1/me"]);
  });

  it("refuses to register an authenticated route without a security declaration, public, or with a scope that does not exist", () => {
    const route = (security?: Record<string, string[]>[]) =>
      createRoute({ method: "get", path: "/v1/undeclared", ...(security ? { security } : {}), responses: { 200: { description: "ok", content: { "application/json": { schema: z.object({}) } } } } });
    const register = (security?: Record<string, string[]>[]) => () => securedRoutes().openapi(route(security), (c) => c.json({}, 200));
    expect(register()).toThrow(/GET \/v1\/undeclared declares no security requirement/);
    expect(register([])).toThrow(/declares no security requirement/);
    expect(register([{ bearer: ["root"] }])).toThrow(/unknown scope root/);
    expect(register([{ apiKey: [] }])).toThrow(/only bearer/);
    expect(register([{ bearer: ["deploy"] }])).not.toThrow();
  });

  it("declares only the probes, the document and the approval links public, none under /v1", () => {
    expect(publicOperations.sort()).toEqual(["GET /approvals/{token}", "GET /health", "GET /openapi.json", "POST /approvals/{token}"]);
  });

  const unauthenticated: [string, () => string | undefined, RegExp][] = [
    ["no token", () => undefined, /Authorization/],
    ["a malformed header (no token)", () => "Bearer", /Authorization/],
    ["a malformed header (two words)", () => "Bearer one two", /Authorization/],
    ["a malformed header (Basic)", () => `Basic ${Buffer.from("admin:admin").toString("base64")}`, /Authorization/],
    ["an unknown token", () => "Bearer rg_not_a_token_anybody_issued", /not valid/],
    ["a revoked token", () => `Bearer ${tokens.revoked}`, /not valid/],
    // DynamoDB Local's TTL sweeper may already have deleted the expired item (expiresAt is the
    // TTL attribute): then it is an unknown token. The "has expired" detail, read while the item
    // still exists, is pinned with a fake clock in test/api/principal-cache.test.ts.
    ["an expired token", () => `Bearer ${tokens.expired}`, /expired|not valid/],
    ["a disabled principal's token", () => `Bearer ${tokens.disabled}`, /not valid/],
  ];

  for (const [label, header, detail] of unauthenticated) {
    it(`every operation with ${label} is a 401 problem with nothing else in it`, async () => {
      for (const op of operations) {
        const body = await expectRefusal(await call(op, header()), 401, `${op.method} ${op.path} with ${label}`);
        expect(body.detail, `${op.method} ${op.path}`).toMatch(detail);
      }
    });
  }

  it("every operation that needs a scope is a 403 problem for a token holding every other scope", async () => {
    let checked = 0;
    for (const op of operations.filter((o) => o.anyOf.length > 0)) {
      // Everything but the needed scopes, and never admin (which holds every scope).
      const others = scopes.filter((s) => s !== "admin" && !op.anyOf.includes(s));
      const token = await api.token(others);
      const label = `${op.method} ${op.path} without ${op.anyOf.join(" or ")}`;
      await expectRefusal(await call(op, `Bearer ${token}`), 403, label);
      checked++;
    }
    expect(checked).toBe(operations.length - 1);
  });

  it("the same tokens, given the declared scope, get past authorization (the matrix is not refusing everything)", async () => {
    for (const op of operations) {
      const token = await api.token(op.anyOf.length ? [op.anyOf[0]!] : ["specs:read"]);
      const res = await call(op, `Bearer ${token}`);
      expect([401, 403].includes(res.status) ? (await res.json()).code : "passed", `${op.method} ${op.path}`).not.toMatch(/^(UNAUTHENTICATED|FORBIDDEN)$/);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../helpers/app.js";

/** Every JSON route, fed what clients get wrong: each answer is a 4xx problem+json, never a 500. */
const routes: [string, string][] = [
  ["POST", "/v1/tokens"],
  ["PATCH", "/v1/specs/some-spec/versions/1"],
  ["POST", "/v1/deployments"],
  ["POST", "/v1/deployments?dryRun=true"],
  ["POST", "/v1/specs/some-spec/promote"],
  ["POST", "/v1/deployments/some-id/approvals"],
  ["POST", "/v1/deployments/some-id/abort"],
  ["POST", "/v1/deployments/some-id/rollback"],
  ["POST", "/v1/specs/some-spec/environments/dev/rollback"],
];

const bodies: [string, RequestInit][] = [
  ["no body", {}],
  ["malformed JSON", { body: "{", headers: { "content-type": "application/json" } }],
  ["a JSON array", { body: "[1,2]", headers: { "content-type": "application/json" } }],
  ["JSON null", { body: "null", headers: { "content-type": "application/json" } }],
  ["text/plain", { body: "hello", headers: { "content-type": "text/plain" } }],
  ["wrong types", { body: JSON.stringify({ specId: 7, version: "x", environment: [], decision: 1, state: {}, from: null, subject: 1, scopes: "admin", reason: 5 }), headers: { "content-type": "application/json" } }],
];

describe("bad input on every JSON route", () => {
  let api: TestApi;
  beforeAll(async () => (api = await createTestApi()));
  afterAll(async () => api.close());

  for (const [method, path] of routes) {
    for (const [label, init] of bodies) {
      it(`${method} ${path} with ${label}: a 4xx problem`, async () => {
        const res = await api.request(path, { method, ...init });
        expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
      });
    }
  }

  it("path and query parameters out of range are 400 naming the parameter", async () => {
    const cases = ["/v1/specs/Not_Kebab", "/v1/specs/a-spec/versions/0", "/v1/specs/a-spec/versions/abc", "/v1/specs/a-spec/diff?from=x", "/v1/specs?limit=0", "/v1/deployments?limit=1000"];
    for (const path of cases) {
      const res = await api.request(path);
      expect(res.status, path).toBe(400);
      const problem = await res.json();
      expect(problem.errors?.length, path).toBeGreaterThan(0);
    }
  });
});

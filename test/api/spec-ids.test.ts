import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../helpers/app.js";
import { loadOspecFixture } from "../helpers/fixtures.js";

/** The spec id is the registry key: kebab-case, 1-100 characters, never rewritten (DESIGN.md section 3). */
const doc = (id: string) => `ospec_version: "1.0.0"\nid: "${id}"\nname: Id rules\noutcome_type: api\n`;

describe("spec ids", () => {
  let api: TestApi;
  beforeAll(async () => (api = await createTestApi()));
  afterAll(async () => api.close());

  async function refused(yaml: string, path = "/v1/specs") {
    const res = await api.request(path, { method: "POST", yaml });
    const problem = await res.json();
    expect(res.status, JSON.stringify(problem).slice(0, 300)).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const idErrors = problem.errors.filter((e: { path: string }) => e.path === "id");
    expect(idErrors).toHaveLength(1);
    return idErrors[0].message as string;
  }

  it("an id of 2,000 characters is a 422 naming id, not a 500", async () => {
    for (const path of ["/v1/specs", "/v1/specs/validate"]) expect(await refused(doc("a".repeat(2_000)), path)).toContain("at most 100 characters");
  });

  it("ids of 101 to 1,020 characters do not register; 100 does, and every route reads it", async () => {
    for (const length of [101, 129, 500, 1_020]) await refused(doc(`x${"-y".repeat(length)}`.slice(0, length)));
    const longest = "a".repeat(100);
    const res = await api.request("/v1/specs", { method: "POST", yaml: doc(longest) });
    expect(res.status).toBe(201);
    for (const path of [`/v1/specs/${longest}`, `/v1/specs/${longest}/versions`, `/v1/specs/${longest}/versions/1`, `/v1/specs/${longest}/environments`]) {
      expect((await api.request(path)).status, path).toBe(200);
    }
    expect((await api.request("/v1/specs?limit=100")).status).toBe(200);
  });

  it("path parameters holding a longer id answer 400 naming specId, whatever the length", async () => {
    for (const length of [101, 129, 1_020, 2_000]) {
      const id = "a".repeat(length);
      for (const path of [`/v1/specs/${id}`, `/v1/specs/${id}/versions`, `/v1/specs/${id}/versions/1`, `/v1/specs/${id}/diff?from=1`]) {
        const res = await api.request(path);
        expect(res.status, `${length}: ${path}`).toBe(400);
        expect((await res.json()).errors.map((e: { path: string }) => e.path), path).toContain("specId");
      }
      const deploy = await api.request("/v1/deployments", { method: "POST", json: { specId: id, version: 1, environment: "dev" } });
      expect(deploy.status, `deploy ${length}`).toBeGreaterThanOrEqual(400);
      expect(deploy.status, `deploy ${length}`).toBeLessThan(500);
    }
  });

  it("`Bad_ID` is a 422 suggesting bad-id, in both modes, and nothing is stored under either name", async () => {
    for (const mode of ["", "?validation=strict"]) {
      expect(await refused(doc("Bad_ID"), `/v1/specs${mode}`)).toContain('"bad-id"');
      expect(await refused(doc("Bad_ID"), `/v1/specs/validate${mode}`)).toContain('"bad-id"');
    }
    expect((await api.request("/v1/specs/bad-id")).status).toBe(404);
  });

  it("`Orders_API` does not become a version of orders-api", async () => {
    expect((await api.request("/v1/specs", { method: "POST", yaml: doc("orders-api") })).status).toBe(201);
    const message = await refused(doc("Orders_API").replace("name: Id rules", "name: Another service"));
    expect(message).toContain('"orders-api"');
    const versions = await (await api.request("/v1/specs/orders-api/versions")).json();
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([1]);
  });

  it("a guide's template document ({{service-name}} ids) is a 422 saying it is a template", async () => {
    const message = await refused(loadOspecFixture("guides_writing-ospecs.yaml"));
    expect(message).toMatch(/template/);
    expect(message).toContain("{{service-name}}-service");
    expect(await refused(loadOspecFixture("guides_writing-ospecs-2.yaml"))).toMatch(/template/);
  });
});

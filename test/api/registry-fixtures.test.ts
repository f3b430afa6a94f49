import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createTestApi, type TestApi } from "../helpers/app.js";
import { loadOspecFixture, ospecFixtureNames } from "../helpers/fixtures.js";

/** Fixtures that parse as a map carrying the four fields lenient mode requires. */
function hasRequiredFields(text: string): boolean {
  try {
    const doc = parse(text);
    return ["ospec_version", "id", "name", "outcome_type"].every((k) => doc && typeof doc === "object" && k in doc);
  } catch {
    return false;
  }
}

describe("the real OSpec fixtures through POST /v1/specs (lenient)", () => {
  let api: TestApi;
  beforeAll(async () => (api = await createTestApi()));
  afterAll(async () => api.close());

  const names = ospecFixtureNames();
  const complete = names.filter((n) => hasRequiredFields(loadOspecFixture(n)));
  // The guides' template documents carry `{{service-name}}` ids: templates, not specs.
  const templates = complete.filter((n) => /^id: "?\{\{/m.test(loadOspecFixture(n)));
  const registrable = complete.filter((n) => !templates.includes(n));

  it("has fixtures to test", () => {
    expect(names.length).toBeGreaterThanOrEqual(15);
    expect(registrable.length).toBeGreaterThanOrEqual(10);
    expect(templates).toEqual(["guides_writing-ospecs-2.yaml", "guides_writing-ospecs.yaml"]);
  });

  it.each(templates)("%s is a template: 422 naming id, nothing stored", async (name) => {
    const res = await api.request("/v1/specs", { method: "POST", yaml: loadOspecFixture(name) });
    expect(res.status).toBe(422);
    const problem = await res.json();
    expect(problem.errors).toContainEqual(expect.objectContaining({ path: "id", message: expect.stringContaining("template") }));
  });

  it.each(registrable)("%s registers", async (name) => {
    const res = await api.request("/v1/specs", { method: "POST", yaml: loadOspecFixture(name) });
    expect([200, 201]).toContain(res.status);
    const body = await res.json();
    expect(body.version).toBeGreaterThanOrEqual(1);
  });

  it("the document without id and name gets 422 naming both", async () => {
    const res = await api.request("/v1/specs", { method: "POST", yaml: loadOspecFixture("examples_admin-dashboard.yaml") });
    expect(res.status).toBe(422);
    const paths = (await res.json()).errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["id", "name"]));
  });

  it("the document that is not valid YAML gets a 4xx naming the line and column", async () => {
    const res = await api.request("/v1/specs", { method: "POST", yaml: loadOspecFixture("examples_cli-tool.yaml") });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.code).toBe("SPEC_PARSE_ERROR");
    expect(problem.errors[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    expect(problem.errors[0].line).toBeGreaterThanOrEqual(23);
    expect(problem.detail).toMatch(/line \d+/);
  });
});

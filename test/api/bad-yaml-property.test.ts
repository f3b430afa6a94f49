import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../helpers/app.js";
import { badYamlCases, type BadYamlCase } from "../helpers/bad-yaml.js";

/**
 * A property over hostile YAML shapes (deep lists, wide lists, long scalars, many keys,
 * anchors and aliases, and mixtures of them, each under the 256 KiB body limit): whatever
 * the shape, validate and register answer 2xx or a 4xx problem+json, never a 5xx, and a
 * refused document stores nothing. The generator is seeded: a failure names the seed and
 * the case, and `ROLLGATE_FUZZ_SEED=<seed>` replays it.
 */
const seed = Number(process.env.ROLLGATE_FUZZ_SEED ?? 20261201);
const cases = badYamlCases(seed, Number(process.env.ROLLGATE_FUZZ_CASES ?? 36));

// Generous: the widest shapes take seconds each on a loaded 2-core machine (a behaviour check, no time bound).
describe(`hostile YAML shapes (seed ${seed})`, { timeout: 180_000 }, () => {
  let api: TestApi;
  beforeAll(async () => (api = await createTestApi()));
  afterAll(async () => api.close());

  const registered = new Set<string>();

  async function check(path: string, shape: BadYamlCase) {
    const res = await api.request(path, { method: "POST", yaml: shape.text });
    const body = await res.text();
    const label = `${shape.label} (seed ${seed}, ${shape.text.length} chars) -> ${res.status} ${body.slice(0, 300)}`;
    expect(res.status, label).toBeLessThan(500);
    if (res.status >= 400) {
      expect(res.headers.get("content-type"), label).toContain("application/problem+json");
      expect(JSON.parse(body).code, label).toEqual(expect.any(String));
    } else if (path === "/v1/specs") {
      registered.add(JSON.parse(body).specId);
    }
    return res.status;
  }

  it("the generator covers every shape and stays under the body limit", () => {
    const kinds = new Set(cases.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(["aliases", "deep", "long-scalar", "many-keys", "mixed", "wide"]);
    for (const shape of cases) expect(Buffer.byteLength(shape.text), shape.label).toBeLessThanOrEqual(256 * 1024);
  });

  it.each(cases.map((c) => [c.label, c] as const))("%s: never a 5xx", async (_label, shape) => {
    await check(`/v1/specs/validate${shape.strict ? "?validation=strict" : ""}`, shape);
    const status = await check(`/v1/specs${shape.strict ? "?validation=strict" : ""}`, shape);
    if (status >= 400 && shape.specId) {
      // Refused: nothing was stored under the id it carried (unless an accepted case did).
      const read = await api.request(`/v1/specs/${shape.specId}`);
      if (!registered.has(shape.specId)) expect(read.status, shape.label).toBeGreaterThanOrEqual(400);
    }
  });

  it("a registered wide document can be read back and diffed", async () => {
    const [first, second] = badYamlCases(seed + 1, 2, { kind: "wide", registrable: true });
    for (const shape of [first!, second!]) {
      const res = await api.request("/v1/specs", { method: "POST", yaml: shape.text.replace(/^id: .*$/m, "id: wide-diffed") });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
    }
    const diff = await api.request("/v1/specs/wide-diffed/diff?from=1&to=latest");
    expect(diff.status).toBeLessThan(500);
  });
});

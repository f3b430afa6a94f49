import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../helpers/app.js";

/**
 * Large spec bodies are parsed a few at a time (http/parse-limit.ts). With every slot and
 * queue place taken, a large validate or register is a 503 with Retry-After and a stable
 * code, while health, small documents and other routes are served as usual.
 */
describe("bounded parse work", () => {
  let api: TestApi;
  beforeAll(async () => (api = await createTestApi()));
  afterAll(async () => api.close());

  const small = 'ospec_version: "1.0.0"\nid: capacity\nname: Capacity\noutcome_type: api\n';
  const large = `${small}notes: "${"x".repeat(200 * 1024)}"\n`;

  it("a full queue answers 503 + Retry-After for large bodies only, and recovers", async () => {
    const limiter = api.runtime.services.parseLimiter!;
    const { concurrency, queue } = limiter.options;
    let release!: () => void;
    const occupied = new Promise<void>((resolve) => (release = resolve));
    const holders = Array.from({ length: concurrency + queue }, () => limiter.run(() => occupied));
    await new Promise((resolve) => setImmediate(resolve));
    expect([limiter.inFlight, limiter.queued]).toEqual([concurrency, queue]);

    for (const path of ["/v1/specs/validate", "/v1/specs"]) {
      const res = await api.request(path, { method: "POST", yaml: large });
      expect(res.status, path).toBe(503);
      expect(res.headers.get("retry-after")).toBe("1");
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect((await res.json()).code).toBe("PARSE_CAPACITY_EXCEEDED");
    }
    expect((await api.request("/health", { token: null })).status).toBe(200);
    expect((await api.request("/v1/specs/validate", { method: "POST", yaml: small })).status).toBe(200);
    expect((await api.request("/v1/specs", { method: "POST", yaml: small })).status).toBe(201);
    // Nothing of the refused registration was stored: the small one is version 1.
    expect((await (await api.request("/v1/specs/capacity/versions")).json()).items).toHaveLength(1);

    release();
    await Promise.all(holders);
    const res = await api.request("/v1/specs/validate", { method: "POST", yaml: large });
    expect(res.status).toBe(200);
  });
});

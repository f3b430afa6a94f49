import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { parse, stringify } from "yaml";
import { createTestApi, type TestApi } from "../helpers/app.js";
import { loadTestFixture } from "../helpers/fixtures.js";

const problemType = "application/problem+json";

/** A valid document for spec `id`, varied by `marker`. */
function doc(id: string, marker = "a", extra: Record<string, unknown> = {}) {
  return stringify({ ospec_version: "1.0.0", id, name: `Spec ${id}`, outcome_type: "web-app", description: marker, ...extra });
}

describe("spec registry over HTTP", () => {
  let api: TestApi;
  beforeAll(async () => (api = await createTestApi()));
  afterAll(async () => api.close());

  it("registers YAML as version 1, returns the same version for the same content sent as JSON, and 2 for new content", async () => {
    const yaml = loadTestFixture("canary-service.yaml");
    const first = await api.request("/v1/specs", { method: "POST", yaml });
    expect(first.status).toBe(201);
    const body = await first.json();
    expect(body).toMatchObject({ specId: "payments-api", version: 1, state: "active", createdBy: "admin" });
    expect(body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Array.isArray(body.warnings)).toBe(true);

    const asJson = await api.request("/v1/specs", { method: "POST", json: parse(yaml) });
    expect(asJson.status).toBe(200);
    expect(await asJson.json()).toMatchObject({ version: 1, contentHash: body.contentHash });

    const changed = parse(yaml);
    changed.description = "Takes card payments, now faster.";
    changed.deployment.strategy = "blue_green";
    const second = await api.request("/v1/specs", { method: "POST", json: changed });
    expect(second.status).toBe(201);
    expect((await second.json()).version).toBe(2);
  });

  it("lists versions newest first with opaque cursors, and refuses a tampered cursor", async () => {
    const page1 = await api.request("/v1/specs/payments-api/versions?limit=1");
    const p1 = await page1.json();
    expect(p1.items.map((v: { version: number }) => v.version)).toEqual([2]);
    expect(p1.nextCursor).toEqual(expect.any(String));
    const page2 = await (await api.request(`/v1/specs/payments-api/versions?limit=1&cursor=${encodeURIComponent(p1.nextCursor)}`)).json();
    expect(page2.items.map((v: { version: number }) => v.version)).toEqual([1]);

    const tampered = p1.nextCursor.replace(/^./, (ch: string) => (ch === "e" ? "f" : "e"));
    const bad = await api.request(`/v1/specs/payments-api/versions?limit=1&cursor=${encodeURIComponent(tampered)}`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain(problemType);
    expect((await bad.json()).code).toBe("INVALID_CURSOR");

    const tooMany = await api.request("/v1/specs/payments-api/versions?limit=101");
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).errors[0].path).toBe("limit");
  });

  it("returns a version as JSON, `latest`, and the raw text as submitted for Accept: application/yaml", async () => {
    const latest = await (await api.request("/v1/specs/payments-api/versions/latest")).json();
    expect(latest.version).toBe(2);
    expect(latest.document.deployment.strategy).toBe("blue_green");
    const raw = await api.request("/v1/specs/payments-api/versions/1", { headers: { accept: "application/yaml" } });
    expect(raw.headers.get("content-type")).toContain("application/yaml");
    expect(await raw.text()).toBe(loadTestFixture("canary-service.yaml"));
    const missing = await api.request("/v1/specs/payments-api/versions/99");
    expect(missing.status).toBe(404);
    expect((await missing.json()).code).toBe("SPEC_VERSION_NOT_FOUND");
  });

  it("diffs two versions as an RFC 6902 patch with the rollout-relevant changes", async () => {
    const res = await api.request("/v1/specs/payments-api/diff?from=1&to=2");
    expect(res.status).toBe(200);
    const diff = await res.json();
    expect(diff.patch).toEqual(
      expect.arrayContaining([
        { op: "replace", path: "/deployment/strategy", value: "blue_green" },
        expect.objectContaining({ op: "replace", path: "/description" }),
      ]),
    );
    expect(diff.rolloutChanges.map((c: { path: string }) => c.path)).toEqual(["deployment.strategy"]);
  });

  it("changes the lifecycle state, and names the field when the state is unknown", async () => {
    const res = await api.request("/v1/specs/payments-api/versions/1", { method: "PATCH", json: { state: "deprecated" } });
    expect(res.status).toBe(200);
    expect((await res.json()).state).toBe("deprecated");
    const bad = await api.request("/v1/specs/payments-api/versions/1", { method: "PATCH", json: { state: "retired" } });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].path).toBe("state");
  });

  it("summarises a spec and lists specs", async () => {
    const summary = await (await api.request("/v1/specs/payments-api")).json();
    expect(summary).toMatchObject({ specId: "payments-api", name: "Payments API", latestVersion: 2 });
    const list = await (await api.request("/v1/specs")).json();
    expect(list.items.map((s: { specId: string }) => s.specId)).toContain("payments-api");
    expect((await api.request("/v1/specs/no-such-spec")).status).toBe(404);
  });

  it("refuses a rollout field with a wrong value even in lenient mode, naming its path", async () => {
    const res = await api.request("/v1/specs", {
      method: "POST",
      yaml: doc("bad-rollout", "x", { deployment: { strategy: "blue-grean" } }),
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain(problemType);
    const problem = await res.json();
    expect(problem).toMatchObject({ status: 422, code: "SPEC_INVALID" });
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain("deployment.strategy");
  });

  it("refuses contradictory rollout settings (canary disabled, strategy canary) naming the field", async () => {
    const res = await api.request("/v1/specs", {
      method: "POST",
      yaml: doc("contradiction", "x", { deployment: { strategy: "canary", canary: { enabled: false } } }),
    });
    expect(res.status).toBe(422);
    expect((await res.json()).errors.map((e: { path: string }) => e.path)).toContain("deployment.canary.enabled");
  });

  it("validates without registering: 200 with warnings, 422 with errors", async () => {
    const ok = await api.request("/v1/specs/validate", { method: "POST", yaml: doc("dry-run", "x", { deployment: { stratgy: "canary" } }) });
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body.warnings.some((w: { path: string; message: string }) => w.path === "deployment.stratgy" && /strategy/.test(w.message))).toBe(true);
    expect((await api.request("/v1/specs/dry-run")).status).toBe(404);
    const bad = await api.request("/v1/specs/validate", { method: "POST", yaml: "ospec_version: 1.0.0\n" });
    expect(bad.status).toBe(422);
  });

  it("refuses an alias bomb and absurdly deep nesting with a 4xx (refused before expanding or building them)", async () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(", ")}]`)].join("\n");
    const deep = `ospec_version: "1.0.0"\nid: deep\nname: deep\noutcome_type: api\nx: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`;
    for (const yaml of [bomb, deep]) {
      const res = await api.request("/v1/specs", { method: "POST", yaml });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect((await res.json()).code).toBe("SPEC_TOO_COMPLEX");
    }
  });

  it("gives 413 for bodies over 256 KiB and 415 for unsupported media types", async () => {
    const big = doc("big-spec", "x".repeat(300 * 1024));
    const res = await api.request("/v1/specs", { method: "POST", yaml: big });
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe("BODY_TOO_LARGE");
    const xml = await api.request("/v1/specs", { method: "POST", body: "<spec/>", headers: { "content-type": "application/xml" } });
    expect(xml.status).toBe(415);
  });

  it("honours Idempotency-Key: same key and body replays, same key and another body is 422", async () => {
    const headers = { "idempotency-key": "ci-run-42" };
    const first = await api.request("/v1/specs", { method: "POST", yaml: doc("idem-spec", "one"), headers });
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    const replay = await api.request("/v1/specs", { method: "POST", yaml: doc("idem-spec", "one"), headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.json()).toEqual(firstBody);
    const other = await api.request("/v1/specs", { method: "POST", yaml: doc("idem-spec", "two"), headers });
    expect(other.status).toBe(422);
    expect((await other.json()).code).toBe("IDEMPOTENCY_KEY_REUSED");
    const versions = await (await api.request("/v1/specs/idem-spec/versions")).json();
    expect(versions.items).toHaveLength(1);
  });

  it("needs a valid token (401) and the right scope (403), as problem+json", async () => {
    const anonymous = await api.request("/v1/specs", { token: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toContain("Bearer");
    expect(anonymous.headers.get("content-type")).toContain(problemType);
    expect((await api.request("/v1/specs", { token: "rg_wrong" })).status).toBe(401);
    const reader = await api.token(["specs:read"]);
    expect((await api.request("/v1/specs", { token: reader })).status).toBe(200);
    const write = await api.request("/v1/specs", { method: "POST", yaml: doc("reader-spec"), token: reader });
    expect(write.status).toBe(403);
    expect((await write.json()).code).toBe("FORBIDDEN");
    expect((await api.request("/v1/tokens", { token: reader })).status).toBe(403);
  });

  it("issues tokens (secret shown once), lists them without secrets, and revokes them", async () => {
    const issued = await api.request("/v1/tokens", { method: "POST", json: { subject: "ci", scopes: ["specs:write", "deploy"] } });
    expect(issued.status).toBe(201);
    const token = await issued.json();
    expect(token.token).toMatch(/^rg_/);
    expect((await api.request("/v1/specs", { token: token.token })).status).toBe(403);
    expect((await api.request("/v1/specs", { method: "POST", yaml: doc("ci-spec"), token: token.token })).status).toBe(201);
    const list = await (await api.request("/v1/tokens")).json();
    const listed = list.items.find((t: { id: string }) => t.id === token.id);
    expect(listed).toMatchObject({ subject: "ci", scopes: ["specs:write", "deploy"] });
    expect(JSON.stringify(list)).not.toContain(token.token);
    expect((await api.request(`/v1/tokens/${token.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api.request("/v1/specs", { method: "POST", yaml: doc("ci-spec", "b"), token: token.token })).status).toBe(401);
    const badScope = await api.request("/v1/tokens", { method: "POST", json: { subject: "x", scopes: ["root"] } });
    expect(badScope.status).toBe(422);
    expect((await badScope.json()).errors[0].path).toMatch(/^scopes/);
  });

  it("refuses to issue a token that has already expired", async () => {
    const res = await api.request("/v1/tokens", { method: "POST", json: { subject: "late", scopes: ["specs:read"], expiresAt: "2020-01-01T00:00:00Z" } });
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0].path).toBe("expiresAt");
  });

  it("refuses an Idempotency-Key that cannot be stored, as a 400 naming the header", async () => {
    const res = await api.request("/v1/specs", { method: "POST", yaml: doc("idem-long"), headers: { "idempotency-key": "k".repeat(300) } });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].path).toBe("Idempotency-Key");
  });

  it("takes over an Idempotency-Key whose request died without an answer", async () => {
    const { createIdempotencyStore } = await import("@rollgate/core/idempotency");
    let now = Date.parse("2030-01-01T00:00:00Z");
    const store = createIdempotencyStore({ table: api.runtime.table, inProgressSeconds: 60, clock: () => new Date(now) });
    const answer = { status: 201, body: { version: 1 } };
    // What a request that reserved the key and died before answering leaves behind.
    await api.runtime.table.client.send(new PutItemCommand(store.claim("ci", "crashed-run", "body").reserve().Put!));
    await expect(store.claim("ci", "crashed-run", "body").run(async () => answer)).rejects.toMatchObject({ code: "IDEMPOTENCY_IN_PROGRESS" });
    now += 61_000;
    expect(await store.claim("ci", "crashed-run", "body").run(async () => answer)).toEqual({ response: answer, replayed: false });
    expect(await store.claim("ci", "crashed-run", "body").run(async () => ({ status: 500, body: {} }))).toEqual({ response: answer, replayed: true });
  });

  it("refuses an expired token", async () => {
    const issued = await api.runtime.services.tokens.issue(
      { subject: "old", scopes: ["specs:read"], expiresAt: new Date(Date.now() - 1000).toISOString() },
      "test",
    );
    const res = await api.request("/v1/specs", { token: issued.token });
    expect(res.status).toBe(401);
  });

  it("serves health, a request id, OpenAPI 3.1 and offline docs", async () => {
    const health = await api.request("/health", { token: null });
    expect(health.status).toBe(200);
    expect(health.headers.get("x-request-id")).toBeTruthy();
    const openapi = await (await api.request("/openapi.json", { token: null })).json();
    expect(openapi.openapi).toBe("3.1.0");
    for (const path of ["/v1/specs", "/v1/specs/{specId}/versions/{version}", "/v1/specs/{specId}/diff", "/v1/tokens", "/v1/deployments"]) {
      expect(openapi.paths[path], path).toBeDefined();
    }
    const docs = await api.request("/docs", { token: null });
    const page = await docs.text();
    expect(page).toContain("/docs/assets/swagger-ui-bundle.js");
    expect(page).not.toMatch(/https?:\/\//);
    const asset = await api.request("/docs/assets/swagger-ui-bundle.js", { token: null });
    expect(asset.status).toBe(200);
    expect((await asset.text()).length).toBeGreaterThan(100_000);
  });

  it("turns an unexpected failure into a plain 500 problem with the request id, logged, without a stack", async () => {
    const failure = vi.spyOn(api.runtime.services.registry, "listSpecs").mockRejectedValueOnce(new Error("disk on fire at /srv/secret"));
    const logged = vi.spyOn(api.runtime.logger, "error");
    const res = await api.request("/v1/specs");
    expect(res.status).toBe(500);
    const problem = await res.json();
    const requestId = res.headers.get("x-request-id");
    expect(problem).toMatchObject({ status: 500, code: "INTERNAL" });
    expect(problem.detail).toContain(requestId);
    expect(JSON.stringify(problem)).not.toMatch(/secret|at .*\.ts|stack/);
    expect(logged).toHaveBeenCalledWith("unhandled error", expect.objectContaining({ requestId }));
    failure.mockRestore();
    logged.mockRestore();
  });

  it("in Lambda, serves the docs assets the stack copies next to the bundle", async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const root = mkdtempSync(join(tmpdir(), "task-root-"));
    mkdirSync(join(root, "swagger-ui"));
    writeFileSync(join(root, "swagger-ui", "swagger-ui.css"), "/* copied by the stack */");
    const lambdaApi = await createTestApi();
    process.env.LAMBDA_TASK_ROOT = root;
    try {
      const css = await lambdaApi.request("/docs/assets/swagger-ui.css", { token: null });
      expect(await css.text()).toBe("/* copied by the stack */");
    } finally {
      delete process.env.LAMBDA_TASK_ROOT;
      await lambdaApi.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("answers unknown routes and malformed JSON with problem+json, never a 500", async () => {
    const nope = await api.request("/v1/nothing-here");
    expect(nope.status).toBe(404);
    expect(nope.headers.get("content-type")).toContain(problemType);
    const malformed = await api.request("/v1/tokens", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } });
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(malformed.status).toBeLessThan(500);
  });
});

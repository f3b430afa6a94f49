import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { createTestApi, type TestApi } from "../helpers/app.js";

/** DESIGN.md section 6, "HTTP conventions": what every route does the same way. */
describe("HTTP conventions", () => {
  let api: TestApi;
  const spec = (id: string, marker = "a") => stringify({ ospec_version: "1.0.0", id, name: `Spec ${id}`, outcome_type: "web-app", description: marker });

  beforeAll(async () => (api = await createTestApi()));
  afterAll(async () => api.close());

  it("every 201 carries a Location that names the created resource", async () => {
    const registered = await api.request("/v1/specs", { method: "POST", yaml: spec("conv-loc") });
    expect(registered.status).toBe(201);
    expect(registered.headers.get("location")).toBe("/v1/specs/conv-loc/versions/1");
    expect((await api.request(registered.headers.get("location")!)).status).toBe(200);

    const token = await api.request("/v1/tokens", { method: "POST", json: { subject: "conv-bot", scopes: ["specs:read"] } });
    expect(token.status).toBe(201);
    expect(token.headers.get("location")).toBe(`/v1/tokens/${(await token.json()).id}`);

    const principal = await api.request("/v1/principals/conv-person", { method: "PUT", json: { roles: ["tech-lead"] } });
    expect(principal.status).toBe(201);
    expect(principal.headers.get("location")).toBe("/v1/principals/conv-person");

    const webhook = await api.request("/v1/webhooks", { method: "POST", json: { url: "https://hooks.example.com/rollgate", events: ["deployment.succeeded"] } });
    expect(webhook.status, await webhook.clone().text()).toBe(201);
    expect(webhook.headers.get("location")).toBe(`/v1/webhooks/${(await webhook.json()).id}`);
  });

  it("an Idempotency-Key replay says so, and a replayed creation keeps its Location", async () => {
    const headers = { "idempotency-key": "conv-replay-1" };
    const first = await api.request("/v1/specs", { method: "POST", yaml: spec("conv-idem"), headers });
    const again = await api.request("/v1/specs", { method: "POST", yaml: spec("conv-idem"), headers });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
  });

  it("a known path with a method it does not serve is 405 with Allow; an unknown path stays 404", async () => {
    const wrong = await api.request("/v1/specs/conv-loc/versions/1", { method: "DELETE" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("content-type")).toContain("application/problem+json");
    expect(wrong.headers.get("allow")).toBe("GET, HEAD, PATCH");
    expect(await wrong.json()).toMatchObject({ status: 405, code: "METHOD_NOT_ALLOWED" });
    expect((await api.request("/health", { method: "POST", token: null })).headers.get("allow")).toBe("GET, HEAD");
    expect((await api.request("/v1/tokens", { method: "PATCH" })).headers.get("allow")).toBe("GET, HEAD, POST");
    // Without a credential, /v1 answers 401 before saying anything about its paths.
    expect((await api.request("/v1/tokens", { method: "PATCH", token: null })).status).toBe(401);
    expect((await api.request("/v1/no-such-thing", { method: "DELETE" })).status).toBe(404);
    expect((await api.request("/v1/specs/conv-loc/versions/1/", { method: "DELETE" })).status).toBe(404);
  });

  it("PATCH honours If-Match: 412 when the ETag is stale, the change when it is current; the response carries the new ETag", async () => {
    const path = "/v1/specs/conv-loc/versions/1";
    const etag = (await api.request(path)).headers.get("etag")!;
    expect(etag).toMatch(/^"/);

    const changed = await api.request(path, { method: "PATCH", json: { state: "deprecated" }, headers: { "if-match": etag } });
    expect(changed.status).toBe(200);
    const newEtag = changed.headers.get("etag");
    expect(newEtag).not.toBe(etag);
    expect((await api.request(path)).headers.get("etag")).toBe(newEtag);

    const stale = await api.request(path, { method: "PATCH", json: { state: "active" }, headers: { "if-match": etag } });
    expect(stale.status).toBe(412);
    expect(await stale.json()).toMatchObject({ code: "PRECONDITION_FAILED", currentETag: newEtag });
    expect((await (await api.request(path)).json()).state).toBe("deprecated");

    // The weak form never matches (strong comparison); `*` always does; no If-Match: no check.
    expect((await api.request(path, { method: "PATCH", json: { state: "active" }, headers: { "if-match": `W/${newEtag}` } })).status).toBe(412);
    expect((await api.request(path, { method: "PATCH", json: { state: "active" }, headers: { "if-match": "*" } })).status).toBe(200);
    expect((await api.request(path, { method: "PATCH", json: { state: "active" } })).status).toBe(200);
  });

  it("a body that breaks the schema is 422 on every route, abort and rollback included; unreadable JSON is 400; another media type 415", async () => {
    const routes = ["/v1/deployments/some-id/abort", "/v1/deployments/some-id/rollback", "/v1/specs/conv-loc/environments/dev/rollback", "/v1/deployments/some-id/approvals"];
    for (const path of routes) {
      const wrongType = await api.request(path, { method: "POST", json: { reason: 5 } });
      expect(wrongType.status, path).toBe(422);
      const problem = await wrongType.json();
      expect(problem.code, path).toBe("REQUEST_INVALID");
      expect(problem.errors.length, path).toBeGreaterThan(0);
      expect((await api.request(path, { method: "POST", body: "{", headers: { "content-type": "application/json" } })).status, path).toBe(400);
      const text = await api.request(path, { method: "POST", body: "reason", headers: { "content-type": "text/plain" } });
      expect(text.status, path).toBe(415);
      expect((await text.json()).code, path).toBe("UNSUPPORTED_MEDIA_TYPE");
    }
    const unknownField = await api.request("/v1/deployments/some-id/abort", { method: "POST", json: { reason: "x", force: true } });
    expect(unknownField.status).toBe(422);
  });

  it("declares the Idempotency-Key header and the shared error responses in the document", async () => {
    const doc = await (await api.request("/openapi.json", { token: null })).json();
    const register = doc.paths["/v1/specs"].post;
    expect(register.parameters.map((p: { name: string }) => p.name)).toContain("Idempotency-Key");
    expect(register.responses["201"].headers).toHaveProperty("Location");
    expect(register.responses["201"].headers).toHaveProperty("Idempotent-Replayed");
    expect(register.responses["503"].headers).toHaveProperty("Retry-After");
    expect(register.responses["401"].headers).toHaveProperty("WWW-Authenticate");
    // Each problem response names the codes it can carry: the route's own and the middleware's.
    const codes = (status: string) => register.responses[status].content["application/problem+json"].schema.allOf[1].properties.code.enum;
    expect(codes("503")).toEqual(["PARSE_CAPACITY_EXCEEDED", "STORAGE_UNAVAILABLE", "WRITE_CONTENTION"]);
    expect(codes("401")).toEqual(["UNAUTHENTICATED"]);
    expect(codes("422")).toEqual(expect.arrayContaining(["IDEMPOTENCY_KEY_REUSED", "SPEC_INVALID"]));
    expect(codes("422")).not.toContain("REQUEST_INVALID");
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { operationId?: string; tags?: string[]; responses: Record<string, unknown> }>>)) {
      for (const [method, op] of Object.entries(item)) {
        expect(op.operationId, `${method} ${path}`).toBeTruthy();
        expect(op.tags?.length, `${method} ${path}`).toBe(1);
        expect(op.responses, `${method} ${path}`).toHaveProperty("500");
      }
    }
  });
});

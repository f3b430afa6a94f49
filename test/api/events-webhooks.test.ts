import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readPlatformEvents } from "@rollgate/core/events";
import { createTestApi, type TestApi } from "../helpers/app.js";
import { loadTestFixture } from "../helpers/fixtures.js";

describe("events and webhooks over HTTP", () => {
  let api: TestApi;
  let reader: string;
  const base = parse(loadTestFixture("canary-service.yaml"));

  beforeAll(async () => {
    api = await createTestApi();
    reader = await api.token(["specs:read"]);
  });
  afterAll(async () => api.close());

  it("GET /v1/deployments/{id}/events pages the deployment's events after a sequence number, oldest first", async () => {
    expect((await api.request("/v1/specs", { method: "POST", json: base })).status).toBe(201);
    const started = await (await api.request("/v1/deployments", { method: "POST", json: { specId: "payments-api", version: 1, environment: "dev" } })).json();
    await api.waitForDeployment(started.id);

    const all = await (await api.request(`/v1/deployments/${started.id}/events`, { token: reader })).json();
    expect(all.items[0]).toMatchObject({ seq: 1, type: "deployment.created", deploymentId: started.id, specId: "payments-api", environment: "dev" });
    expect(all.items.at(-1).type).toBe("deployment.succeeded");
    expect(all.items.map((e: { seq: number }) => e.seq)).toEqual(all.items.map((_: unknown, i: number) => i + 1));
    expect(all).toMatchObject({ nextSeq: all.items.length, hasMore: false });

    const first = await (await api.request(`/v1/deployments/${started.id}/events?after=0&limit=2`, { token: reader })).json();
    expect(first).toMatchObject({ nextSeq: 2, hasMore: true });
    const next = await (await api.request(`/v1/deployments/${started.id}/events?after=${first.nextSeq}&limit=2`, { token: reader })).json();
    expect(next.items.map((e: { seq: number }) => e.seq)).toEqual([3, 4]);
    const caughtUp = await (await api.request(`/v1/deployments/${started.id}/events?after=${all.nextSeq}`, { token: reader })).json();
    expect(caughtUp).toEqual({ items: [], nextSeq: all.nextSeq, hasMore: false });

    const unknown = await api.request("/v1/deployments/no-such-deployment/events", { token: reader });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).code).toBe("DEPLOYMENT_NOT_FOUND");
    const bad = await api.request(`/v1/deployments/${started.id}/events?after=-1`, { token: reader });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].path).toBe("after");
    expect((await api.request(`/v1/deployments/${started.id}/events`, { token: await api.token(["deploy"]) })).status).toBe(403);
  });

  it("registering a version and changing its state write spec events in the same transaction (the spec's outbox stream)", async () => {
    expect((await api.request("/v1/specs/payments-api/versions/1", { method: "PATCH", json: { state: "deprecated" } })).status).toBe(200);
    const events = await readPlatformEvents(api.runtime.table, "spec:payments-api");
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ["spec.version_registered", expect.objectContaining({ specId: "payments-api", version: 1, state: "active" })],
      ["spec.version_state_changed", { specId: "payments-api", version: 1, from: "active", to: "deprecated" }],
    ]);
    expect(events[1]).toMatchObject({ actor: "admin", stream: "spec:payments-api" });
  });

  it("the OpenAPI document exports the event catalog as the Event component", async () => {
    const doc = await (await api.request("/openapi.json", { token: null })).json();
    const variants = doc.components.schemas.Event.oneOf ?? doc.components.schemas.Event.anyOf;
    const types = variants.map((v: { properties: { type: { const?: string; enum?: string[] } } }) => v.properties.type.const ?? v.properties.type.enum?.[0]);
    for (const type of ["spec.version_registered", "spec.version_state_changed", "deployment.started", "deployment.approval_requested", "deployment.approval_decided", "deployment.succeeded", "deployment.rolled_back", "deployment.aborted", "deployment.rollback_failed", "policy.changed"]) {
      expect(types).toContain(type);
    }
  });

  it("POST /v1/webhooks: 201 with the secret once; listing never shows it; bad input is a 422 naming the field", async () => {
    const created = await api.request("/v1/webhooks", { method: "POST", json: { url: "http://127.0.0.1:9/hook", events: ["deployment.*", "policy.changed"], allowPrivateNetwork: true } });
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({ url: "http://127.0.0.1:9/hook", events: ["deployment.*", "policy.changed"], status: "active" });
    expect(body.secret).toMatch(/^whsec_/);
    expect(created.headers.get("location")).toBe(`/v1/webhooks/${body.id}`);

    const listed = await (await api.request("/v1/webhooks")).json();
    expect(listed.items.map((w: { id: string }) => w.id)).toContain(body.id);
    expect(JSON.stringify(listed)).not.toContain(body.secret);
    expect(await (await api.request(`/v1/webhooks/${body.id}/deliveries`)).json()).toEqual({ items: [], nextCursor: null });

    const privateUrl = await api.request("/v1/webhooks", { method: "POST", json: { url: "http://10.0.0.5/hook", events: ["*"] } });
    expect(privateUrl.status).toBe(422);
    expect((await privateUrl.json()).errors).toEqual([expect.objectContaining({ path: "url", message: expect.stringContaining("allowPrivateNetwork") })]);
    const metadata = await api.request("/v1/webhooks", { method: "POST", json: { url: "http://169.254.169.254/latest", events: ["*"], allowPrivateNetwork: true } });
    expect((await metadata.json()).errors[0]).toMatchObject({ path: "url", message: expect.stringContaining("always refused") });
    const unknownType = await api.request("/v1/webhooks", { method: "POST", json: { url: "https://hooks.example.com/x", events: ["deploy.*"] } });
    expect(unknownType.status).toBe(422);
    expect((await unknownType.json()).errors[0].path).toBe("events[0]");

    expect((await api.request("/v1/webhooks", { token: reader })).status).toBe(403);
    expect((await api.request(`/v1/webhooks/${body.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api.request(`/v1/webhooks/${body.id}/deliveries`)).status).toBe(404);
    expect((await api.request(`/v1/webhooks/${body.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await api.request(`/v1/webhooks/${body.id}/deliveries/bm9wZQ/retry`, { method: "POST" })).status).toBe(404);
  });
});

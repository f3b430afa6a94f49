import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createDynamoClient } from "@rollgate/core/store";
import { createLogger } from "../../packages/functions/src/logger.js";
import { createRuntime, localOrchestration, type Runtime } from "../../packages/functions/src/wiring.js";
import { exchanges, useDocumentOf } from "../helpers/contract.js";
import { startStorageProxy, type StorageProxy } from "../helpers/storage-proxy.js";
import { createTestTable } from "../helpers/table.js";

/**
 * The database stops answering (a proxy in front of DynamoDB Local refuses connections):
 * every route that needs it answers 503 + Retry-After with code STORAGE_UNAVAILABLE, the
 * auth middleware included, and /health says so; once it is back, all is as before.
 */
let proxy: StorageProxy;
let runtime: Runtime;
let table: Awaited<ReturnType<typeof createTestTable>>;
const adminToken = "rg_storage_outage_admin_token_01";

beforeAll(async () => {
  table = await createTestTable();
  proxy = await startStorageProxy(inject("dynamoEndpoint"));
  runtime = createRuntime(
    { tableName: table.tableName, cursorSecret: "test-secret" },
    await localOrchestration({ waitScale: 0 }),
    { table: { client: createDynamoClient({ endpoint: proxy.endpoint }), tableName: table.tableName }, logger: createLogger("storage-test") },
  );
  await runtime.services.tokens.ensure(adminToken, { subject: "admin", scopes: ["admin"] }, "test");
  // The 503s and the recovery are checked against the document too (test/helpers/contract-setup.ts).
  useDocumentOf(async () => (await (await runtime.app.request("/openapi.json")).json()) as Record<string, unknown>);
});
afterAll(async () => {
  await proxy.close();
  await table.drop();
});

async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const response = await runtime.app.request(path, { ...init, headers: { authorization: `Bearer ${init.token ?? adminToken}`, ...init.headers } });
  exchanges.push({ method: init.method ?? "GET", url: path, status: response.status, headers: Object.fromEntries(response.headers), body: await response.clone().text() });
  return response;
}

async function healthUntil(status: number) {
  for (;;) {
    const response = await runtime.app.request("/health");
    if (response.status === status) return response;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("storage unavailable", () => {
  it("/health reports the database: 200 with checks.storage while it answers", async () => {
    const response = await healthUntil(200);
    const body = (await response.json()) as { checks: { storage: { latencyMs?: unknown } } };
    expect(body).toMatchObject({ status: "ok", checks: { storage: { status: "ok" } } });
    expect(body.checks.storage.latencyMs).toBeTypeOf("number");
  });

  it("while it is down: 503 + Retry-After + STORAGE_UNAVAILABLE on reads, writes, auth and /health; nothing internal leaks", async () => {
    // A token the server has not seen yet, so that auth must ask the database.
    const unseen = (await runtime.services.tokens.issue({ subject: "ci", scopes: ["specs:read", "specs:write"] }, "test")).token;
    await proxy.down();
    try {
      const responses = [
        await call("/v1/specs"),
        await call("/v1/specs", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ospec_version: "1.0.0", id: "outage-spec", name: "x", outcome_type: "api" }) }),
        await call("/v1/specs", { token: unseen }),
        await call("/v1/deployments", { token: "rg_never_issued_token_00000000000" }),
      ];
      for (const response of responses) {
        expect(response.status).toBe(503);
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(response.headers.get("content-type")).toContain("application/problem+json");
        const text = await response.text();
        expect(JSON.parse(text)).toMatchObject({ status: 503, code: "STORAGE_UNAVAILABLE" });
        expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|:\d{4,5}\b|stack/i);
      }

      const health = await healthUntil(503);
      expect(Number(health.headers.get("retry-after"))).toBeGreaterThan(0);
      const text = await health.text();
      expect(JSON.parse(text)).toMatchObject({ status: "unavailable", checks: { storage: { status: "unavailable" } } });
      expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|localhost|endpoint/i);
    } finally {
      await proxy.up();
    }
  });

  it("once it is back, the same calls succeed without a restart", async () => {
    await healthUntil(200);
    const created = await call("/v1/specs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ospec_version: "1.0.0", id: "after-outage", name: "x", outcome_type: "api" }),
    });
    expect(created.status).toBe(201);
    expect((await call("/v1/specs/after-outage")).status).toBe(200);
  });
});

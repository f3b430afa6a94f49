import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth } from "@rollgate/core/auth";
import { createCursorCodec } from "@rollgate/core/store";
import { createTestApi, type TestApi } from "../helpers/app.js";

// Authentication reads the principal from memory for a short bound (no storage read per
// request); a change made in this process must still count on the very next request.
describe("the principal behind a token, as authentication sees it", () => {
  let api: TestApi;
  beforeAll(async () => (api = await createTestApi()));
  afterAll(async () => api.close());

  it("a role change and a disable in this process count on the next request", async () => {
    const token = await api.token(["specs:read"], { subject: "cached-carol", roles: ["dev"] });
    const directory = api.runtime.services.principals.directory; // what authentication reads
    expect((await api.request("/v1/specs", { token })).status).toBe(200);
    expect((await directory.get("cached-carol"))?.roles).toEqual(["dev"]);
    const put = await api.request("/v1/principals/cached-carol", { method: "PUT", json: { roles: ["dev", "sre"] } });
    expect(put.status).toBe(200);
    expect((await directory.get("cached-carol"))?.roles).toEqual(["dev", "sre"]);
    expect((await api.request("/v1/principals/cached-carol", { method: "DELETE" })).status).toBe(200);
    expect((await directory.get("cached-carol"))?.disabled).toBe(true);
    expect((await api.request("/v1/specs", { token })).status).toBe(401);
  });

  it("another process acts on a disable within its bound, and reads storage after it", async () => {
    const token = await api.token(["specs:read"], { subject: "cached-dave" });
    let now = 0;
    // One fake clock for both caches (principals and verified tokens): the token cache's 1 s
    // on the real clock ran out on a loaded machine between two steps and made this flaky.
    const other = createAuth({ table: api.runtime.table, cursors: createCursorCodec("test-secret"), principalMaxAgeMs: 1000, now: () => now, clock: () => new Date(now) });
    expect((await other.credentials.resolve({ kind: "bearer", token })).subject).toBe("cached-dave");
    expect((await api.request("/v1/principals/cached-dave", { method: "DELETE" })).status).toBe(200);
    now = 999;
    // Still within the bound there (its token cache still holds the token too).
    expect((await other.credentials.resolve({ kind: "bearer", token })).subject).toBe("cached-dave");
    now = 1000;
    await expect(other.credentials.resolve({ kind: "bearer", token })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("says a token has expired by the service's clock while its item still exists (TTL deletion is lazy)", async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const issued = await api.runtime.services.tokens.issue({ subject: "soon-old", scopes: ["specs:read"], expiresAt }, "test");
    const later = createAuth({ table: api.runtime.table, cursors: createCursorCodec("test-secret"), clock: () => new Date(Date.parse(expiresAt) + 1_000) });
    await expect(later.credentials.resolve({ kind: "bearer", token: issued.token })).rejects.toMatchObject({ code: "UNAUTHENTICATED", message: "The bearer token has expired." });
    const before = createAuth({ table: api.runtime.table, cursors: createCursorCodec("test-secret"), clock: () => new Date(Date.parse(expiresAt) - 1_000) });
    expect((await before.credentials.resolve({ kind: "bearer", token: issued.token })).subject).toBe("soon-old");
  });
});

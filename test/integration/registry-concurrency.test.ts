import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { createTestApi, type TestApi } from "../helpers/app.js";

const doc = (id: string, marker: string) =>
  stringify({ ospec_version: "1.0.0", id, name: "Concurrent", outcome_type: "web-app", description: marker });

describe("registry under concurrent writers (DynamoDB Local)", () => {
  let api: TestApi;
  beforeAll(async () => (api = await createTestApi()));
  afterAll(async () => api.close());

  it("50 concurrent registrations of distinct documents for one spec get versions 1..50, all 201", async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => api.request("/v1/specs", { method: "POST", yaml: doc("busy-spec", `doc-${i}`) })),
    );
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(bodies.map((b) => b.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // Every version holds the document it was registered with: none overwritten, none lost.
    const markers = new Set<string>();
    for (let v = 1; v <= 50; v++) {
      const version = await (await api.request(`/v1/specs/busy-spec/versions/${v}`)).json();
      markers.add(version.document.description);
    }
    expect(markers.size).toBe(50);
    const summary = await (await api.request("/v1/specs/busy-spec")).json();
    expect(summary.latestVersion).toBe(50);
  });

  it("20 concurrent registrations of the same document give exactly one version (one 201, the rest 200)", async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => api.request("/v1/specs", { method: "POST", yaml: doc("same-spec", "identical") })),
    );
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(19);
    expect(new Set(bodies.map((b) => b.version))).toEqual(new Set([1]));
    const versions = await (await api.request("/v1/specs/same-spec/versions")).json();
    expect(versions.items).toHaveLength(1);
  });
});

describe("registry writers in separate processes (two repositories, one table)", () => {
  it("40 concurrent registrations split across two writers get versions 1..40 with no gap or duplicate", async () => {
    const { createTestTable } = await import("../helpers/table.js");
    const { createRegistry, createSpecRepository } = await import("@rollgate/core/registry");
    const { createCursorCodec } = await import("@rollgate/core/store");
    const table = await createTestTable();
    const cursors = createCursorCodec("s");
    // Each registry has its own in-process queue and version hint, as two Lambda containers would.
    const writers = [0, 1].map(() => createRegistry({ repository: createSpecRepository({ table, cursors }) }));
    const principal = { tokenId: "t", subject: "ci", scopes: ["specs:write" as const], roles: [] };
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => writers[i % 2]!.register(doc("two-writers", `doc-${i}`), { format: "yaml", principal })),
    );
    expect(results.every((r) => r.created)).toBe(true);
    expect(results.map((r) => r.version.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    await table.drop();
  });
});

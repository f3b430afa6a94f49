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

describe("If-Match on a lifecycle change is part of the conditional write", () => {
  it("of two changes based on the same read, the one that loses the race is refused with the current ETag (no lost update)", async () => {
    const { createTestTable } = await import("../helpers/table.js");
    const { createRegistry, createSpecRepository, SpecVersionChangedError, versionEtag } = await import("@rollgate/core/registry");
    const { createCursorCodec } = await import("@rollgate/core/store");
    const { TransactWriteItemsCommand } = await import("@aws-sdk/client-dynamodb");
    const table = await createTestTable();
    const cursors = createCursorCodec("s");
    const principal = { tokenId: "t", subject: "ci", scopes: ["specs:write" as const], roles: [] };
    const plain = createRegistry({ repository: createSpecRepository({ table, cursors }) });
    const { version } = await plain.register(doc("if-match-race", "one"), { format: "yaml", principal });
    const readEtag = versionEtag(version, false);

    // Writer A has read the version and checked If-Match; before its write lands, writer B
    // (another container, same ETag) changes the state. A's write must then see B's change.
    let interleaved = false;
    const racing = {
      ...table,
      client: {
        send: async (command: unknown) => {
          if (command instanceof TransactWriteItemsCommand && !interleaved) {
            interleaved = true;
            await plain.setState("if-match-race", 1, "disabled", principal, (etag) => etag === readEtag);
          }
          return table.client.send(command as never);
        },
      },
    } as unknown as typeof table;
    const writerA = createRegistry({ repository: createSpecRepository({ table: racing, cursors }) });
    const refused = await writerA.setState("if-match-race", 1, "deprecated", principal, (etag) => etag === readEtag).catch((error: unknown) => error);
    expect(interleaved).toBe(true);
    expect(refused).toBeInstanceOf(SpecVersionChangedError);
    const now = await plain.readVersion("if-match-race", 1, "canonical");
    expect(now.state).toBe("disabled");
    expect((refused as InstanceType<typeof SpecVersionChangedError>).context.currentETag).toBe(versionEtag(now, false));
    await table.drop();
  });
});

import { describe, expect, it } from "vitest";
import { createVersionReadCache } from "@rollgate/core/registry";

const text = (version: number, body: string) => ({
  specId: "s",
  version,
  contentHash: `h${version}`,
  format: "yaml" as const,
  createdAt: "2026-01-01T00:00:00.000Z",
  createdBy: "ci",
  warnings: [],
  text: body,
});

describe("version read cache", () => {
  it("evicts the least recently used text beyond its entry bound", () => {
    const cache = createVersionReadCache({ maxEntries: 2 });
    cache.putText("s", 1, "raw", text(1, "one"));
    cache.putText("s", 2, "raw", text(2, "two"));
    expect(cache.getText("s", 1, "raw")?.text).toBe("one"); // 1 is now the most recently used
    cache.putText("s", 3, "raw", text(3, "three"));
    expect(cache.getText("s", 2, "raw")).toBeUndefined();
    expect(cache.getText("s", 1, "raw")?.text).toBe("one");
    expect(cache.getText("s", 3, "raw")?.text).toBe("three");
    expect(cache.stats).toMatchObject({ entries: 2, evictions: 1 });
  });

  it("evicts by bytes, and never keeps a text larger than the whole budget", () => {
    const cache = createVersionReadCache({ maxBytes: 200 }); // UTF-16: 100 characters
    cache.putText("s", 1, "canonical", text(1, "a".repeat(60)));
    cache.putText("s", 2, "canonical", text(2, "b".repeat(60)));
    expect(cache.getText("s", 1, "canonical")).toBeUndefined();
    expect(cache.getText("s", 2, "canonical")?.text).toHaveLength(60);
    cache.putText("s", 3, "canonical", text(3, "c".repeat(101)));
    expect(cache.getText("s", 3, "canonical")).toBeUndefined();
    expect(cache.stats.bytes).toBeLessThanOrEqual(200);
  });

  it("keys texts by representation", () => {
    const cache = createVersionReadCache();
    cache.putText("s", 1, "raw", text(1, "id: s"));
    expect(cache.getText("s", 1, "canonical")).toBeUndefined();
    expect(cache.getText("s", 1, "raw")?.text).toBe("id: s");
  });

  it("trusts a cached state for stateMaxAgeMs only", () => {
    let now = 0;
    const cache = createVersionReadCache({ stateMaxAgeMs: 1000, now: () => now });
    cache.putState("s", 1, { state: "active" }, cache.generation("s", 1));
    now = 999;
    expect(cache.getState("s", 1)).toEqual({ state: "active" });
    now = 1000;
    expect(cache.getState("s", 1)).toBeUndefined();
  });

  it("a state change made here wins over a storage read that started before it", () => {
    const cache = createVersionReadCache();
    const before = cache.generation("s", 1);
    cache.changedState("s", 1, { state: "disabled", updatedAt: "2026-01-02T00:00:00.000Z", updatedBy: "ops" });
    cache.putState("s", 1, { state: "active" }, before); // the slow read lands late
    expect(cache.getState("s", 1)?.state).toBe("disabled");
  });
});

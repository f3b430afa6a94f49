import { describe, expect, it } from "vitest";
import type { StoredDelivery } from "@rollgate/core/webhooks";
import { createDueMemory } from "../../packages/core/src/webhooks/due-memory.js";
import { createLane, type LaneResult } from "../../packages/core/src/webhooks/lanes.js";

/**
 * The per-channel lanes over an in-memory due partition: how many attempts run at once, that
 * a slot is refilled as soon as an attempt ends (no waiting for a round), that one lane's
 * hanging attempts hold nothing of another's, and how the store's memory of its own writes
 * reads around a lagging index.
 */
function delivery(channel: string, n: number, nextAttemptAt = "2026-01-01T00:00:00.000Z"): StoredDelivery {
  const eventAt = new Date(Date.UTC(2026, 0, 1, 0, 0, 0, n)).toISOString();
  return {
    id: `${channel}-${n}`,
    webhookId: channel,
    eventId: `e${n}`,
    eventType: "deployment.succeeded",
    eventAt,
    body: "{}",
    status: "pending",
    attempts: 0,
    nextAttemptAt,
    lastAttemptAt: null,
    lastStatus: null,
    lastError: null,
    createdAt: eventAt,
    deliveredAt: null,
  };
}

/** A due partition per channel; an attempt is a promise the test settles. */
function harness(options: { concurrency?: number; batchSize?: number } = {}) {
  const partitions = new Map<string, StoredDelivery[]>();
  const queries: string[] = [];
  const running = new Map<string, { release(delivered: boolean): void; channel: string }>();
  let maxInFlight = 0;
  const store = {
    async due(channel: string, upTo: string, limit: number) {
      queries.push(channel);
      return (partitions.get(channel) ?? []).filter((d) => d.nextAttemptAt! <= upTo).slice(0, limit);
    },
  };
  const lane = (channel: string) =>
    createLane(channel, {
      store,
      settings: { concurrency: options.concurrency ?? 3, batchSize: options.batchSize ?? 25 },
      onError: () => undefined,
      deliver: (candidate) =>
        new Promise<LaneResult>((resolve) => {
          // Claimed: out of the partition, as the store's claim moves it to its lease.
          partitions.set(channel, partitions.get(channel)!.filter((d) => d.eventId !== candidate.eventId));
          running.set(`${channel}:${candidate.eventId}`, { channel, release: (delivered) => resolve({ claimed: true, delivered }) });
          maxInFlight = Math.max(maxInFlight, [...running.values()].filter((r) => r.channel === channel).length);
        }).finally(() => running.delete(`${channel}:${candidate.eventId}`)),
    });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    partitions,
    queries,
    running,
    lane,
    settle,
    inFlight: (channel: string) => [...running.values()].filter((r) => r.channel === channel).length,
    maxInFlight: () => maxInFlight,
    fill: (channel: string, n: number) => partitions.set(channel, Array.from({ length: n }, (_, i) => delivery(channel, i))),
  };
}

const cutoff = "2026-01-01T00:00:01.000Z";

describe("delivery lanes", () => {
  it("runs at most `concurrency` attempts of a channel at once and refills a slot as soon as an attempt ends", async () => {
    const h = harness({ concurrency: 3 });
    h.fill("a", 7);
    const lane = h.lane("a");
    const round = lane.work(cutoff);
    await h.settle();
    expect(h.inFlight("a")).toBe(3);

    // One attempt ends while the other two still hang: the next starts at once.
    h.running.get("a:e0")!.release(true);
    await h.settle();
    expect(h.inFlight("a")).toBe(3);
    expect(h.running.has("a:e3")).toBe(true);

    while (h.running.size > 0) {
      for (const r of [...h.running.values()]) r.release(true);
      await h.settle();
    }
    const attempts = await Promise.all(await round);
    expect(attempts).toHaveLength(7);
    expect(h.maxInFlight()).toBe(3);
    await lane.idle();
  });

  it("a lane whose attempts hang holds nothing of another lane: the other's round ends on its own", async () => {
    const h = harness({ concurrency: 2 });
    h.fill("hang", 5);
    h.fill("ok", 5);
    const hanging = h.lane("hang");
    const healthy = h.lane("ok");
    const hangRound = hanging.work(cutoff);
    const okRound = healthy.work(cutoff);
    let okDone = false;
    const okAttempts = okRound.then((attempts) => Promise.all(attempts)).then((r) => ((okDone = true), r));
    for (let i = 0; i < 10 && !okDone; i++) {
      for (const r of [...h.running.values()].filter((x) => x.channel === "ok")) r.release(true);
      await h.settle();
    }
    expect(okDone).toBe(true);
    expect(await okAttempts).toHaveLength(5);
    expect(h.inFlight("hang")).toBe(2); // still hanging, still only its own two slots

    while (h.running.size > 0) {
      for (const r of [...h.running.values()]) r.release(false);
      await h.settle();
    }
    expect(await Promise.all(await hangRound)).toHaveLength(5);
  });

  it("an offered delivery starts without a query; a round past its deadline starts nothing more", async () => {
    const h = harness({ concurrency: 1 });
    const lane = h.lane("a");
    h.partitions.set("a", [delivery("a", 0)]);
    lane.offer(delivery("a", 0));
    await h.settle();
    expect(h.queries).toEqual([]);
    expect(h.running.has("a:e0")).toBe(true);
    h.running.get("a:e0")!.release(true);
    await lane.idle();

    h.fill("a", 3);
    const round = lane.work(cutoff, { deadline: performance.now() + 60_000 });
    await h.settle();
    expect(h.inFlight("a")).toBe(1);
    lane.halt();
    h.running.get("a:e0")!.release(true);
    expect(await Promise.all(await round)).toHaveLength(1);
    await lane.idle();
    expect(h.running.size).toBe(0);
    expect(h.partitions.get("a")).toHaveLength(2); // left due for the next round
  });
  it("offers beyond what the lane holds stay in the partition and are read from there: nothing offered is lost", async () => {
    const h = harness({ concurrency: 1, batchSize: 2 });
    const lane = h.lane("a");
    h.fill("a", 20);
    for (const d of h.partitions.get("a")!) lane.offer(d);
    const attempted: string[] = [];
    for (let i = 0; i < 200 && attempted.length < 20; i++) {
      await h.settle();
      for (const [key, r] of [...h.running]) (attempted.push(key), r.release(true));
    }
    expect(attempted).toHaveLength(20);
    expect(new Set(attempted).size).toBe(20);
    expect(h.queries.length).toBeGreaterThan(0); // the backlog came from the partition
    await lane.idle();
  });
});

describe("due memory (a store's own writes around the eventually consistent index)", () => {
  it("a request for later work that comes while the lane's query runs is served: the lane looks again instead of waiting for a wake", async () => {
    // The stall this guards (seen under CPU load): a backoff's timer asked for work while the
    // lane was querying; the query, made with the earlier cutoff, found nothing; the lane then
    // waited for a wake with nothing in flight, and the worker's ticks skip a busy lane.
    let querying!: () => void;
    const inQuery = new Promise<void>((r) => (querying = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const later = "2026-01-01T00:00:05.000Z";
    const queries: string[] = [];
    const due = delivery("a", 1, "2026-01-01T00:00:03.000Z");
    const started: string[] = [];
    const lane = createLane("a", {
      store: {
        async due(_channel: string, upTo: string) {
          queries.push(upTo);
          if (queries.length === 1) {
            querying();
            await gate;
          }
          return due.nextAttemptAt! <= upTo && !started.length ? [due] : [];
        },
      },
      settings: { concurrency: 2, batchSize: 25 },
      onError: () => undefined,
      deliver: async (candidate) => (started.push(candidate.eventId), { claimed: true, delivered: true }),
    });
    void lane.work(cutoff, { collect: false });
    await inQuery;
    const second = lane.work(later);
    release();
    const attempts = await Promise.all(await second);
    expect(queries).toEqual([cutoff, later]);
    expect(started).toEqual(["e1"]);
    expect(attempts).toEqual([{ claimed: true, delivered: true }]);
    await lane.idle();
    expect(lane.busy).toBe(false);
  });

  it("knows the values it replaced as stale and offers its own pending writes before the index shows them", () => {
    let t = 0;
    const memory = createDueMemory<string>(() => t);
    // Enqueued at T0, claimed (T0 replaced by a lease), recorded with its next attempt at T2.
    memory.wrote("a", "k", { to: { delivery: "v0", nextAttemptAt: "T0" } });
    expect(memory.due("a", "T1").map((e) => e.entry.delivery)).toEqual(["v0"]);
    memory.wrote("a", "k", { from: "T0" });
    expect(memory.isStale("a", "k", "T0")).toBe(true);
    expect(memory.due("a", "T1")).toEqual([]);
    memory.wrote("a", "k", { from: "L", to: { delivery: "v2", nextAttemptAt: "T2" } });
    expect(memory.isStale("a", "k", "L")).toBe(true);
    expect(memory.isStale("a", "k", "T2")).toBe(false);
    expect(memory.due("a", "T1")).toEqual([]);
    expect(memory.due("a", "T3").map((e) => e.entry.delivery)).toEqual(["v2"]);
    expect(memory.due("b", "T3")).toEqual([]);

    // Forgotten a minute later: by then the index has long caught up.
    t = 60_001;
    expect(memory.due("a", "T3")).toEqual([]);
    expect(memory.isStale("a", "k", "T0")).toBe(false);
  });
});

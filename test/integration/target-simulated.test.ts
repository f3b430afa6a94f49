import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTrafficTarget,
  readSimulatedTarget,
  simulatedDefaults,
  TargetError,
  type TargetContext,
} from "@rollgate/core/target";
import { createTestTable } from "../helpers/table.js";

let table: Awaited<ReturnType<typeof createTestTable>>;
beforeAll(async () => (table = await createTestTable()));
afterAll(async () => table.drop());

/** A fresh (spec, environment) per test, moving from stable v1 to candidate v2. */
function context(overrides: Partial<TargetContext> = {}): TargetContext {
  return {
    specId: `svc-${randomUUID().slice(0, 8)}`,
    environment: "production",
    deploymentId: `dep-${randomUUID().slice(0, 8)}`,
    candidateVersion: 2,
    stableVersion: 1,
    ...overrides,
  };
}

const state = (ctx: TargetContext) => readSimulatedTarget(table, ctx.specId, ctx.environment);

describe("the simulated target", () => {
  it("is what an undefined target setting gives: healthy, default metrics", async () => {
    const target = createTrafficTarget(undefined, { table });
    const ctx = context();
    expect(target.type).toBe("simulated");
    await target.prepare(ctx);
    await expect(target.health(ctx)).resolves.toEqual({ healthy: true });
    await target.shift(ctx, 10);
    await expect(target.metrics(ctx, 60)).resolves.toEqual({
      errorRate: simulatedDefaults.errorRate,
      latencyP99Ms: simulatedDefaults.latencyP99Ms,
      requests: 60,
    });
  });

  it("walks a canary to 100% and promotes the candidate on teardown of the old stable", async () => {
    const target = createTrafficTarget({ type: "simulated" }, { table });
    const ctx = context();
    await target.prepare(ctx);
    await expect(target.shift(ctx, 10)).resolves.toEqual({ stable: 90, candidate: 10 });
    await expect(target.shift(ctx, 10)).resolves.toEqual({ stable: 90, candidate: 10 }); // absolute: a replay moves nothing
    await expect(target.weights(ctx)).resolves.toEqual({ stable: 90, candidate: 10 });
    await target.shift(ctx, 100);
    await target.teardown(ctx, "stable");
    await target.teardown(ctx, "stable");
    expect(await state(ctx)).toMatchObject({
      stableVersion: 2,
      candidateVersion: null,
      weights: { stable: 100, candidate: 0 },
      prepared: [2],
    });
  });

  it("puts 100% of traffic back on the stable version after a rollback", async () => {
    const target = createTrafficTarget({ type: "simulated" }, { table });
    const ctx = context();
    await target.prepare(ctx);
    await target.shift(ctx, 30);
    await target.shift(ctx, 0);
    await target.teardown(ctx, "candidate");
    await target.teardown(ctx, "candidate");
    const after = await state(ctx);
    expect(after).toMatchObject({ stableVersion: 1, candidateVersion: null, weights: { stable: 100, candidate: 0 }, prepared: [] });
    expect(after?.calls.map((c) => [c.action, c.weight ?? c.side ?? null])).toEqual([
      ["prepare", null],
      ["shift", 30],
      ["shift", 0],
      ["teardown", "candidate"],
      ["teardown", "candidate"],
    ]);
  });

  it("reports the spec's synthetic metrics", async () => {
    const target = createTrafficTarget({ type: "simulated", error_rate: 0.2, latency_p99_ms: 900 }, { table });
    const ctx = context();
    await target.prepare(ctx);
    await target.shift(ctx, 50);
    await expect(target.metrics(ctx, 30)).resolves.toEqual({ errorRate: 0.2, latencyP99Ms: 900, requests: 150 });
  });

  it("refuses to route traffic to a version that was never prepared", async () => {
    const target = createTrafficTarget({ type: "simulated" }, { table });
    const ctx = context();
    await expect(target.shift(ctx, 10)).rejects.toBeInstanceOf(TargetError);
    await expect(target.health(ctx)).resolves.toMatchObject({ healthy: false });
  });

  it.each(["prepare", "health_check", "teardown"] as const)("fails %s when fail_at says so", async (kind) => {
    const target = createTrafficTarget({ type: "simulated", fail_at: kind }, { table });
    const ctx = context();
    const run = { prepare: () => target.prepare(ctx), health_check: () => target.health(ctx), teardown: () => target.teardown(ctx, "candidate") }[kind];
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetError);
    expect(error).toMatchObject({ name: "TargetError", code: "TARGET_FAILED", kind: "unavailable" });
    expect((error as Error).message).toContain(`fail_at: ${kind}`);
  });

  it("with fail_at: shift, fails shifts towards the candidate but still shifts back to stable", async () => {
    const target = createTrafficTarget({ type: "simulated", fail_at: "shift" }, { table });
    const ctx = context();
    await target.prepare(ctx);
    await expect(target.shift(ctx, 10)).rejects.toBeInstanceOf(TargetError);
    await expect(target.shift(ctx, 0)).resolves.toEqual({ stable: 100, candidate: 0 });
    expect((await state(ctx))?.weights).toEqual({ stable: 100, candidate: 0 });
  });

  it("loses no write when calls race (a retried step and its first attempt)", async () => {
    const target = createTrafficTarget({ type: "simulated" }, { table });
    const ctx = context();
    await Promise.all(Array.from({ length: 6 }, () => target.prepare(ctx)));
    expect((await state(ctx))?.calls).toHaveLength(6);
  });
});

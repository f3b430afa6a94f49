import { describe, expect, it } from "vitest";
import { stopDeployment } from "../../packages/core/src/rollout/stop.js";
import { canaryDocument, createSagaUnit } from "../helpers/saga-unit.js";

/**
 * The saga on the in-memory deployment store with a fake clock (test/helpers/saga-unit.ts):
 * what the rollout does and how long it waits, in exact fake seconds. The integration
 * tests run the same handler on DynamoDB Local and the real ASL, and check behaviour only.
 */
const types = (unit: ReturnType<typeof createSagaUnit>, id: string) => unit.store.events(id).map((e) => e.type);

describe("the saga on the in-memory store", () => {
  it("runs a canary to success, waiting exactly the bakes, and records everything in the store", async () => {
    const unit = createSagaUnit();
    const first = await unit.create("unit-spec", 1, canaryDocument());
    expect((await unit.run(first.id)).outcome).toBe("done");
    const second = await unit.create("unit-spec", 2, canaryDocument());
    const before = unit.elapsedSeconds();
    const { trace, outcome } = await unit.run(second.id);
    expect(outcome).toBe("done");
    const done = await unit.store.load(second.id);
    expect(done.status).toBe("succeeded");
    // 50 % bake (30 s), then analysis, 100 %: the only waits are the plan's bakes.
    expect(unit.elapsedSeconds() - before).toBe(done.plan.minDurationSeconds);
    expect(trace.filter((t) => t === "wait")).toHaveLength(done.plan.steps.filter((s) => s.kind === "bake" && s.seconds > 0).length);
    expect(await unit.store.readEnvironment("unit-spec", "dev")).toMatchObject({ currentVersion: 2, previousVersion: 1, lastDeploymentId: second.id, succeededVersions: [1, 2] });
    expect(await unit.store.readLockHolder("unit-spec", "dev")).toBeUndefined();
    expect(unit.store.activeIds()).toEqual([]);
    expect(unit.target.state).toMatchObject({ stable: 2, candidate: null, weight: 0 });
    expect([...unit.target.state.prepared]).toEqual([2]);
    expect(types(unit, second.id)).toEqual(expect.arrayContaining(["deployment.succeeded", "deployment.retirement_completed"]));
    expect((await unit.store.readEnvironment("unit-spec", "dev")).retiring).toBeUndefined();
  });

  it("an abort during a bake takes effect without waiting any of it out", async () => {
    const unit = createSagaUnit();
    const first = await unit.create("unit-spec", 1, canaryDocument());
    await unit.run(first.id);
    const second = await unit.create("unit-spec", 2, canaryDocument({ interval: "1h" }));
    let abortedAt = -1;
    const { outcome } = await unit.run(second.id, {
      during: async () => {
        if (abortedAt >= 0) return;
        abortedAt = unit.elapsedSeconds();
        await stopDeployment(unit.context, second.id, "alice", "wrong build", "aborted");
      },
    });
    expect(outcome).toBe("aborted");
    expect(unit.elapsedSeconds()).toBe(abortedAt);
    const done = await unit.store.load(second.id);
    expect(done).toMatchObject({ status: "aborted", failure: { code: "ABORTED" }, trafficWeights: { stable: 100, candidate: 0 } });
    expect(done.compensationLog.map((c) => c.kind)).toEqual(["shift_to_stable", "teardown_candidate"]);
    expect(unit.target.weights()).toEqual({ stable: 100, candidate: 0 });
    expect(await unit.store.readLockHolder("unit-spec", "dev")).toBeUndefined();
    expect(unit.orchestrator).toBeDefined();
    expect(unit.started).toEqual([{ deploymentId: second.id, mode: "compensate" }]);
  });

  it("re-checks health every interval, up to the retries, then fails before moving traffic", async () => {
    const unit = createSagaUnit();
    const healthy = await unit.create("unit-spec", 1, canaryDocument({}, {}));
    unit.target.knobs.unhealthyChecks = 2;
    expect((await unit.run(healthy.id)).outcome).toBe("done");
    const record = await unit.store.load(healthy.id);
    const interval = record.plan.settings.healthCheckIntervalSeconds.value;
    expect(unit.elapsedSeconds()).toBe(2 * interval + record.plan.minDurationSeconds);
    expect(unit.target.calls.filter((c) => c.action === "health")).toHaveLength(3);

    const retries = record.plan.settings.healthCheckRetries.value;
    const sick = await unit.create("unit-spec", 2, canaryDocument());
    unit.target.knobs.unhealthyChecks = retries + 1;
    const before = unit.elapsedSeconds();
    expect((await unit.run(sick.id)).outcome).toBe("rolled_back");
    expect(unit.elapsedSeconds() - before).toBe(retries * interval);
    const failed = await unit.store.load(sick.id);
    expect(failed.failure?.code).toBe("HEALTH_CHECK_FAILED");
    expect(unit.target.calls.filter((c) => c.action === "shift" && c.version === 2 && (c.weight ?? 0) > 0)).toEqual([]);
  });

  it("a compensation that keeps failing is retried until the rollback timeout, then escalates and keeps the lock", async () => {
    const unit = createSagaUnit();
    const first = await unit.create("unit-spec", 1, canaryDocument());
    await unit.run(first.id);
    const bad = await unit.create("unit-spec", 2, canaryDocument());
    unit.target.knobs.errorRate = 0.5;
    unit.target.knobs.failing.add("teardown");
    const { outcome } = await unit.run(bad.id, { retryAfterSeconds: 10, maxCompensations: 1_000 });
    expect(outcome).toBe("rollback_failed");
    const done = await unit.store.load(bad.id);
    const timeout = done.plan.settings.rollbackTimeoutSeconds.value;
    const spent = (unit.clock().getTime() - Date.parse(done.rollbackStartedAt!)) / 1000;
    expect(spent).toBeGreaterThanOrEqual(timeout);
    expect(spent).toBeLessThan(timeout + 10);
    // One teardown attempt per compensate call (no quick retries here): every 10 s until the timeout.
    expect(unit.target.calls.filter((c) => c.action === "teardown" && c.side === "candidate")).toHaveLength(timeout / 10 + 1);
    expect(done.compensationLog.filter((c) => c.outcome === "failed").length).toBe(50); // the log keeps the last 50
    expect(done.compensations.map((c) => c.kind)).toEqual(["teardown_candidate"]);
    expect(await unit.store.readLockHolder("unit-spec", "dev")).toBe(bad.id);
    expect(types(unit, bad.id)).toContain("deployment.rollback_failed");
    expect(unit.target.weights()).toEqual({ stable: 100, candidate: 0 });
  });

  it("a lost completion write of a shift leaves a claim that the rollback undoes", async () => {
    const unit = createSagaUnit();
    const first = await unit.create("unit-spec", 1, canaryDocument());
    await unit.run(first.id);
    const second = await unit.create("unit-spec", 2, canaryDocument());
    unit.store.failNext((change) => change.events.some((e) => e.type === "deployment.step_completed" && e.data?.kind === "shift"));
    expect((await unit.run(second.id)).outcome).toBe("rolled_back");
    const done = await unit.store.load(second.id);
    expect(done.compensationLog.map((c) => c.kind)).toEqual(["shift_to_stable", "teardown_candidate"]);
    expect(unit.target.weights()).toEqual({ stable: 100, candidate: 0 });
    expect(await unit.store.readEnvironment("unit-spec", "dev")).toMatchObject({ currentVersion: 1 });
  });

  it("a retirement that failed is finished by the next rollout before it prepares", async () => {
    const unit = createSagaUnit();
    await unit.run((await unit.create("unit-spec", 1, canaryDocument())).id);
    unit.target.knobs.failing.add("teardown");
    const second = await unit.create("unit-spec", 2, canaryDocument());
    await unit.run(second.id);
    expect(types(unit, second.id)).toContain("deployment.retire_failed");
    expect((await unit.store.readEnvironment("unit-spec", "dev")).retiring).toMatchObject({ version: 1, replacedBy: 2, deploymentId: second.id });
    unit.target.knobs.failing.clear();
    unit.target.knobs.errorRate = 0.5;
    const third = await unit.create("unit-spec", 3, canaryDocument());
    expect((await unit.run(third.id)).outcome).toBe("rolled_back");
    const teardowns = unit.target.calls.filter((c) => c.action === "teardown");
    const prepare = unit.target.calls.findIndex((c) => c.action === "prepare" && c.version === 3);
    // The retirement (teardown of the stable side, as v2) came before v3 was prepared.
    expect(unit.target.calls.findIndex((c) => c.action === "teardown" && c.side === "stable" && c.version === 2)).toBeLessThan(prepare);
    expect(teardowns.at(-1)).toMatchObject({ side: "candidate", version: 3 });
    expect(unit.target.state).toMatchObject({ stable: 2, weight: 0 });
    expect([...unit.target.state.prepared]).toEqual([2]);
    expect((await unit.store.readEnvironment("unit-spec", "dev")).retiring).toBeUndefined();
  });
});

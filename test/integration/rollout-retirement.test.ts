import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrafficTarget } from "@rollgate/core/target";
import type { DeploymentView } from "@rollgate/core/rollout";
import { createTestTable } from "../helpers/table.js";
import { createRolloutHarness, deployer, eventTypes, type RolloutHarness } from "./rollout-harness.js";

/**
 * Retiring the old version after a success (finalize) can fail, or be cut short by a crash;
 * the environment already runs the new version. Traffic must never go back to the version
 * that was being retired: the next rollout of that environment finishes the retirement
 * before it touches the target, or refuses to start moving traffic. Real state machine,
 * simulated target with its fault knobs (`fail_at: teardown` fails every teardown).
 */
const canary = (target: Record<string, unknown> = {}) => ({
  deployment: { strategy: "canary", analysis: { interval: "30s", threshold: 1, step_weight: 50, max_weight: 50 }, target: { type: "simulated", ...target } },
  environments: { dev: {}, production: {} },
});

let table: Awaited<ReturnType<typeof createTestTable>>;
let h: RolloutHarness;

beforeAll(async () => {
  table = await createTestTable();
  h = createRolloutHarness(table);
  await h.orchestrator.ready();
});
afterAll(async () => {
  await h.stop();
  await table.drop();
});

async function start(specId: string, version: number): Promise<DeploymentView> {
  const created = await h.service.create({ specId, version, environment: "dev" }, deployer);
  if (!("deployment" in created)) throw new Error("expected a deployment");
  return created.deployment;
}

/** Every version that carried traffic at some point of the target's recorded calls, from now on. */
async function servingVersions(specId: string) {
  const state = await h.simulated(specId, "dev");
  const serving = new Set<number>();
  if (state?.stableVersion != null && state.weights.stable > 0) serving.add(state.stableVersion);
  if (state?.candidateVersion != null && state.weights.candidate > 0) serving.add(state.candidateVersion);
  return { state, serving: [...serving].sort() };
}

describe("after a failed retirement", { timeout: 90_000 }, () => {
  it("a later rollout that rolls back puts traffic on the current version, never on the retired one", async () => {
    h.specs.add("retire-a", 1, canary());
    h.specs.add("retire-a", 2, canary({ fail_at: "teardown" }));
    h.specs.add("retire-a", 3, canary({ error_rate: 0.5 }));
    const first = await h.deploy("retire-a", 1, "dev");
    expect(first.status).toBe("succeeded");
    const second = await h.deploy("retire-a", 2, "dev");
    expect(second.status).toBe("succeeded");
    // The retirement runs after the success is recorded.
    await h.waitFor(second.id, (v) => eventTypes(v).includes("deployment.retire_failed"));
    // v2 carries all traffic; v1 is still up because its retirement failed.
    expect((await servingVersions("retire-a")).serving).toEqual([2]);

    const third = await start("retire-a", 3);
    const done = await h.settle(third.id);
    expect(done.status).toBe("rolled_back");
    expect(done.failure?.code).toBe("ANALYSIS_FAILED");
    const { state, serving } = await servingVersions("retire-a");
    expect(serving).toEqual([2]);
    // The retirement v2 left behind was finished first, then v3 was tried and undone.
    expect(eventTypes(done)).toContain("deployment.retirement_completed");
    expect(state).toMatchObject({ stableVersion: 2, candidateWeight: 0 });
    expect(state?.prepared).toEqual([2]);
    const env = (await h.service.environments("retire-a")).find((e) => e.name === "dev");
    expect(env?.currentVersion).toBe(2);
  });

  it("a later rollout that cannot finish the retirement ends rolled_back before moving any traffic", async () => {
    h.specs.add("retire-b", 1, canary());
    h.specs.add("retire-b", 2, canary({ fail_at: "teardown" }));
    h.specs.add("retire-b", 3, canary({ fail_at: "teardown" }));
    h.specs.add("retire-b", 4, canary());
    await h.deploy("retire-b", 1, "dev");
    const second = await h.deploy("retire-b", 2, "dev");
    await h.waitFor(second.id, (v) => eventTypes(v).includes("deployment.retire_failed"));
    const third = await h.settle((await start("retire-b", 3)).id);
    expect(third.status).toBe("rolled_back");
    expect(third.failure?.code).toBe("RETIREMENT_PENDING");
    expect(third.compensationLog).toEqual([]);
    expect((await servingVersions("retire-b")).serving).toEqual([2]);
    expect(await h.lockHolder("retire-b", "dev")).toBeUndefined();
    // Once the target can retire again, the next rollout finishes it and goes on.
    const fourth = await h.settle((await start("retire-b", 4)).id);
    expect(fourth.status).toBe("succeeded");
    await h.waitFor(fourth.id, (v) => eventTypes(v).filter((type) => type === "deployment.retirement_completed").length === 2);
    const { state, serving } = await servingVersions("retire-b");
    expect(serving).toEqual([4]);
    expect(state?.prepared).toEqual([4]);
  });
});

describe("the simulated target's retirement and teardown", () => {
  const ctx = (candidateVersion: number, stableVersion: number | null, deploymentId = `d${candidateVersion}`) => ({
    specId: "sim-retire",
    environment: "dev",
    deploymentId,
    candidateVersion,
    stableVersion,
  });

  it("a repeated retirement after the next candidate was prepared leaves the serving version up", async () => {
    const target = createTrafficTarget({ type: "simulated" }, { table });
    await target.prepare(ctx(1, null));
    await target.shift(ctx(1, null), 100);
    await target.teardown(ctx(1, null), "stable");
    await target.prepare(ctx(2, 1));
    await target.shift(ctx(2, 1), 100);
    await target.teardown(ctx(2, 1), "stable");
    await target.prepare(ctx(3, 2));
    // v2's retirement of v1 again (a retried step, a late call): v2 stays prepared and serving.
    await target.teardown(ctx(2, 1), "stable");
    const state = await h.simulated("sim-retire", "dev");
    expect(state).toMatchObject({ stableVersion: 2, candidateVersion: 3, weights: { stable: 100, candidate: 0 } });
    expect(state?.prepared).toEqual([2, 3]);
  });

  it("tearing down a candidate that is not the current one moves no traffic", async () => {
    const target = createTrafficTarget({ type: "simulated" }, { table });
    const other = { ...ctx(9, 3), specId: "sim-teardown" };
    await target.prepare({ ...ctx(4, 3), specId: "sim-teardown" });
    await target.shift({ ...ctx(4, 3), specId: "sim-teardown" }, 50);
    await target.teardown(other, "candidate");
    const state = await h.simulated("sim-teardown", "dev");
    expect(state).toMatchObject({ candidateVersion: 4, weights: { stable: 50, candidate: 50 } });
  });
});

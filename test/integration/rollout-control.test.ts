import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotAwaitingApprovalError } from "@rollgate/core/approval";
import { DeploymentFinishedError, LockHeldError, type DeploymentView } from "@rollgate/core/rollout";
import { createTestTable } from "../helpers/table.js";
import { approver, createRolloutHarness, deployer, eventTypes, type RolloutHarness } from "./rollout-harness.js";

/** Canary with long bakes: at waitScale 0.001 one bake lasts 3.6 s, long enough to act during it. */
const slowCanary = (extra: { dev?: Record<string, unknown>; target?: Record<string, unknown> } = {}) => ({
  deployment: {
    strategy: "canary",
    analysis: { interval: "1h", threshold: 1, step_weight: 50, max_weight: 50 },
    target: { type: "simulated", ...extra.target },
  },
  environments: { dev: { ...extra.dev }, production: {} },
});

const quickCanary = (target: Record<string, unknown> = {}) => ({
  deployment: { strategy: "canary", analysis: { interval: "30s", threshold: 1, step_weight: 50, max_weight: 50 }, target: { type: "simulated", ...target } },
  environments: { dev: {}, production: {} },
});

let table: Awaited<ReturnType<typeof createTestTable>>;
const harnesses: RolloutHarness[] = [];
let h: RolloutHarness;

beforeAll(async () => {
  table = await createTestTable();
  h = createRolloutHarness(table);
  harnesses.push(h);
  await h.orchestrator.ready();
});
afterAll(async () => {
  for (const harness of harnesses) await harness.stop();
  await table.drop();
});

async function start(harness: RolloutHarness, specId: string, version = 1): Promise<DeploymentView> {
  const created = await harness.service.create({ specId, version, environment: "dev" }, deployer);
  if (!("deployment" in created)) throw new Error("expected a deployment");
  return created.deployment;
}

const inBake = (v: DeploymentView) => v.status === "in_progress" && v.currentStep?.kind === "analysis";

describe("abort", () => {
  // How fast, in exact (fake) seconds, is the unit tier's business (test/unit/saga-memory.test.ts).
  // Here the bake lasts a real hour: ending at all shows the abort cut it short.
  it("takes effect during a bake, and ends aborted with traffic back on stable", async () => {
    const hourLong = createRolloutHarness(table, { waitScale: 1 });
    harnesses.push(hourLong);
    h.specs.add("abort-bake", 1, quickCanary());
    hourLong.specs.add("abort-bake", 2, slowCanary());
    await h.deploy("abort-bake", 1, "dev");
    const deployment = await start(hourLong, "abort-bake", 2);
    const baking = await hourLong.waitFor(deployment.id, inBake);
    expect(baking.trafficWeights).toEqual({ stable: 50, candidate: 50 });
    const { deployment: aborted } = await hourLong.service.abort(deployment.id, deployer, "wrong build");
    expect(aborted.status).toBe("rolling_back");
    const done = await hourLong.waitFor(deployment.id, (v) => v.status === "aborted", 60_000);
    expect(done).toMatchObject({
      stopRequest: { by: "ci-bot", reason: "wrong build", outcome: "aborted" },
      failure: { code: "ABORTED" },
      trafficWeights: { stable: 100, candidate: 0 },
    });
    expect(done.compensationLog.map((c) => c.kind)).toEqual(["shift_to_stable", "teardown_candidate"]);
    expect(eventTypes(done)).toEqual(expect.arrayContaining(["deployment.abort_requested", "deployment.aborted"]));
    expect((await hourLong.orchestrator.describe(baking.executionId!)).status).toBe("ABORTED");
    expect(await h.simulated("abort-bake", "dev")).toMatchObject({ stableVersion: 1, weights: { stable: 100, candidate: 0 } });
    expect((await h.service.environments("abort-bake"))[0]?.currentVersion).toBe(1);
    expect(await h.lockHolder("abort-bake", "dev")).toBeUndefined();
    await expect(h.service.abort(deployment.id, deployer)).rejects.toBeInstanceOf(DeploymentFinishedError);
  });

  // The gate's timeout is far longer than the test's: ending at all shows the abort closed it.
  it("takes effect during an approval wait, and closes the gate", async () => {
    await h.addPrincipal("tl", ["tech-lead"]);
    h.specs.add("abort-gate", 1, slowCanary({ dev: { requires_approval: true, approvers: ["tech-lead"] } }));
    const deployment = await start(h, "abort-gate");
    const waiting = await h.waitFor(deployment.id, (v) => v.status === "awaiting_approval");
    const link = (await h.linksFor(deployment.id)).links[0]!.token;
    await h.service.abort(deployment.id, deployer);
    const done = await h.waitFor(deployment.id, (v) => v.status === "aborted", 60_000);
    expect(done.approvals[0]?.status).toBe("cancelled");
    expect(done.compensationLog.map((c) => c.kind)).toEqual(["teardown_candidate"]);
    expect(h.orchestrator.openGateCount()).toBe(0);
    expect((await h.orchestrator.describe(waiting.executionId!)).status).toBe("ABORTED");
    expect(await h.service.viewApprovalLink(link)).toMatchObject({ canDecide: false, status: "aborted" });
    await expect(h.service.decide(deployment.id, { decision: "approve" }, approver)).rejects.toBeInstanceOf(DeploymentFinishedError);
    await expect(h.service.decideByLink(link, { decision: "approve" })).rejects.toSatisfy(
      (e) => e instanceof DeploymentFinishedError || e instanceof NotAwaitingApprovalError,
    );
  });

  it("rollback of a deployment in flight stops it like abort but ends rolled_back", async () => {
    h.specs.add("rollback-inflight", 1, slowCanary());
    const deployment = await start(h, "rollback-inflight");
    await h.waitFor(deployment.id, inBake);
    const outcome = await h.service.rollback(deployment.id, deployer, "paging");
    expect(outcome.mode).toBe("stopped");
    const done = await h.waitFor(deployment.id, (v) => v.status === "rolled_back");
    expect(done).toMatchObject({ failure: { code: "ROLLBACK_REQUESTED" }, stopRequest: { outcome: "rolled_back" } });
  });
});

describe("one rollout per spec and environment", () => {
  it("lets exactly one of two concurrent creates win; the other names the winner", async () => {
    h.specs.add("race", 1, slowCanary());
    const results = await Promise.allSettled([start(h, "race"), start(h, "race")]);
    const won = results.filter((r): r is PromiseFulfilledResult<DeploymentView> => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(LockHeldError);
    expect((lost[0]!.reason as LockHeldError).context.deploymentId).toBe(won[0]!.value.id);
    expect((await h.service.list({ specId: "race" })).items).toHaveLength(1);
    await h.service.abort(won[0]!.value.id, deployer);
    await h.waitFor(won[0]!.value.id, (v) => v.status === "aborted");
  });
});

describe("a compensation that keeps failing", () => {
  it("ends rollback_failed, raises the alert event and keeps the lock for a human", async () => {
    h.specs.add("stuck", 1, quickCanary());
    h.specs.add("stuck", 2, quickCanary({ fail_at: "teardown", error_rate: 0.5 }));
    await h.deploy("stuck", 1, "dev");
    const deployment = await start(h, "stuck", 2);
    const done = await h.waitFor(deployment.id, (v) => v.status === "rollback_failed", 20_000);
    expect(done.failure?.code).toBe("ANALYSIS_FAILED");
    expect(done.rollbackError).toBeTypeOf("string");
    const alert = done.timeline.find((e) => e.type === "deployment.rollback_failed");
    expect(alert?.data).toMatchObject({ pendingCompensations: ["teardown_candidate"], lockHeld: true });
    // Traffic is back on stable (that compensation ran); the candidate could not be torn down.
    expect(done.compensationLog.filter((c) => c.outcome === "completed").map((c) => c.kind)).toEqual(["shift_to_stable"]);
    expect(done.compensationLog.some((c) => c.outcome === "failed" && c.kind === "teardown_candidate")).toBe(true);
    expect(done.trafficWeights).toEqual({ stable: 100, candidate: 0 });
    expect(await h.lockHolder("stuck", "dev")).toBe(deployment.id);
    expect(await h.activeIds()).not.toContain(deployment.id);
    h.specs.add("stuck", 3, quickCanary());
    const blocked = await start(h, "stuck", 3).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(LockHeldError);
    expect((blocked as LockHeldError).context.deploymentId).toBe(deployment.id);

    // A human takes over: the lock goes, the record says who and why, the status stays.
    const { deployment: resolved } = await h.service.resolve(deployment.id, approver, "tore the candidate down by hand");
    expect(resolved).toMatchObject({ status: "rollback_failed", resolvedBy: "alice" });
    expect(resolved.timeline.at(-1)).toMatchObject({ type: "deployment.rollback_resolved", actor: "alice" });
    expect(await h.lockHolder("stuck", "dev")).toBeUndefined();
    const next = await start(h, "stuck", 3);
    expect((await h.settle(next.id)).status).toBe("succeeded");
    await expect(h.service.resolve(next.id, approver, "again")).rejects.toMatchObject({ code: "DEPLOYMENT_FINISHED" });
  }, 30_000);
});

describe("restart mid-rollout", () => {
  it("resumes a rollout that was in a bake from its recorded cursor", async () => {
    const slow = createRolloutHarness(table, { waitScale: 1 });
    harnesses.push(slow);
    slow.specs.add("restart-bake", 1, quickCanary());
    const deployment = await start(slow, "restart-bake");
    const baking = await slow.waitFor(deployment.id, inBake);
    const resumed = await slow.restart(0.001);
    // The 30 s bake had just begun: the new execution first waits out what is left of it.
    expect(resumed).toEqual([
      { id: deployment.id, status: "in_progress", mode: "run", executionId: expect.any(String), waitSeconds: expect.any(Number) },
    ]);
    expect(resumed[0]!.waitSeconds).toBeGreaterThan(20);
    expect(resumed[0]!.waitSeconds).toBeLessThanOrEqual(30);
    expect((await slow.orchestrator.describe(resumed[0]!.executionId)).status).toMatch(/RUNNING|SUCCEEDED/);
    const done = await slow.settle(deployment.id);
    expect(done.status).toBe("succeeded");
    expect(done.executionId).not.toBe(baking.executionId);
    // Each step completed exactly once, across both executions.
    const completed = done.timeline
      .filter((e) => e.type === "deployment.step_completed" || (e.type === "deployment.analysis_completed" && e.data.passed))
      .map((e) => e.data.step);
    expect(completed).toEqual(done.plan.steps.map((s) => s.index));
    expect(done.timeline.filter((e) => e.type === "deployment.execution_started").map((e) => e.data.mode)).toEqual(["run", "run"]);
  });

  it("re-opens an approval gate after a restart; links and votes given before stay valid", async () => {
    const slow = createRolloutHarness(table, { waitScale: 1 });
    harnesses.push(slow);
    slow.specs.add("restart-gate", 1, {
      ...quickCanary(),
      environments: { dev: { requires_approval: true, approvers: ["tech-lead", "product-owner"] } },
    });
    await slow.addPrincipal("pat", ["product-owner"]);
    const deployment = await start(slow, "restart-gate");
    await slow.waitFor(deployment.id, (v) => v.status === "awaiting_approval");
    await slow.service.decide(deployment.id, { decision: "approve" }, { ...approver, subject: "tl", roles: ["tech-lead"] });
    const link = (await slow.linksFor(deployment.id)).links.find((l) => l.subject === "pat")!.token;
    const resumed = await slow.restart(0.001);
    expect(resumed.map((r) => [r.id, r.status])).toEqual([[deployment.id, "awaiting_approval"]]);
    const reopened = await slow.waitFor(deployment.id, (v) => eventTypes(v).includes("deployment.gate_reopened"));
    expect(reopened).toMatchObject({ status: "awaiting_approval", approvals: [{ approvedRoles: ["tech-lead"], status: "open" }] });
    expect(slow.deliveries.filter((d) => d.deploymentId === deployment.id)).toHaveLength(1);
    await slow.service.decideByLink(link, { decision: "approve" });
    expect((await slow.settle(deployment.id)).status).toBe("succeeded");
  });

  it("compensates a rollback that a crash interrupted", async () => {
    const slow = createRolloutHarness(table, { waitScale: 1 });
    harnesses.push(slow);
    slow.specs.add("restart-rollback", 1, quickCanary());
    const deployment = await start(slow, "restart-rollback");
    await slow.waitFor(deployment.id, inBake);
    // The abort is recorded, then the process dies before any compensation runs.
    slow.orchestrator.start = async () => {
      await slow.orchestrator.stopAll("process crashed");
      throw new Error("process crashed");
    };
    await slow.service.abort(deployment.id, deployer).catch(() => undefined);
    expect((await slow.service.get(deployment.id)).status).toBe("rolling_back");
    const resumed = await slow.restart(0.001);
    expect(resumed.map((r) => r.mode)).toEqual(["compensate"]);
    const done = await slow.waitFor(deployment.id, (v) => v.status === "aborted");
    expect(done.compensationLog.map((c) => c.kind)).toEqual(["shift_to_stable", "teardown_candidate"]);
    expect(await slow.lockHolder("restart-rollback", "dev")).toBeUndefined();
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDeploymentService,
  ForceRequiresAdminError,
  OrchestratorStartError,
  PromotionPathError,
  UnknownEnvironmentError,
  VersionAlreadyCurrentError,
  VersionDisabledError,
  type DeploymentView,
} from "@rollgate/core/rollout";
import { createCursorCodec } from "@rollgate/core/store";
import type { Orchestrator } from "@rollgate/core/workflow";
import { createTestTable } from "../helpers/table.js";
import { admin, createRolloutHarness, deployer, eventTypes, type RolloutHarness, canary } from "./rollout-harness.js";

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

describe("a canary rollout, end to end on the local engine", () => {
  it("steps through its weights, points the environment at the new version and releases the lock", async () => {
    h.specs.add("shop", 1, canary());
    h.specs.add("shop", 2, canary());
    const first = await h.deploy("shop", 1, "dev");
    expect(first.status).toBe("succeeded");
    const succeeded = await h.deploy("shop", 2, "dev");
    expect(succeeded).toMatchObject({ status: "succeeded", stableVersion: 1, trafficWeights: { stable: 0, candidate: 100 } });
    // Version 1 is retired after the success is recorded (rollout/retirement.ts): the outcome
    // comes first, and the retirement's confirmation follows it.
    const second = await h.waitFor(succeeded.id, (v) => v.timeline.some((e) => e.type === "deployment.retirement_completed"));
    expect(second.plan.weights).toEqual([25, 50]);
    const shifts = second.timeline.filter((e) => e.type === "deployment.step_completed" && e.data.kind === "shift");
    expect(shifts.map((e) => (e.data.weights as { candidate: number }).candidate)).toEqual([25, 50, 100]);
    expect(second.analysis.checks.map((c) => c.weight)).toEqual([25, 50]);
    expect(eventTypes(second).slice(-2)).toEqual(["deployment.succeeded", "deployment.retirement_completed"]);
    expect(second.timeline.map((e) => e.id)).toEqual(second.timeline.map((_, i) => `${second.id}:${i + 1}`));

    expect(await h.service.environments("shop")).toEqual([
      { name: "dev", currentVersion: 2, previousVersion: 1, lastDeploymentId: second.id },
      { name: "staging", currentVersion: null, previousVersion: null, lastDeploymentId: null },
      { name: "production", currentVersion: null, previousVersion: null, lastDeploymentId: null },
    ]);
    expect(await h.lockHolder("shop", "dev")).toBeUndefined();
    expect(await h.activeIds()).not.toContain(second.id);
    const simulated = await h.simulated("shop", "dev");
    expect(simulated).toMatchObject({ stableVersion: 2, weights: { stable: 100, candidate: 0 }, prepared: [2] });
  });

  it("runs a rolling rollout as a canary with one step per batch", async () => {
    const rolling = { deployment: { strategy: "rolling", rolling: { batches: 3 }, analysis: { interval: "30s" }, target: { type: "simulated" } } };
    h.specs.add("rolling", 1, rolling);
    const done = await h.deploy("rolling", 1, "dev");
    expect(done).toMatchObject({ status: "succeeded", strategy: "rolling" });
    const shifts = done.timeline.filter((e) => e.type === "deployment.step_completed" && e.data.kind === "shift");
    expect(shifts.map((e) => (e.data.weights as { candidate: number }).candidate)).toEqual([33, 67, 100]);
  });

  it("enforces the promotion path, lets an admin force it, and promotes what is current", async () => {
    h.specs.add("path", 1, canary());
    await expect(h.service.create({ specId: "path", version: 1, environment: "staging" }, deployer)).rejects.toBeInstanceOf(
      PromotionPathError,
    );
    await expect(h.service.create({ specId: "path", version: 1, environment: "staging", force: true }, deployer)).rejects.toBeInstanceOf(
      ForceRequiresAdminError,
    );
    await expect(h.service.create({ specId: "path", version: 1, environment: "qa" }, deployer)).rejects.toBeInstanceOf(
      UnknownEnvironmentError,
    );
    await h.deploy("path", 1, "dev");
    const promoted = await h.service.promote({ specId: "path", from: "dev", to: "staging" }, deployer);
    const staged = await h.settle(promoted.deployment.id);
    expect(staged).toMatchObject({ status: "succeeded", version: 1, environment: "staging", reason: "promote from dev" });
    await expect(h.service.promote({ specId: "path", from: "dev", to: "staging" }, deployer)).rejects.toBeInstanceOf(
      VersionAlreadyCurrentError,
    );

    h.specs.add("path", 2, canary());
    const forced = await h.service.create({ specId: "path", version: 2, environment: "production", force: true }, admin);
    if (!("deployment" in forced)) throw new Error("expected a deployment");
    expect(forced.deployment.forced).toBe(true);
    await h.settle(forced.deployment.id);
  });

  it("returns only the plan on a dry run, and writes nothing", async () => {
    h.specs.add("dry", 1, canary());
    const result = await h.service.create({ specId: "dry", version: 1, environment: "dev", strategy: "blue_green" }, deployer, { dryRun: true });
    expect("plan" in result && result.plan.strategy).toBe("blue_green");
    expect(await h.lockHolder("dry", "dev")).toBeUndefined();
    expect((await h.service.list({ specId: "dry" })).items).toEqual([]);
  });

  it("refuses disabled versions", async () => {
    h.specs.add("off", 1, canary(), "disabled");
    await expect(h.service.create({ specId: "off", version: 1, environment: "dev" }, deployer)).rejects.toBeInstanceOf(VersionDisabledError);
  });

  it("rolls a finished deployment back with a new deployment of the previous version, and chat-ops rolls the environment", async () => {
    h.specs.add("undo", 1, canary());
    h.specs.add("undo", 2, canary());
    await h.deploy("undo", 1, "dev");
    const bad = await h.deploy("undo", 2, "dev");
    const outcome = await h.service.rollback(bad.id, deployer, "error budget burnt");
    expect(outcome.mode).toBe("new_deployment");
    const restored = await h.settle(outcome.deployment.id);
    expect(restored).toMatchObject({ status: "succeeded", version: 1, purpose: "rollback", rollbackOf: bad.id, reason: "error budget burnt" });
    expect(restored.plan.steps.map((s) => s.kind)).toEqual(["prepare", "health_check", "shift", "promote", "finalize"]);
    expect((await h.service.environments("undo"))[0]).toMatchObject({ currentVersion: 1, previousVersion: 2 });

    // Rolling back the rollback would put the bad version back: refused.
    await expect(h.service.rollbackEnvironment("undo", "dev", deployer)).rejects.toMatchObject({ code: "ALREADY_ROLLED_BACK" });

    h.specs.add("undo", 3, canary());
    await h.deploy("undo", 3, "dev");
    const { deployment: chatops } = await h.service.rollbackEnvironment("undo", "dev", deployer);
    expect(await h.settle(chatops.id)).toMatchObject({ status: "succeeded", version: 1 });
    expect((await h.service.environments("undo"))[0]).toMatchObject({ currentVersion: 1, previousVersion: 3 });
  });

  it("deploys to the first environment on registration when it says auto_deploy", async () => {
    h.specs.add("auto", 1, canary({ environments: { dev: { auto_deploy: true }, production: {} } }));
    h.specs.add("manual", 1, canary());
    const { deployment, warnings } = await h.service.autoDeploy("auto", 1, deployer);
    expect(warnings).toEqual([]);
    expect(await h.settle(deployment!.id)).toMatchObject({ status: "succeeded", environment: "dev", reason: "auto_deploy" });
    expect(await h.service.autoDeploy("manual", 1, deployer)).toEqual({ warnings: [] });
  });

  it("lists deployments newest first, filtered, with opaque cursors", async () => {
    const all: DeploymentView[] = [];
    h.specs.add("listed", 1, canary());
    h.specs.add("listed", 2, canary());
    h.specs.add("listed", 3, canary());
    for (const version of [1, 2, 3]) all.push(await h.deploy("listed", version, "dev"));
    const page1 = await h.service.list({ specId: "listed", limit: 2 });
    expect(page1.items.map((d) => d.version)).toEqual([3, 2]);
    expect(page1.nextCursor).toBeTypeOf("string");
    const page2 = await h.service.list({ specId: "listed", limit: 2, cursor: page1.nextCursor! });
    expect(page2.items.map((d) => d.version)).toEqual([1]);
    expect((await h.service.list({ specId: "listed", status: "rolled_back" })).items).toEqual([]);
    expect((await h.service.list({ specId: "listed", environment: "dev", status: "succeeded" })).items).toHaveLength(3);
    const global = await h.service.list({ limit: 100 });
    expect(global.items.map((d) => d.id)).toEqual(expect.arrayContaining(all.map((d) => d.id)));
    await expect(h.service.list({ specId: "other", cursor: page1.nextCursor! })).rejects.toThrow(/cursor/);
  });
});

describe("when the workflow cannot be started", () => {
  it("closes the deployment and releases the lock instead of leaving it pending", async () => {
    const broken: Orchestrator = {
      start: async () => {
        throw new Error("states is down");
      },
      sendTaskSuccess: async () => undefined,
      sendTaskFailure: async () => undefined,
      stop: async () => undefined,
      describe: async () => ({ status: "FAILED" }),
    };
    const service = createDeploymentService({
      table,
      orchestrator: broken,
      specs: h.specs.reader,
      cursors: createCursorCodec("x"),
      config: { defaultEnvironments: ["dev"] },
    });
    h.specs.add("nostart", 1, canary());
    const error = await service.create({ specId: "nostart", version: 1, environment: "dev" }, deployer).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrchestratorStartError);
    const id = (error as OrchestratorStartError).context.deploymentId as string;
    expect(await h.service.get(id)).toMatchObject({ status: "rolled_back", failure: { code: "ORCHESTRATOR_START_FAILED" } });
    expect(await h.lockHolder("nostart", "dev")).toBeUndefined();
    expect(await h.activeIds()).not.toContain(id);
  });
});

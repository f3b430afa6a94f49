import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeploymentService, type DeploymentView } from "@rollgate/core/rollout";
import { createCursorCodec } from "@rollgate/core/store";
import { launchExecutionName, type Orchestrator } from "@rollgate/core/workflow";
import { createLogger } from "../../packages/functions/src/logger.js";
import { createResumeHandler } from "../../packages/functions/src/resume.js";
import { createTestTable } from "../helpers/table.js";
import { approver, createRolloutHarness, deployer, type RolloutHarness, canary } from "./rollout-harness.js";

/**
 * The scheduled sweep AWS runs (functions/src/resume.ts): the same core reconciliation as
 * the local start, deciding "nothing drives it" from what the orchestrator says about the
 * recorded execution. Run here on the local engine, which keeps executions like Step
 * Functions does for the life of the process.
 */
let table: Awaited<ReturnType<typeof createTestTable>>;
let h: RolloutHarness;
const logger = createLogger("rollgate-test");

beforeAll(async () => {
  table = await createTestTable();
  h = createRolloutHarness(table);
  await h.orchestrator.ready();
  h.specs.add("sweep-lost", 1, canary());
  h.specs.add("sweep-gate", 1, canary({ guardrails: { deployment: { human_approval_required: ["dev"] } } }));
});
afterAll(async () => {
  await h.stop();
  await table.drop();
});

const sweep = (quietForMs?: number) => createResumeHandler({ table, orchestrator: h.orchestrator, logger, ...(quietForMs === undefined ? {} : { quietForMs }) })();

describe("the in-flight sweep (AWS's scheduled resume)", () => {
  it("starts a deployment whose launch died before StartExecution answered, under the launch's own execution name, once it has been quiet", async () => {
    // A launch whose StartExecution never answers (the API Lambda timed out there): the
    // deployment is recorded, pending, with no execution.
    const hanging: Orchestrator = { ...h.orchestrator, start: () => new Promise(() => undefined) };
    const lost = createDeploymentService({ table, orchestrator: hanging, specs: h.specs.reader, cursors: createCursorCodec("test-secret"), config: { defaultEnvironments: ["dev", "staging", "production"] } });
    void lost.create({ specId: "sweep-lost", version: 1, environment: "dev" }, deployer);
    let stranded: DeploymentView | undefined;
    while (!stranded) {
      stranded = (await h.service.list({ specId: "sweep-lost", limit: 10 })).items[0] as DeploymentView | undefined;
      if (!stranded) await new Promise((r) => setTimeout(r, 20));
    }
    expect(stranded).toMatchObject({ status: "pending" });
    expect((await h.service.get(stranded.id)).executionId).toBeUndefined();

    // Changed a moment ago (it may still be launching): left alone by the deployed quiet window.
    expect(await sweep()).toEqual({ resumed: 0 });
    expect(await sweep(0)).toEqual({ resumed: 1 });
    const done = await h.waitFor(stranded.id, (v) => v.status === "succeeded");
    expect(done.executionId).toContain(launchExecutionName(stranded.id));
    expect(done.timeline.filter((e) => e.type === "deployment.execution_started")).toHaveLength(1);
  });

  it("leaves a deployment alone while its recorded execution runs (a gate waiting), and resumes it once that execution is gone", async () => {
    const waiting = await h.service.create({ specId: "sweep-gate", version: 1, environment: "dev" }, deployer);
    const atGate = await h.waitFor(waiting.deployment.id, (v) => v.status === "awaiting_approval");
    expect(await sweep(0)).toEqual({ resumed: 0 });

    // The execution ends without the deployment knowing (stopped from outside, as a crash or an operator would).
    await h.orchestrator.stop(atGate.executionId!, "stopped outside Rollgate");
    await expect.poll(async () => (await h.orchestrator.describe(atGate.executionId!)).status).not.toBe("RUNNING");
    expect(await sweep(0)).toEqual({ resumed: 1 });
    const reopened = await h.waitFor(atGate.id, (v) => v.status === "awaiting_approval" && v.executionId !== atGate.executionId);
    expect(await sweep(0)).toEqual({ resumed: 0 });
    await h.service.decide(reopened.id, { decision: "approve" }, approver);
    expect((await h.waitFor(reopened.id, (v) => v.status === "succeeded")).status).toBe("succeeded");
  });
});

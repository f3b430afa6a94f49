import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compilePlan, type DeploymentView } from "@rollgate/core/rollout";
import type { DomainEvent } from "@rollgate/core/events";
import { createTestTable } from "../helpers/table.js";
import { approver, createRolloutHarness, deployer, eventTypes, faultyTable, type RolloutHarness } from "./rollout-harness.js";

/**
 * A fault at every step index of both strategies must end `rolled_back` with all traffic
 * on the stable version, the environment pointer unchanged, the lock released and the
 * compensation recorded. Faults are injected two ways: the simulated target's own knobs
 * (fail_at, unhealthy metrics), and a failure of the step's completion write itself (the
 * step did its work, then DynamoDB failed), which reaches every step kind.
 */

const target = (knobs: Record<string, unknown> = {}) => ({ type: "simulated", ...knobs });

const canaryDoc = (knobs?: Record<string, unknown>) => ({
  deployment: {
    strategy: "canary",
    canary: {
      traffic_split: [{ version: "current", percentage: 80 }, { version: "candidate", percentage: 20 }],
      success_criteria: { error_rate_threshold: 0.05, latency_p99_threshold: 800 },
    },
    analysis: { interval: "30s", threshold: 2, step_weight: 30, max_weight: 50 },
    target: target(knobs),
  },
  guardrails: { deployment: { health_check_retries: 1 } },
  environments: { dev: { requires_approval: true }, production: {} },
});

const blueGreenDoc = (knobs?: Record<string, unknown>) => ({
  deployment: {
    strategy: "blue_green",
    traffic_switching: { validation_checks: ["smoke_tests", "performance_baseline"], rollback_threshold_seconds: 60 },
    analysis: { interval: "30s", threshold: 1 },
    target: target(knobs),
  },
  guardrails: { deployment: { health_check_retries: 1 } },
  environments: { dev: { requires_approval: true, approvers: ["tech-lead"] }, production: {} },
});

const strategies = { canary: canaryDoc, blue_green: blueGreenDoc } as const;

/** Where to fail the completion write: the spec the deployment belongs to, and the step index. */
const writeFaults = new Map<string, number>();
const failsAtStep = (events: DomainEvent[]) =>
  events.some(
    (e) =>
      writeFaults.get(e.specId) === e.data.step &&
      (e.type === "deployment.step_completed" || (e.type === "deployment.analysis_completed" && e.data.passed === true)),
  );

let table: Awaited<ReturnType<typeof createTestTable>>;
let h: RolloutHarness;

beforeAll(async () => {
  table = await createTestTable();
  h = createRolloutHarness(table, { stepTable: faultyTable(table, failsAtStep) });
  await h.orchestrator.ready();
});
afterAll(async () => {
  await h.stop();
  await table.drop();
});

/** Deploys v1 cleanly, then v2 with `fault`; returns v2's end state and v1's deployment. */
async function rolloutWithFault(
  specId: string,
  document: Record<string, unknown>,
  fault: { step?: number; rejectGate?: boolean },
): Promise<{ stable: DeploymentView; failed: DeploymentView }> {
  h.specs.add(specId, 2, document);
  const clean = structuredClone(document) as { deployment: { target: unknown } };
  clean.deployment.target = target();
  h.specs.add(specId, 1, clean);
  const stable = await h.deploy(specId, 1, "dev");
  expect(stable.status).toBe("succeeded");
  if (fault.step !== undefined) writeFaults.set(specId, fault.step);
  const created = await h.service.create({ specId, version: 2, environment: "dev" }, deployer);
  if (!("deployment" in created)) throw new Error("expected a deployment");
  const failed = await h.settle(created.deployment.id, (view) =>
    h.service.decide(view.id, { decision: fault.rejectGate ? "reject" : "approve", comment: "looks off" }, approver),
  );
  return { stable, failed };
}

async function expectRolledBack(specId: string, stable: DeploymentView, failed: DeploymentView) {
  expect(failed.status).toBe("rolled_back");
  expect(failed.failure?.code).toBeTypeOf("string");
  const simulated = await h.simulated(specId, "dev");
  expect(simulated?.weights).toEqual({ stable: 100, candidate: 0 });
  expect(simulated?.stableVersion).toBe(1);
  expect(simulated?.prepared).not.toContain(2);
  const [dev] = await h.service.environments(specId);
  expect(dev).toMatchObject({ currentVersion: 1, lastDeploymentId: stable.id });
  expect(await h.lockHolder(specId, "dev")).toBeUndefined();
  expect(await h.activeIds()).not.toContain(failed.id);
  expect(failed.pendingCompensations).toEqual([]);
  expect(failed.compensationLog.length).toBeGreaterThan(0);
  expect(failed.compensationLog.every((entry) => entry.outcome === "completed")).toBe(true);
  expect(failed.compensationLog.at(-1)?.kind).toBe("teardown_candidate");
  expect(eventTypes(failed)).toContain("deployment.compensation_completed");
  expect(eventTypes(failed).at(-1)).toBe("deployment.rolled_back");
}

for (const [strategy, doc] of Object.entries(strategies)) {
  const plan = compilePlan({ specId: "p", version: 2, document: doc(), environment: "dev" });

  describe(`${strategy}: a fault at every step index rolls back`, () => {
    it(`has the plan the matrix expects (${plan.steps.length} steps)`, () => {
      expect(plan.steps.length).toBeGreaterThanOrEqual(12);
    });

    for (const step of plan.steps) {
      it(`step ${step.index} (${step.kind})`, async () => {
        const specId = `${strategy.replace("_", "-")}-fault-${step.index}`;
        const fault = step.kind === "approval" ? { rejectGate: true } : { step: step.index };
        const { stable, failed } = await rolloutWithFault(specId, doc(), fault);
        await expectRolledBack(specId, stable, failed);
        const failedAt = failed.timeline.find((e) => e.type === "deployment.rollback_started" || e.type === "deployment.rejected");
        expect(failedAt).toBeDefined();
        // Nothing after the faulty step ran.
        const completedSteps = failed.timeline.filter((e) => e.type === "deployment.step_completed").map((e) => e.data.step as number);
        expect(Math.max(-1, ...completedSteps)).toBeLessThan(step.index);
        if (step.kind === "approval") {
          expect(failed.failure).toMatchObject({ code: "APPROVAL_REJECTED", step: step.index });
          expect(failed.approvals[0]).toMatchObject({ status: "rejected", votes: [{ subject: "alice", decision: "reject", comment: "looks off" }] });
        } else {
          expect(failed.failure?.code).toBe("STEP_ERROR");
          expect(failed.failure?.message).toContain("injected");
        }
      }, 20_000);
    }
  });

  describe(`${strategy}: the simulated target's own faults roll back`, () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ["prepare fails", { fail_at: "prepare" }, "TARGET_ERROR", "prepare"],
      ["the candidate stays unhealthy", { fail_at: "health_check" }, "HEALTH_CHECK_FAILED", "health_check"],
      ["shifting traffic fails", { fail_at: "shift" }, "TARGET_ERROR", "shift"],
      ["the metrics are bad", { error_rate: 0.5 }, "ANALYSIS_FAILED", "analysis"],
      ["latency is too high", { latency_p99_ms: 5_000 }, "ANALYSIS_FAILED", "analysis"],
    ];
    for (const [name, knobs, code, kind] of cases) {
      it(name, async () => {
        const specId = `${strategy.replace("_", "-")}-${Object.keys(knobs)[0]!.replace(/_/g, "-")}-${String(Object.values(knobs)[0]).replace(/[._]/g, "-")}`;
        const { stable, failed } = await rolloutWithFault(specId, doc(knobs), {});
        await expectRolledBack(specId, stable, failed);
        expect(failed.failure?.code).toBe(code);
        expect(plan.steps[failed.failure!.step!]?.kind).toBe(kind);
        if (code === "ANALYSIS_FAILED") {
          // Flagger: a failed check re-checks at the same weight until `threshold` failures.
          expect(failed.analysis.failedChecks).toBe(plan.settings.analysisThreshold.value);
        }
      }, 20_000);
    }
  });
}

import { describe, expect, it } from "vitest";
import {
  createLocalOrchestrator,
  isTransientInfrastructureError,
  retryingTransientErrors,
  type StepRequest,
  type StepResult,
} from "@rollgate/core/workflow";
import { TargetError } from "@rollgate/core/target";

/** A DynamoDB throttle as the SDK throws it. */
function throttled(): Error {
  return Object.assign(new Error("Rate of requests exceeds the allowed throughput."), {
    name: "ThrottlingException",
    $metadata: { httpStatusCode: 400 },
  });
}

describe("transient infrastructure errors in a step are retried, not compensated", () => {
  it("classifies SDK throttles and dropped connections as transient, domain errors never", () => {
    expect(isTransientInfrastructureError(throttled())).toBe(true);
    expect(isTransientInfrastructureError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }))).toBe(true);
    expect(isTransientInfrastructureError(new Error("a bug"))).toBe(false);
    expect(isTransientInfrastructureError(new TargetError("the deployer said no"))).toBe(false);
  });

  it("an advance that is throttled twice is retried by the state machine and the rollout finishes without compensation", async () => {
    const calls: string[] = [];
    let throttles = 2;
    const handler = retryingTransientErrors(async (request: StepRequest): Promise<StepResult> => {
      calls.push(request.action);
      if (request.action === "advance" && throttles-- > 0) throw throttled();
      if (request.action === "advance") return { next: "done" };
      return { status: "rolled_back" };
    });
    const orchestrator = createLocalOrchestrator({ stepHandler: handler, waitScale: 0 });
    const { executionId } = await orchestrator.start({ deploymentId: "dep-transient", mode: "run" });
    const result = await orchestrator.waitForCompletion(executionId);
    expect(result.status).toBe("SUCCEEDED");
    expect(calls).toEqual(["advance", "advance", "advance"]);
  });

  it("a domain failure still goes straight to compensation", async () => {
    const calls: string[] = [];
    const handler = retryingTransientErrors(async (request: StepRequest): Promise<StepResult> => {
      calls.push(request.action);
      if (request.action === "advance") throw new TargetError("health check refused");
      return { status: "rolled_back" };
    });
    const orchestrator = createLocalOrchestrator({ stepHandler: handler, waitScale: 0 });
    const { executionId } = await orchestrator.start({ deploymentId: "dep-domain", mode: "run" });
    await orchestrator.waitForCompletion(executionId);
    expect(calls).toEqual(["advance", "compensate"]);
  });
});

describe("a resumed execution waits out the rest of an interrupted bake", () => {
  it("the first advance comes only after waitSeconds", async () => {
    const advancedAt: number[] = [];
    const orchestrator = createLocalOrchestrator({
      stepHandler: async (request: StepRequest): Promise<StepResult> => {
        if (request.action === "advance") advancedAt.push(Date.now());
        return request.action === "advance" ? { next: "done" } : { status: "rolled_back" };
      },
      waitScale: 1,
    });
    const started = Date.now();
    const { executionId } = await orchestrator.start({ deploymentId: "dep-resume-wait", mode: "run", waitSeconds: 1 });
    const result = await orchestrator.waitForCompletion(executionId);
    expect(result.status).toBe("SUCCEEDED");
    expect(advancedAt).toHaveLength(1);
    expect(advancedAt[0]! - started).toBeGreaterThanOrEqual(950);
  });
});

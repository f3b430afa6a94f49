import { describe, expect, it } from "vitest";
import { Logger } from "@aws-lambda-powertools/logger";
import {
  DEFAULT_GATE_TIMEOUT_SECONDS,
  MAX_TIMER_SECONDS,
  normalizeAdvanceResult,
  StepResultInvalidError,
  type StepRequest,
} from "@rollgate/core/workflow";
import { createStepLambdaHandler } from "../../packages/functions/src/step.js";

const logger = new Logger({ serviceName: "test", logLevel: "SILENT" });

describe("advance results as the state machine needs them", () => {
  it("rounds waits up to whole seconds (Wait's SecondsPath takes integers only)", () => {
    expect(normalizeAdvanceResult({ next: "wait", waitSeconds: 2.2 })).toEqual({ next: "wait", waitSeconds: 3 });
    expect(normalizeAdvanceResult({ next: "wait" })).toEqual({ next: "wait", waitSeconds: 0 });
  });

  it("always gives a gate a timeout within what both engines can hold", () => {
    expect(normalizeAdvanceResult({ next: "gate" })).toEqual({ next: "gate", gateTimeoutSeconds: DEFAULT_GATE_TIMEOUT_SECONDS });
    expect(normalizeAdvanceResult({ next: "gate", gateTimeoutSeconds: 0.4 })).toEqual({ next: "gate", gateTimeoutSeconds: 1 });
    expect(normalizeAdvanceResult({ next: "gate", gateTimeoutSeconds: 10 ** 9 })).toEqual({
      next: "gate",
      gateTimeoutSeconds: MAX_TIMER_SECONDS,
    });
  });

  it("rejects a result the loop cannot route", () => {
    expect(() => normalizeAdvanceResult({ next: "later" })).toThrow(StepResultInvalidError);
    expect(() => normalizeAdvanceResult({ next: "wait", waitSeconds: -1 })).toThrow(StepResultInvalidError);
  });
});

describe("the step Lambda handler", () => {
  it("passes a valid request to the step handler and normalizes an advance result", async () => {
    const seen: StepRequest[] = [];
    const handler = createStepLambdaHandler(
      async (request) => (seen.push(request), { next: "wait", waitSeconds: 29.5 }),
      { logger },
    );
    await expect(handler({ action: "advance", deploymentId: "dep-1" })).resolves.toEqual({ next: "wait", waitSeconds: 30 });
    expect(seen).toEqual([{ action: "advance", deploymentId: "dep-1" }]);
  });

  it("returns compensate results untouched", async () => {
    const handler = createStepLambdaHandler(async () => ({ status: "rolled_back" }), { logger });
    await expect(
      handler({ action: "compensate", deploymentId: "dep-1", error: { Error: "States.Timeout", Cause: "gate" } }),
    ).resolves.toEqual({ status: "rolled_back" });
  });

  it("rejects an event that is not a step request, by a stable error name", async () => {
    const handler = createStepLambdaHandler(async () => ({ next: "done" }), { logger });
    await expect(handler({ action: "explode", deploymentId: "dep-1" })).rejects.toMatchObject({
      name: "StepRequestInvalidError",
    });
    await expect(handler({ action: "openGate", deploymentId: "dep-1" })).rejects.toMatchObject({
      name: "StepRequestInvalidError",
    });
  });

  it("rethrows step errors with their name, so Retry/Catch can match them", async () => {
    const failure = Object.assign(new Error("shift failed"), { name: "TargetError" });
    const handler = createStepLambdaHandler(
      async () => {
        throw failure;
      },
      { logger },
    );
    await expect(handler({ action: "advance", deploymentId: "dep-1" })).rejects.toBe(failure);
  });
});

import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  buildStateMachineDefinition,
  MAX_TIMER_SECONDS,
  stateNames,
  waitForTaskTokenResource,
  type AslState,
} from "@rollgate/core/workflow";

const require = createRequire(import.meta.url);
// asl-validator is CommonJS without type declarations.
const aslValidator = require("asl-validator") as (
  definition: unknown,
  options?: { checkArn?: boolean; checkPaths?: boolean },
) => { isValid: boolean; errorsText: (separator?: string) => string };

const stepFunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:rollgate-step";
const definition = buildStateMachineDefinition({ stepFunctionArn });
const states = Object.entries(definition.States) as Array<[string, AslState]>;
const tasks = states.filter(([, state]) => state.Type === "Task");

function allKeysAndStrings(value: unknown, keys: string[] = [], strings: string[] = []) {
  if (typeof value === "string") strings.push(value);
  else if (Array.isArray(value)) value.forEach((v) => allKeysAndStrings(v, keys, strings));
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      keys.push(key);
      allKeysAndStrings(v, keys, strings);
    }
  }
  return { keys, strings };
}

describe("the state machine definition", () => {
  it("passes asl-validator with ARN and path checks", () => {
    // The validator annotates what it checks (QueryLanguage on each state), so give it a copy.
    const result = aslValidator(structuredClone(definition), { checkArn: true, checkPaths: true });
    expect(result.errorsText("\n")).toBe("");
    expect(result.isValid).toBe(true);
  });

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(definition))).toEqual(definition);
  });

  it("uses JSONPath only: no JSONata, no Assign, no Arguments/Output fields", () => {
    const { keys, strings } = allKeysAndStrings(definition);
    expect(keys).not.toContain("QueryLanguage");
    expect(keys).not.toContain("Assign");
    expect(keys).not.toContain("Arguments");
    expect(keys).not.toContain("Output");
    expect(strings.filter((s) => s.startsWith("{%"))).toEqual([]);
    for (const key of keys.filter((k) => k.endsWith(".$"))) expect(key).toMatch(/^[A-Za-z]+\.\$$/);
  });

  it("gives every Task an explicit timeout the local engine can hold", () => {
    expect(tasks.length).toBe(4);
    for (const [name, task] of tasks) {
      const seconds = task.TimeoutSeconds as number | undefined;
      const path = task.TimeoutSecondsPath as string | undefined;
      expect(seconds !== undefined || path !== undefined, `${name} has a timeout`).toBe(true);
      if (seconds !== undefined) expect(seconds).toBeLessThanOrEqual(MAX_TIMER_SECONDS);
    }
  });

  it("sends every failure of the forward path to Compensate, and a failing Compensate to Escalate", () => {
    for (const name of [stateNames.advance, stateNames.approvalGate]) {
      expect(definition.States[name]?.Catch).toEqual([
        { ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: stateNames.compensate },
      ]);
    }
    const compensate = definition.States[stateNames.compensate]!;
    expect(compensate.Retry).toEqual([expect.objectContaining({ ErrorEquals: ["States.ALL"], BackoffRate: 2 })]);
    expect((compensate.Retry as Array<{ MaxAttempts: number }>)[0]!.MaxAttempts).toBeGreaterThanOrEqual(3);
    expect(compensate.Catch).toEqual([expect.objectContaining({ Next: stateNames.escalate })]);
    expect(definition.States[stateNames.rollbackFailed]?.Type).toBe("Fail");
  });

  it("pauses approval gates on a task token, with the gate's own timeout", () => {
    const gate = definition.States[stateNames.approvalGate]!;
    expect(gate.Resource).toBe(waitForTaskTokenResource);
    expect(gate.Parameters).toMatchObject({
      FunctionName: stepFunctionArn,
      Payload: { action: "openGate", "taskToken.$": "$$.Task.Token" },
    });
    expect(gate.TimeoutSecondsPath).toBe("$.Payload.gateTimeoutSeconds");
  });

  it("invokes the step Lambda from every other Task", () => {
    for (const [name, task] of tasks.filter(([n]) => n !== stateNames.approvalGate)) {
      expect(task.Resource, name).toBe(stepFunctionArn);
    }
  });

  it("starts at compensation for mode=compensate, at Advance otherwise", () => {
    const start = definition.States[definition.StartAt]!;
    expect(start.Type).toBe("Choice");
    expect(start.Default).toBe(stateNames.advance);
    expect(JSON.stringify(start.Choices)).toContain('"StringEquals":"compensate"');
  });
});

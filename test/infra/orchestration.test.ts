import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { buildStateMachineDefinition, type StateMachineDefinition } from "@rollgate/core/workflow";
import type { Synthesized } from "../../scripts/synth.js";
import { functionByHandler, onlyResource, resolveIntrinsics, resourcesOf, statementsOf, synthesized, templateJson, type CfnTemplate } from "./app.js";

const require = createRequire(import.meta.url);
// asl-validator is CommonJS without type declarations.
const aslValidator = require("asl-validator") as (
  definition: unknown,
  options?: { checkArn?: boolean; checkPaths?: boolean },
) => { isValid: boolean; errorsText: (separator?: string) => string };

const stepArn = "arn:aws:lambda:us-east-1:123456789012:function:dev-rollgate-Step";

describe("Orchestration stack: the rollout state machine", () => {
  let app: Synthesized;
  let t: CfnTemplate;
  let stepId: string;
  let definition: StateMachineDefinition;
  let stateMachine: Record<string, any>;

  beforeAll(async () => {
    app = await synthesized("dev");
    t = templateJson(app, "Orchestration");
    [stepId] = functionByHandler(t, "packages/functions/src/step.handler");
    stateMachine = onlyResource(t, "AWS::StepFunctions::StateMachine")[1].Properties!;
    const text = resolveIntrinsics(stateMachine.DefinitionString, (ref) => {
      // The only reference in the definition is the step Lambda's ARN.
      expect(ref).toEqual({ "Fn::GetAtt": [stepId, "Arn"] });
      return stepArn;
    });
    definition = JSON.parse(text);
  });

  it("runs exactly the definition core's builder produces (no second copy)", () => {
    expect(definition).toEqual(buildStateMachineDefinition({ stepFunctionArn: stepArn }));
  });

  it("passes asl-validator", () => {
    const result = aslValidator(structuredClone(definition), { checkArn: true, checkPaths: true });
    expect(result.errorsText("\n")).toBe("");
    expect(result.isValid).toBe(true);
  });

  it("is a Standard workflow logging ALL events to CloudWatch Logs, without execution data, with tracing", () => {
    expect(stateMachine.StateMachineType).toBe("STANDARD");
    expect(stateMachine.TracingConfiguration).toEqual({ Enabled: true });
    expect(stateMachine.LoggingConfiguration.Level).toBe("ALL");
    // execution data would put approval-gate task tokens (bearer secrets) in the logs
    expect(stateMachine.LoggingConfiguration.IncludeExecutionData).toBe(false);
    const logGroupId = stateMachine.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn["Fn::GetAtt"][0];
    expect(t.Resources[logGroupId]).toMatchObject({ Type: "AWS::Logs::LogGroup", Properties: { RetentionInDays: 30 } });
  });

  it("gives each step call more time than the step Lambda has, so Lambda ends a stuck step first", () => {
    const lambdaTimeout = t.Resources[stepId]!.Properties!.Timeout as number;
    const tasks = Object.values(definition.States).filter((s) => s.Type === "Task");
    expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks.filter((s) => s.TimeoutSeconds !== undefined)) {
      expect(task.TimeoutSeconds as number).toBeGreaterThan(lambdaTimeout);
    }
  });

  it("lets the state machine invoke the step Lambda and nothing else", () => {
    const roleId = stateMachine.RoleArn["Fn::GetAtt"][0];
    const statements = statementsOf(t, roleId);
    const invoke = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith("lambda:")));
    expect(invoke).toEqual([
      { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: { "Fn::GetAtt": [stepId, "Arn"] } },
    ]);
    // the rest is what CDK adds for logging and tracing
    const others = statements.filter((s) => !invoke.includes(s)).flatMap((s) => [s.Action].flat());
    for (const action of others) expect(action).toMatch(/^(logs|xray):[A-Za-z]+$/);
    for (const s of statements) expect(resourcesOf(s).length).toBeGreaterThan(0);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import type { Synthesized } from "../../scripts/synth.js";
import { resumeTableActions } from "../../stacks/permissions.js";
import { actionsOf, functionByHandler, onlyResource, readable, resourcesOf, statementsOfFunction, synthesized, templateJson, type CfnTemplate } from "./app.js";

/**
 * The scheduled sweep that resumes in-flight deployments nothing drives (a lost
 * StartExecution answer, a crash between a launch and its record): a rule every five
 * minutes invoking the resume function, which may read and record deployments and start
 * and describe executions of the rollout state machine, and nothing else.
 */
describe("Orchestration stack: the in-flight sweep", () => {
  let app: Synthesized;
  let t: CfnTemplate;
  let resumeId: string;
  let stateMachineId: string;
  beforeAll(async () => {
    app = await synthesized("dev");
    t = templateJson(app, "Orchestration");
    [resumeId] = functionByHandler(t, "packages/functions/src/resume.handler");
    [stateMachineId] = onlyResource(t, "AWS::StepFunctions::StateMachine");
  });

  it("runs every five minutes, invoking the resume function (and the rule may invoke it)", () => {
    const [ruleId, rule] = onlyResource(t, "AWS::Events::Rule");
    expect(rule.Properties).toMatchObject({ ScheduleExpression: "rate(5 minutes)", State: "ENABLED" });
    expect(rule.Properties!.Targets).toHaveLength(1);
    expect(rule.Properties!.Targets[0].Arn).toEqual({ "Fn::GetAtt": [resumeId, "Arn"] });
    const [, permission] = onlyResource(t, "AWS::Lambda::Permission", (r) => JSON.stringify(r.Properties?.SourceArn ?? "").includes(ruleId));
    expect(permission.Properties).toMatchObject({ Action: "lambda:InvokeFunction", Principal: "events.amazonaws.com", FunctionName: { "Fn::GetAtt": [resumeId, "Arn"] } });
  });

  it("knows the table and the state machine, and has less time than the rule's interval", () => {
    const fn = t.Resources[resumeId]!.Properties!;
    expect(fn.Environment.Variables).toMatchObject({ ROLLGATE_STATE_MACHINE_ARN: { Ref: stateMachineId } });
    expect(readable(fn.Environment.Variables.ROLLGATE_TABLE_NAME)).toContain("dev-rollgate-Storage");
    expect(fn.Timeout).toBeLessThan(5 * 60);
  });

  it("may query and read the table and put items in it, start executions of the state machine and describe them: nothing else", () => {
    const policy: Record<string, string[]> = {};
    for (const s of statementsOfFunction(t, resumeId)) {
      expect(s.Effect).toBe("Allow");
      for (const action of actionsOf(s)) (policy[action] ??= []).push(...resourcesOf(s).map(readable));
    }
    expect(Object.keys(policy).sort()).toEqual([...resumeTableActions, "states:DescribeExecution", "states:StartExecution", "xray:PutTelemetryRecords", "xray:PutTraceSegments"].sort());
    const tableArn = "<import:dev-rollgate-Storage:ExportsOutputFnGetAttTableCD117FA1ArnE2C8C204>";
    for (const action of resumeTableActions) expect(policy[action]).toEqual([tableArn]);
    expect(policy["states:StartExecution"]).toEqual([`<ref:${stateMachineId}>`]);
    expect(policy["states:DescribeExecution"]).toEqual(["arn:aws:states:us-east-1:123456789012:execution:dev-rollgate-Rollout:*"]);
    // No Scan, no deletes, no secrets, no stopping executions or answering gates.
    for (const absent of ["dynamodb:Scan", "dynamodb:DeleteItem", "ssm:GetParameters", "states:StopExecution", "states:SendTaskSuccess"]) expect(policy).not.toHaveProperty(absent);
  });
});

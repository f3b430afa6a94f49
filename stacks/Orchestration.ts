/**
 * The rollout state machine and the step Lambda it drives. The definition is core's
 * builder output, passed through unchanged, so Step Functions runs exactly what the local
 * engine runs.
 */
import { Cron, Function, use, type StackContext } from "sst/constructs";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from "aws-cdk-lib/aws-stepfunctions";
import { buildStateMachineDefinition } from "@rollgate/core/workflow";
import { Api } from "./Api.js";
import { functionDefaults, functionLogGroup, logRetention } from "./defaults.js";
import { suppressExecutionWildcard, suppressFunctionFindings, suppressLambdaTargetFindings, suppressStateMachineFindings } from "./nag.js";
import { rolloutExecutionsArn, rolloutStateMachineName } from "./naming.js";
import { lambdaTargetStatements, resumeTableAccess, tableReadWrite } from "./permissions.js";
import { Secrets } from "./Secrets.js";
import { Storage } from "./Storage.js";

/** Below the builder's per-call TimeoutSeconds (300 s), so Lambda ends a stuck step first. */
export const stepTimeoutSeconds = 120;

export function Orchestration({ stack, app }: StackContext) {
  const { table } = use(Storage);
  const secrets = use(Secrets);
  const { api } = use(Api);

  const stepFunction = new Function(stack, "Step", {
    ...functionDefaults,
    handler: "packages/functions/src/step.handler",
    timeout: stepTimeoutSeconds,
    logGroup: functionLogGroup(stack, "Step"),
    environment: {
      ...functionDefaults.environment,
      ROLLGATE_TABLE_NAME: table.tableName,
      // approval links the step Lambda mints point at the API
      ROLLGATE_PUBLIC_BASE_URL: api.url,
      // with it (deploy time), new approval links are sealed for the delivery function, which POSTs them
      ...(process.env.ROLLGATE_APPROVAL_WEBHOOK_URL ? { ROLLGATE_APPROVAL_WEBHOOK_URL: process.env.ROLLGATE_APPROVAL_WEBHOOK_URL } : {}),
    },
    // Seals new approval links; it never sends them (no WEBHOOK_SECRET here).
    bind: [secrets.sealingKey],
  });
  stepFunction.addToRolePolicy(tableReadWrite(table));
  const lambdaTargets = lambdaTargetStatements(stack, process.env.ROLLGATE_LAMBDA_TARGETS);
  for (const statement of lambdaTargets) stepFunction.addToRolePolicy(statement);
  suppressFunctionFindings(stepFunction);
  if (lambdaTargets.length > 0) suppressLambdaTargetFindings(stepFunction);

  const definition = buildStateMachineDefinition({ stepFunctionArn: stepFunction.functionArn });
  const stateMachine = new StateMachine(stack, "Rollout", {
    stateMachineName: rolloutStateMachineName(app),
    stateMachineType: StateMachineType.STANDARD,
    definitionBody: DefinitionBody.fromString(JSON.stringify(definition)),
    tracingEnabled: true,
    logs: {
      destination: new LogGroup(stack, "RolloutLogs", { retention: logRetention }),
      level: LogLevel.ALL,
      // Execution data includes approval-gate task tokens, which are bearer secrets.
      includeExecutionData: false,
    },
  });
  // Both the plain Task resource and lambda:invoke.waitForTaskToken call the unqualified ARN.
  stateMachine.addToRolePolicy(
    new PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [stepFunction.functionArn] }),
  );

  suppressStateMachineFindings(stateMachine);

  // A lost StartExecution answer or a crash between a launch and its record can leave a
  // deployment in flight with nothing driving it: a sweep resumes it, as `npm start` does.
  const resumeFunction = new Function(stack, "Resume", {
    ...functionDefaults,
    handler: "packages/functions/src/resume.handler",
    timeout: 60,
    logGroup: functionLogGroup(stack, "Resume"),
    environment: {
      ...functionDefaults.environment,
      ROLLGATE_TABLE_NAME: table.tableName,
      ROLLGATE_STATE_MACHINE_ARN: stateMachine.stateMachineArn,
    },
  });
  resumeFunction.addToRolePolicy(resumeTableAccess(table));
  resumeFunction.addToRolePolicy(new PolicyStatement({ actions: ["states:StartExecution"], resources: [stateMachine.stateMachineArn] }));
  // Whether the recorded execution still runs; and the launch's own name on a retried start.
  resumeFunction.addToRolePolicy(new PolicyStatement({ actions: ["states:DescribeExecution"], resources: [rolloutExecutionsArn(stack, app)] }));
  new Cron(stack, "ResumeInFlight", { schedule: "rate(5 minutes)", job: resumeFunction });
  suppressFunctionFindings(resumeFunction);
  suppressExecutionWildcard(resumeFunction);

  stack.addOutputs({ StateMachineArn: stateMachine.stateMachineArn });
  return { stateMachine, stepFunction, resumeFunction };
}

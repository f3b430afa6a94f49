/**
 * cdk-nag (AwsSolutions) suppressions, each with its reason. They sit next to the
 * resources they excuse, through these helpers, and the infra tests fail on any finding
 * that is not suppressed here.
 */
import type { Stack } from "aws-cdk-lib";
import type { IConstruct } from "constructs";
import { NagSuppressions, type NagPackSuppression } from "cdk-nag";

const basicExecutionRole: NagPackSuppression = {
  id: "AwsSolutions-IAM4",
  reason: "AWSLambdaBasicExecutionRole is AWS's standard Lambda execution policy; it only writes CloudWatch Logs.",
  appliesTo: ["Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
};

/** Findings every Rollgate function has: the execution policy, tracing, the pinned runtime. */
export function suppressFunctionFindings(fn: IConstruct, options: { listsStreams?: boolean } = {}): void {
  NagSuppressions.addResourceSuppressions(
    fn,
    [
      basicExecutionRole,
      {
        id: "AwsSolutions-IAM5",
        reason: options.listsStreams
          ? "X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) and dynamodb:ListStreams (needed by the stream event source mapping) have no resource-level permissions."
          : "X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) have no resource-level permissions.",
        appliesTo: ["Resource::*"],
      },
      {
        id: "AwsSolutions-L1",
        reason: "Pinned to nodejs22.x, the newest Node LTS line the code is tested on; raised deliberately, not by the linter.",
      },
    ],
    true,
  );
}

/** The state machine's role: what CDK adds for logging and tracing. */
export function suppressStateMachineFindings(stateMachine: IConstruct): void {
  NagSuppressions.addResourceSuppressions(
    stateMachine,
    [
      {
        id: "AwsSolutions-IAM5",
        reason: "CloudWatch Logs vended-log delivery and X-Ray actions, added by CDK for logging and tracing, have no resource-level permissions.",
        appliesTo: ["Resource::*"],
      },
    ],
    true,
  );
}

/** StopExecution/DescribeExecution act on executions, whose names exist only at run time. */
export function suppressExecutionWildcard(fn: IConstruct): void {
  NagSuppressions.addResourceSuppressions(
    fn,
    [
      {
        id: "AwsSolutions-IAM5",
        reason: "Executions are named at run time; the wildcard is limited to this state machine's executions.",
        appliesTo: [{ regex: "/^Resource::arn:<AWS::Partition>:states:[^:]*:[^:]*:execution:.*:\\*$/g" }],
      },
    ],
    true,
  );
}

/** The opt-in `lambda-alias` target: versions/aliases of the named functions, and metrics. */
export function suppressLambdaTargetFindings(fn: IConstruct): void {
  NagSuppressions.addResourceSuppressions(
    fn,
    [
      {
        id: "AwsSolutions-IAM5",
        reason: "The lambda-alias target publishes versions and moves aliases of the functions named in ROLLGATE_LAMBDA_TARGETS (qualified ARNs); GetMetricData has no resource-level permissions.",
        appliesTo: ["Resource::*", { regex: "/^Resource::.*:\\*$/g" }],
      },
    ],
    true,
  );
}

/** SST adds a custom-resource Lambda to every stack; it runs only during deploys. */
export function suppressSstInternals(stack: Stack & { customResourceHandler?: IConstruct }): void {
  if (!stack.customResourceHandler) return;
  NagSuppressions.addResourceSuppressions(
    stack.customResourceHandler,
    [
      basicExecutionRole,
      { id: "AwsSolutions-L1", reason: "SST's own custom-resource handler; SST sets its runtime and it runs only during deploys." },
    ],
    true,
  );
}

/**
 * The state machine's name is fixed per stage so the API stack can address it by ARN
 * without a CloudFormation reference: the API comes first because the step Lambda needs the
 * API's URL for approval links, and references both ways would be a cycle.
 */
import { ArnFormat, Stack } from "aws-cdk-lib";
import type { App } from "sst/constructs";

export function rolloutStateMachineName(app: Pick<App, "logicalPrefixedName">): string {
  return app.logicalPrefixedName("Rollout");
}

export function rolloutStateMachineArn(stack: Stack, app: Pick<App, "logicalPrefixedName">): string {
  return stack.formatArn({
    service: "states",
    resource: "stateMachine",
    resourceName: rolloutStateMachineName(app),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** Every execution of the rollout state machine (what StopExecution/DescribeExecution act on). */
export function rolloutExecutionsArn(stack: Stack, app: Pick<App, "logicalPrefixedName">): string {
  return stack.formatArn({
    service: "states",
    resource: "execution",
    resourceName: `${rolloutStateMachineName(app)}:*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

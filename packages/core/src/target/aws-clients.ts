import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { LambdaClient } from "@aws-sdk/client-lambda";

/**
 * The SDK clients the lambda-alias target uses, built from core's own SDK copies so that
 * commands and clients always come from the same package version.
 */
export function createTargetAwsClients(options: { region?: string } = {}) {
  const region = options.region ?? process.env.AWS_REGION ?? "us-east-1";
  return { lambda: new LambdaClient({ region }), cloudwatch: new CloudWatchClient({ region }) };
}

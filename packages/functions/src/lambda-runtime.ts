import { LambdaClient } from "@aws-sdk/client-lambda";
import { SFNClient } from "@aws-sdk/client-sfn";
import { createSealer } from "@rollgate/core/sealing";
import { createDynamoClient } from "@rollgate/core/store";
import { createSfnOrchestrator } from "@rollgate/core/workflow";
import { createLogger } from "./logger.js";
import { loadBoundSecrets } from "./secrets.js";
import { createSlackSelfInvoke } from "./slack-jobs.js";
import { createRuntime, createSagaStepHandler, slackSettingsFromEnv, type Runtime } from "./wiring.js";

/**
 * The Lambda side of the composition root: runtimes built once per container from the
 * environment the stack sets (table, state machine, URLs) and the bound SST Config secrets
 * (SSM), read once at cold start.
 */

let secretsOnce: Promise<Record<string, string>> | undefined;
function secrets(): Promise<Record<string, string>> {
  secretsOnce ??= loadBoundSecrets().catch((error: unknown) => {
    secretsOnce = undefined; // a failed read (throttling) is retried by the next invocation
    throw error;
  });
  return secretsOnce;
}

/** The API's runtime; CURSOR_SECRET is required, ADMIN_TOKEN optional. */
export async function createLambdaRuntime(): Promise<Runtime> {
  const bound = await secrets();
  const cursorSecret = bound.CURSOR_SECRET ?? process.env.ROLLGATE_CURSOR_SECRET;
  if (!cursorSecret) throw new Error("The CURSOR_SECRET secret is not set: `npx sst secrets set CURSOR_SECRET <value> --stage <stage>`.");
  const runtime = createRuntime(
    {
      tableName: required("ROLLGATE_TABLE_NAME"),
      region: process.env.AWS_REGION,
      cursorSecret,
      publicBaseUrl: process.env.ROLLGATE_PUBLIC_BASE_URL,
      // The Slack app: its two secrets from SST, the rest from the stack's environment.
      slack: slackSettingsFromEnv(process.env, { signingSecret: bound.SLACK_SIGNING_SECRET, botToken: bound.SLACK_BOT_TOKEN }),
    },
    {
      kind: "remote",
      orchestrator: createSfnOrchestrator({
        client: new SFNClient({ region: process.env.AWS_REGION }),
        stateMachineArn: required("ROLLGATE_STATE_MACHINE_ARN"),
      }),
    },
    {
      // Slack work continues in an async invoke of this same function (api.ts runs it).
      slackBackground: createSlackSelfInvoke({ client: new LambdaClient({ region: process.env.AWS_REGION }), functionName: required("AWS_LAMBDA_FUNCTION_NAME") }),
    },
  );
  // The first admin token (the ADMIN_TOKEN secret, stored hashed), as `npm start` does.
  if (bound.ADMIN_TOKEN) await runtime.services.tokens.ensure(bound.ADMIN_TOKEN, { subject: "admin", scopes: ["admin"] }, "bootstrap");
  return runtime;
}

/** The step Lambda's handler: table, targets, and the sealing of new approval links. */
export async function createLambdaStepHandler() {
  const bound = await secrets();
  const logger = createLogger();
  const table = { client: createDynamoClient({ region: process.env.AWS_REGION }), tableName: required("ROLLGATE_TABLE_NAME") };
  // With ROLLGATE_APPROVAL_WEBHOOK_URL, new approval links are sealed (SEALING_KEY) in the
  // gate's transaction; the delivery function POSTs them (deliveries.ts), never this step.
  // Without it, approvers decide through the API, the dashboard or Slack.
  const linksWanted = Boolean(process.env.ROLLGATE_APPROVAL_WEBHOOK_URL);
  if (linksWanted && !bound.SEALING_KEY) {
    logger.error("ROLLGATE_APPROVAL_WEBHOOK_URL is set but the SEALING_KEY secret is not: approval links cannot be kept for delivery (`npx sst secrets set SEALING_KEY <32 random bytes, base64>`)");
  }
  return createSagaStepHandler(
    { region: process.env.AWS_REGION, publicBaseUrl: process.env.ROLLGATE_PUBLIC_BASE_URL },
    { logger, table, ...(linksWanted && bound.SEALING_KEY ? { sealer: createSealer(bound.SEALING_KEY) } : {}) },
  );
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the stack sets it on every Rollgate function.`);
  return value;
}

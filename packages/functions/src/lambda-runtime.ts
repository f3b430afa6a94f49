import { Config } from "sst/node/config";
import { SFNClient } from "@aws-sdk/client-sfn";
import { createWebhookLinkDelivery } from "@rollgate/core/approval";
import { createDynamoClient } from "@rollgate/core/store";
import { createSfnOrchestrator } from "@rollgate/core/workflow";
import { createLogger } from "./logger.js";
import { createRuntime, createSagaStepHandler, type Runtime } from "./wiring.js";

let runtime: Runtime | undefined;

/**
 * The API's runtime in a Lambda container: built once per container from the environment
 * the stack sets (table, state machine) and SST Config secrets (SSM).
 */
export function createLambdaRuntime(): Runtime {
  runtime ??= createRuntime(
    {
      tableName: required("ROLLGATE_TABLE_NAME"),
      region: process.env.AWS_REGION,
      cursorSecret: secret("CURSOR_SECRET") ?? required("ROLLGATE_CURSOR_SECRET"),
      publicBaseUrl: process.env.ROLLGATE_PUBLIC_BASE_URL,
    },
    {
      kind: "remote",
      orchestrator: createSfnOrchestrator({
        client: new SFNClient({ region: process.env.AWS_REGION }),
        stateMachineArn: required("ROLLGATE_STATE_MACHINE_ARN"),
      }),
    },
  );
  return runtime;
}

/**
 * Once per container, before the first request: make sure the first admin token (the
 * ADMIN_TOKEN secret) exists, stored hashed, as `npm start` does with ROLLGATE_ADMIN_TOKEN.
 */
export async function bootstrapAdminToken(runtime: Runtime): Promise<void> {
  const adminToken = secret("ADMIN_TOKEN");
  if (!adminToken) return;
  await runtime.services.tokens.ensure(adminToken, { subject: "admin", scopes: ["admin"] }, "bootstrap");
}

/** The step Lambda's handler dependencies: table, targets, approval-link delivery. */
export function createLambdaStepHandler() {
  const logger = createLogger();
  const table = { client: createDynamoClient({ region: process.env.AWS_REGION }), tableName: required("ROLLGATE_TABLE_NAME") };
  // New approval links go to ROLLGATE_APPROVAL_WEBHOOK_URL (the chat-ops bot, say), signed
  // with WEBHOOK_SECRET; without it, approvers decide through the API.
  const webhookUrl = process.env.ROLLGATE_APPROVAL_WEBHOOK_URL;
  const webhookSecret = secret("WEBHOOK_SECRET");
  return createSagaStepHandler(
    { region: process.env.AWS_REGION, publicBaseUrl: process.env.ROLLGATE_PUBLIC_BASE_URL },
    {
      logger,
      table,
      targetEnv: targetEnv(),
      ...(webhookUrl && webhookSecret ? { deliverApprovalLink: createWebhookLinkDelivery({ url: webhookUrl, secret: webhookSecret }) } : {}),
    },
  );
}

/** Webhook targets name an env var (`secret_env`); in AWS the value comes from the WEBHOOK_SECRET Config secret. */
function targetEnv(): Record<string, string | undefined> {
  const webhook = secret("WEBHOOK_SECRET");
  return webhook ? { ...process.env, ROLLGATE_WEBHOOK_SECRET: webhook } : process.env;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the stack sets it on every Rollgate function.`);
  return value;
}

/** A bound SST secret, or undefined where this function has none bound. */
function secret(name: string): string | undefined {
  try {
    return (Config as unknown as Record<string, string | undefined>)[name];
  } catch {
    return undefined;
  }
}

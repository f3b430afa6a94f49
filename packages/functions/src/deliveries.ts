/**
 * Lambda handler that attempts webhook deliveries (webhooks/dispatch.ts), apart from the
 * outbox relay so that a receiver that hangs until its timeout never holds up the relay's
 * shard (and with it every other channel). Invoked by the table's stream for new delivery
 * items (their first attempt) and by a one-minute schedule (retries whose backoff ran out,
 * and manual retries). Every outcome is recorded on its delivery item, so it never fails
 * the batch; the stream record only says "there is work". Each channel has its own lane
 * (core webhooks/lanes.ts), the same code the local delivery loop runs: a hanging receiver
 * holds its own attempts, not the other channels' (they keep taking work within the
 * invocation); no attempt starts when it could not be recorded before the timeout.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { createApprovalLinkChannel, createWebhookLinkSink, LinkDeliveryError } from "@rollgate/core/approval";
import { createSealer } from "@rollgate/core/sealing";
import type { Context } from "aws-lambda";
import { createCursorCodec, createDynamoClient, keys } from "@rollgate/core/store";
import { createSlackCardChannel } from "@rollgate/core/slack";
import { createWebhookDispatcher, createWebhookStore, type WebhookDispatcher } from "@rollgate/core/webhooks";
import { loadBoundSecrets } from "./secrets.js";

const logger = new Logger({ serviceName: "rollgate" });
const tableName = process.env.ROLLGATE_TABLE_NAME;
if (!tableName) throw new Error("ROLLGATE_TABLE_NAME is not set: the stack sets it on every Rollgate function.");
const table = { client: createDynamoClient({ region: process.env.AWS_REGION }), tableName };
// Nothing here lists, so the cursor codec signs nothing that leaves the function.
const store = createWebhookStore({ table, cursors: createCursorCodec("deliveries") });
const deliveryAttempts = 8;

/**
 * Built at the first invocation: Slack release cards (the SLACK_BOT_TOKEN secret) and
 * approval links ride on the same delivery items, each as its own channel. A failed secrets read is retried next time.
 */
let ready: Promise<WebhookDispatcher> | undefined;
function dispatcher(): Promise<WebhookDispatcher> {
  ready ??= loadBoundSecrets().then(
    (secrets) => {
      const botToken = secrets.SLACK_BOT_TOKEN;
      const slack = botToken
        ? createSlackCardChannel({
            table,
            store,
            settings: {
              botToken,
              ...(process.env.ROLLGATE_SLACK_API_URL ? { apiUrl: process.env.ROLLGATE_SLACK_API_URL } : {}),
              ...(process.env.ROLLGATE_SLACK_TEAM_ID ? { teamId: process.env.ROLLGATE_SLACK_TEAM_ID } : {}),
              ...(process.env.ROLLGATE_SLACK_CHANNEL ? { defaultChannel: process.env.ROLLGATE_SLACK_CHANNEL } : {}),
            },
          })
        : undefined;
      // Approval links (ROLLGATE_APPROVAL_WEBHOOK_URL): opened with SEALING_KEY, POSTed signed with WEBHOOK_SECRET.
      // A missing secret fails each attempt, so the gate's timeline ends up saying why.
      const approvalUrl = process.env.ROLLGATE_APPROVAL_WEBHOOK_URL;
      const approvalLinks = approvalUrl
        ? createApprovalLinkChannel({
            table,
            store,
            ...(secrets.SEALING_KEY ? { sealer: createSealer(secrets.SEALING_KEY) } : {}),
            send: secrets.WEBHOOK_SECRET
              ? createWebhookLinkSink({ url: approvalUrl, secret: secrets.WEBHOOK_SECRET })
              : () => {
                  throw new LinkDeliveryError("the WEBHOOK_SECRET secret is not set on the delivery function", "WEBHOOK_SECRET_MISSING");
                },
            maxAttempts: deliveryAttempts,
          })
        : undefined;
      return createWebhookDispatcher({
        store,
        channels: {
          ...(slack ? { [keys.slackDeliveryChannel()]: slack } : {}),
          ...(approvalLinks ? { [keys.approvalLinkDeliveryChannel()]: approvalLinks } : {}),
        },
        // Spelled out: the approval-link channel must know which attempt is the last.
        options: { maxAttempts: deliveryAttempts },
        onError: (message, details) => logger.error(message, details),
      });
    },
    (error: unknown) => {
      ready = undefined;
      throw error;
    },
  );
  return ready;
}

/** Attempts start only while one can still finish and be recorded within the invocation. */
const attemptBudgetMs = 5_000 + 10_000;

export async function handler(_event: unknown, context?: Pick<Context, "getRemainingTimeInMillis">): Promise<void> {
  const startWithinMs = context ? Math.max(0, context.getRemainingTimeInMillis() - attemptBudgetMs) : undefined;
  const round = await (await dispatcher()).deliverDue(startWithinMs === undefined ? {} : { startWithinMs });
  logger.info("delivery round", { ...round });
}

/**
 * Lambda handler for the table's stream (the outbox relay). The event source mapping
 * reports batch item failures, bisects on error and sends exhausted batches to a DLQ;
 * this handler only decodes, publishes and reports which records to retry.
 *
 * Channels: logs, alert metrics, and one webhook delivery item per matching subscription
 * (an idempotent write, so a retried record never sends twice), and one Slack delivery item
 * per card event when Slack is on. The deliveries themselves
 * are attempted by their own function (deliveries.ts), so a slow receiver never holds up
 * this shard. The local runtime runs the same two pieces (stream poller, delivery loop).
 */
import { Logger } from "@aws-lambda-powertools/logger";
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import {
  createAlertMetricsNotifier,
  createFanoutNotifier,
  createLoggingNotifier,
  processStreamBatch,
} from "@rollgate/core/events";
import { createCursorCodec, createDynamoClient } from "@rollgate/core/store";
import { createSlackFanOut } from "@rollgate/core/slack";
import { createApprovalLinkFanOut } from "@rollgate/core/approval";
import { createWebhookDispatcher, createWebhookStore, type WebhookStore } from "@rollgate/core/webhooks";

const logger = new Logger({ serviceName: "rollgate" });
const tableName = process.env.ROLLGATE_TABLE_NAME;
// The relay never lists anything, so its cursor codec signs nothing that leaves it.
const store: WebhookStore | undefined = tableName
  ? createWebhookStore({ table: { client: createDynamoClient({ region: process.env.AWS_REGION }), tableName }, cursors: createCursorCodec("relay") })
  : undefined;
const webhooks = store ? createWebhookDispatcher({ store, onError: (message, details) => logger.error(message, details) }) : undefined;
// Slack release cards (ROLLGATE_SLACK_CARDS=on): delivery items too, attempted by deliveries.ts.
const slackCards = store && process.env.ROLLGATE_SLACK_CARDS === "on" ? createSlackFanOut(store) : undefined;
// Approval links (ROLLGATE_APPROVAL_WEBHOOK_URL): one delivery item per opened gate, attempted by deliveries.ts.
const approvalLinks = store && process.env.ROLLGATE_APPROVAL_WEBHOOK_URL ? createApprovalLinkFanOut(store) : undefined;
const notifier = createFanoutNotifier([
  createLoggingNotifier({ logger }),
  createAlertMetricsNotifier({ stage: process.env.SST_STAGE ?? "unknown" }),
  ...(webhooks ? [webhooks.fanOut] : []),
  ...(slackCards ? [slackCards] : []),
  ...(approvalLinks ? [approvalLinks] : []),
]);

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  return processStreamBatch(event.Records, notifier, {
    onFailure: ({ sequenceNumber, error }) =>
      logger.error("relay stopped at a record; it and the rest of the batch will be retried", {
        sequenceNumber,
        error: error as Error,
      }),
  });
}

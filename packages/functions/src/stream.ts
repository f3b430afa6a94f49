/**
 * Lambda handler for the table's stream (the outbox relay). The event source mapping
 * reports batch item failures, bisects on error and sends exhausted batches to a DLQ;
 * this handler only decodes, publishes and reports which records to retry.
 *
 * Channels: logs, alert metrics, and one webhook delivery item per matching subscription
 * (an idempotent write, so a retried record never sends twice). After a batch it attempts
 * the deliveries that are due; a schedule invokes it too (no `Records`), for the retries
 * of deliveries whose backoff has run out. The local runtime runs the same two pieces.
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
import { createWebhookDispatcher, createWebhookStore } from "@rollgate/core/webhooks";

const logger = new Logger({ serviceName: "rollgate" });
const tableName = process.env.ROLLGATE_TABLE_NAME;
const webhooks = tableName
  ? createWebhookDispatcher({
      // The relay never lists anything, so its cursor codec signs nothing that leaves it.
      store: createWebhookStore({ table: { client: createDynamoClient({ region: process.env.AWS_REGION }), tableName }, cursors: createCursorCodec("relay") }),
      onError: (message, details) => logger.error(message, details),
    })
  : undefined;
const notifier = createFanoutNotifier([
  createLoggingNotifier({ logger }),
  createAlertMetricsNotifier({ stage: process.env.SST_STAGE ?? "unknown" }),
  ...(webhooks ? [webhooks.fanOut] : []),
]);

export async function handler(event: DynamoDBStreamEvent | Record<string, unknown>): Promise<DynamoDBBatchResponse | void> {
  if (!Array.isArray((event as DynamoDBStreamEvent).Records)) {
    // The schedule: only retries of due webhook deliveries.
    if (webhooks) logger.info("webhook delivery round", await webhooks.deliverDue());
    return;
  }
  const result = await processStreamBatch((event as DynamoDBStreamEvent).Records, notifier, {
    onFailure: ({ sequenceNumber, error }) =>
      logger.error("relay stopped at a record; it and the rest of the batch will be retried", {
        sequenceNumber,
        error: error as Error,
      }),
  });
  // A delivery failure is recorded on its item, never a batch failure: the stream moves on.
  if (webhooks) await webhooks.deliverDue().catch((error: unknown) => logger.error("webhook delivery round failed", { error: error as Error }));
  return result;
}

/**
 * Lambda handler for the table's stream (the outbox relay). The event source mapping
 * reports batch item failures, bisects on error and sends exhausted batches to a DLQ;
 * this handler only decodes, publishes and reports which records to retry.
 *
 * Channels: logs, alert metrics, and one webhook delivery item per matching subscription
 * (an idempotent write, so a retried record never sends twice). The deliveries themselves
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

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  return processStreamBatch(event.Records, notifier, {
    onFailure: ({ sequenceNumber, error }) =>
      logger.error("relay stopped at a record; it and the rest of the batch will be retried", {
        sequenceNumber,
        error: error as Error,
      }),
  });
}

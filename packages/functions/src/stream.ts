/**
 * Lambda handler for the table's stream (the outbox relay). The event source mapping
 * reports batch item failures, bisects on error and sends exhausted batches to a DLQ;
 * this handler only decodes, publishes and reports which records to retry.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import {
  createAlertMetricsNotifier,
  createFanoutNotifier,
  createLoggingNotifier,
  processStreamBatch,
} from "@rollgate/core/events";

const logger = new Logger({ serviceName: "rollgate" });
const notifier = createFanoutNotifier([
  createLoggingNotifier({ logger }),
  createAlertMetricsNotifier({ stage: process.env.SST_STAGE ?? "unknown" }),
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

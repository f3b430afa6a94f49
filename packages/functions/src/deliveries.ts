/**
 * Lambda handler that attempts webhook deliveries (webhooks/dispatch.ts), apart from the
 * outbox relay so that a receiver that hangs until its timeout never holds up the relay's
 * shard (and with it every other channel). Invoked by the table's stream for new delivery
 * items (their first attempt) and by a one-minute schedule (retries whose backoff ran out,
 * and manual retries). Every outcome is recorded on its delivery item, so it never fails
 * the batch; the stream record only says "there is work".
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { createCursorCodec, createDynamoClient } from "@rollgate/core/store";
import { createWebhookDispatcher, createWebhookStore } from "@rollgate/core/webhooks";

const logger = new Logger({ serviceName: "rollgate" });
const tableName = process.env.ROLLGATE_TABLE_NAME;
if (!tableName) throw new Error("ROLLGATE_TABLE_NAME is not set: the stack sets it on every Rollgate function.");
const dispatcher = createWebhookDispatcher({
  // Nothing here lists, so the cursor codec signs nothing that leaves the function.
  store: createWebhookStore({ table: { client: createDynamoClient({ region: process.env.AWS_REGION }), tableName }, cursors: createCursorCodec("deliveries") }),
  onError: (message, details) => logger.error(message, details),
});

export async function handler(): Promise<void> {
  logger.info("webhook delivery round", await dispatcher.deliverDue());
}

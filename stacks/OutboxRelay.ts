/**
 * The outbox relay: the stream Lambda on the table's stream. Failed records are retried
 * from the first failure (batch item failures), a failing batch is bisected to isolate a
 * poison record, and after a bounded number of retries the batch's coordinates go to an
 * SQS dead-letter queue (the records stay readable in the stream for 24 hours).
 */
import { Cron, Function, use, type StackContext } from "sst/constructs";
import { Duration } from "aws-cdk-lib";
import { FilterCriteria, FilterRule, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { NagSuppressions } from "cdk-nag";
import { functionDefaults, functionLogGroup } from "./defaults.js";
import { suppressFunctionFindings } from "./nag.js";
import { tableReadWrite } from "./permissions.js";
import { slackEnvironment } from "./Api.js";
import { Secrets } from "./Secrets.js";
import { Storage } from "./Storage.js";

/** Retries of a failing batch before it is dead-lettered. */
export const relayRetryAttempts = 5;

export function OutboxRelay({ stack }: StackContext) {
  const { table } = use(Storage);
  const secrets = use(Secrets);
  // Release cards in Slack: ROLLGATE_SLACK_CARDS=on at deploy time (README, "Slack").
  const slackCards = process.env.ROLLGATE_SLACK_CARDS === "on";
  // Approval links (ROLLGATE_APPROVAL_WEBHOOK_URL at deploy time): the relay queues them, the delivery function POSTs them.
  const approvalWebhook: Record<string, string> = process.env.ROLLGATE_APPROVAL_WEBHOOK_URL ? { ROLLGATE_APPROVAL_WEBHOOK_URL: process.env.ROLLGATE_APPROVAL_WEBHOOK_URL } : {};

  const deadLetterQueue = new Queue(stack, "RelayDeadLetters", {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  NagSuppressions.addResourceSuppressions(deadLetterQueue, [
    { id: "AwsSolutions-SQS3", reason: "This queue is the relay's dead-letter destination; a DLQ for it would only move the problem." },
  ]);

  const relayFunction = new Function(stack, "Relay", {
    ...functionDefaults,
    handler: "packages/functions/src/stream.handler",
    memorySize: 256,
    logGroup: functionLogGroup(stack, "Relay"),
    environment: { ...functionDefaults.environment, ROLLGATE_TABLE_NAME: table.tableName, ...(slackCards ? { ROLLGATE_SLACK_CARDS: "on" } : {}), ...approvalWebhook },
  });
  // Webhook channels: the relay writes one delivery item per subscription and event (webhooks/store.ts).
  relayFunction.addToRolePolicy(tableReadWrite(table));
  relayFunction.addEventSource(
    new DynamoEventSource(table, {
      // Events written while the relay was being (re)deployed must not be skipped.
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(1),
      // One batch per shard at a time keeps a deployment's events in commit order.
      parallelizationFactor: 1,
      reportBatchItemFailures: true,
      bisectBatchOnError: true,
      retryAttempts: relayRetryAttempts,
      maxRecordAge: Duration.hours(24),
      onFailure: new SqsDlq(deadLetterQueue),
      // Only event inserts invoke the function (filtering is free; invocations are not).
      filters: [
        FilterCriteria.filter({
          eventName: FilterRule.isEqual("INSERT"),
          dynamodb: { NewImage: { entity: { S: FilterRule.isEqual("event") } } },
        }),
      ],
    }),
  );

  suppressFunctionFindings(relayFunction, { listsStreams: true });

  // Webhook deliveries, apart from the relay: a receiver that hangs holds up only this.
  const deliveryFunction = new Function(stack, "WebhookDeliveries", {
    ...functionDefaults,
    handler: "packages/functions/src/deliveries.handler",
    memorySize: 256,
    timeout: 60,
    logGroup: functionLogGroup(stack, "WebhookDeliveries"),
    environment: { ...functionDefaults.environment, ROLLGATE_TABLE_NAME: table.tableName, ...slackEnvironment(), ...approvalWebhook },
    // Slack release cards are delivered here too (the bot token), and approval links: opened
    // with the sealing key, POSTed signed with the webhook secret.
    bind: [secrets.slackBotToken, secrets.webhookSecret, secrets.sealingKey],
  });
  deliveryFunction.addToRolePolicy(tableReadWrite(table));
  deliveryFunction.addEventSource(
    new DynamoEventSource(table, {
      startingPosition: StartingPosition.LATEST,
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(1),
      // A lost invocation only delays a first attempt to the next scheduled round.
      retryAttempts: 2,
      filters: [
        FilterCriteria.filter({
          eventName: FilterRule.isEqual("INSERT"),
          dynamodb: { NewImage: { entity: { S: FilterRule.isEqual("webhookDelivery") } } },
        }),
      ],
    }),
  );
  // Retries whose backoff ran out, and manual retries.
  new Cron(stack, "WebhookRetries", { schedule: "rate(1 minute)", job: deliveryFunction });
  suppressFunctionFindings(deliveryFunction, { listsStreams: true });

  return { relayFunction, deadLetterQueue, deliveryFunction };
}

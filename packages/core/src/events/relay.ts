/**
 * The outbox relay: turns DynamoDB stream records into published domain events. The same
 * function serves the `stream` Lambda (records from the event source mapping) and the local
 * poller (records from GetRecords on DynamoDB Local), so it takes `unknown` records and
 * validates them itself rather than trusting either source's types.
 */
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
// Named imports: `z` drags every zod locale (~260 KB minified) into the stream Lambda.
import { literal, object, record, string, union, unknown, type infer as Infer } from "zod";
import { keys } from "../store/keys.js";
import { unmarshallItem } from "../store/marshall.js";
import type { Notifier, OutboxEvent } from "./types.js";

/** Lambda's partial batch response: the records to retry, by sequence number. */
export interface StreamBatchResult {
  batchItemFailures: { itemIdentifier: string }[];
}

/** Why a record was not published; passed to `onFailure` for logging. */
export interface RelayFailure {
  sequenceNumber: string;
  error: unknown;
}

export interface ProcessStreamBatchOptions {
  /** Called once for the record that stopped the batch (logs, tests). */
  onFailure?: (failure: RelayFailure) => void;
}

const streamRecordSchema = object({
  eventName: string().optional(),
  dynamodb: object({
    SequenceNumber: string().min(1),
    NewImage: record(string(), unknown()).optional(),
  }),
});

const eventFields = {
  id: string().min(1),
  type: string().min(1),
  at: string(),
  actor: string().optional(),
  data: record(string(), unknown()).default({}),
};

/** A deployment's event (pk DEP#…) or a platform event (pk EVENTS#<stream>, e.g. `policy.changed`). */
const eventItemSchema = object({
  pk: string(),
  sk: string().startsWith(keys.deploymentEventPrefix()),
  entity: literal("event"),
  event: union([
    object({ ...eventFields, deploymentId: string().min(1), specId: string(), environment: string() }),
    object({ ...eventFields, stream: string().min(1) }),
  ]),
});

/** Cheap pre-filter on the raw image, so other entities are never unmarshalled. */
function isEventInsert(record: Infer<typeof streamRecordSchema>): boolean {
  const image = record.dynamodb.NewImage as Record<string, { S?: unknown }> | undefined;
  if (record.eventName !== "INSERT" || !image) return false;
  const sk = image.sk?.S;
  return typeof sk === "string" && sk.startsWith(keys.deploymentEventPrefix()) && image.entity?.S === "event";
}

/**
 * Decodes one stream record. Returns the event for an INSERT of an event item, `undefined`
 * for anything else (other entities, MODIFY, REMOVE, TTL deletions); throws when the record
 * is an event item that does not parse, since skipping it would lose an event silently.
 */
export function decodeEventRecord(raw: unknown): OutboxEvent | undefined {
  const record = streamRecordSchema.parse(raw);
  if (!isEventInsert(record)) return undefined;
  const item = unmarshallItem(record.dynamodb.NewImage as Record<string, AttributeValue>);
  // Typed by the catalog at write (outbox.ts); read back as written.
  return eventItemSchema.parse(item).event as OutboxEvent;
}

function sequenceNumberOf(raw: unknown): string | undefined {
  const value = (raw as { dynamodb?: { SequenceNumber?: unknown } } | null)?.dynamodb?.SequenceNumber;
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/**
 * Publishes the events in a batch of stream records, in order, and reports partial batch
 * failures instead of failing the whole batch.
 *
 * Records of one deployment (or one platform stream) share a partition key, hence a
 * shard, and arrive in commit order. At the first record that fails (a malformed event item, a notifier error) the
 * relay stops: that record and every later one are reported as failures, because Lambda
 * resumes the shard from the lowest failed sequence number anyway; publishing the later
 * ones now would only deliver them out of order and then again. A batch with a record
 * that has no sequence number cannot be retried selectively, so it fails as a whole (throws)
 * before anything is published.
 */
export async function processStreamBatch(
  records: readonly unknown[],
  notifier: Notifier,
  options: ProcessStreamBatchOptions = {},
): Promise<StreamBatchResult> {
  const sequenceNumbers = records.map((raw, index) => {
    const sequenceNumber = sequenceNumberOf(raw);
    if (!sequenceNumber) throw new Error(`Stream record ${index} has no dynamodb.SequenceNumber`);
    return sequenceNumber;
  });
  for (const [index, raw] of records.entries()) {
    try {
      const event = decodeEventRecord(raw);
      if (event) await notifier.publish(event);
    } catch (error) {
      options.onFailure?.({ sequenceNumber: sequenceNumbers[index]!, error });
      return { batchItemFailures: sequenceNumbers.slice(index).map((itemIdentifier) => ({ itemIdentifier })) };
    }
  }
  return { batchItemFailures: [] };
}

/**
 * The local outbox relay: polls DynamoDB Local's stream and feeds the records to the same
 * `processStreamBatch` the `stream` Lambda runs, with the retry behaviour of the event
 * source mapping scaled down (retry from the first failed record, give up after a few
 * attempts and log what was skipped, as the DLQ would hold it in AWS).
 */
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type ShardIteratorType,
} from "@aws-sdk/client-dynamodb-streams";
import { processStreamBatch, type Notifier } from "@rollgate/core/events";
import { createDynamoClient } from "@rollgate/core/store";

export interface StreamPollerOptions {
  /** DynamoDB Local's endpoint, e.g. http://127.0.0.1:8000. */
  endpoint: string;
  tableName: string;
  notifier: Notifier;
  /** Pause between polls when a poll found nothing new. Default 250 ms. */
  intervalMs?: number;
  /** Where shards that exist at start are read from. Default LATEST: no replay of history on restart. */
  startingPosition?: "LATEST" | "TRIM_HORIZON";
  /** Attempts per failing record before it is skipped (logged as dead-lettered). Default 3. */
  maxAttempts?: number;
  /** Poll errors and dead-lettered records; default: one JSON line on stderr. */
  onError?: (message: string, details: Record<string, unknown>) => void;
}

export interface StreamPoller {
  /** Stops polling and waits for the poll in progress to finish. */
  stop(): Promise<void>;
}

interface ShardCursor {
  shardId: string;
  parentShardId?: string;
  iterator?: string;
  /** Last sequence number handed to the relay successfully; resumes an expired iterator. */
  lastSequenceNumber?: string;
  /** The record being retried and how often it failed. */
  retry?: { sequenceNumber: string; attempts: number };
  closed: boolean;
}

type Image = Record<string, unknown>;

/**
 * DynamoDB Local writes an empty map attribute into stream images as `{}` instead of
 * `{"M":{}}` (DynamoDB Streams and the Lambda event do it right); restore the type tag so
 * the relay sees what it would see in AWS.
 */
function repairEmptyMaps(image: Image | undefined): Image | undefined {
  if (!image) return image;
  const repair = (value: unknown): unknown => {
    if (!value || typeof value !== "object") return value;
    const attribute = value as { M?: Image; L?: unknown[] };
    if (Object.keys(attribute).length === 0) return { M: {} };
    if (attribute.M) return { M: repairEmptyMaps(attribute.M) };
    if (attribute.L) return { L: attribute.L.map(repair) };
    return value;
  };
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, repair(value)]));
}

const defaultOnError = (message: string, details: Record<string, unknown>) =>
  console.error(JSON.stringify({ level: "ERROR", message, ...details }));

/**
 * Starts polling the table's stream. Resolves once the shards that exist now have
 * iterators, so anything written after the promise resolves is seen.
 */
export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const { endpoint, tableName, notifier } = options;
  const intervalMs = options.intervalMs ?? 250;
  const maxAttempts = options.maxAttempts ?? 3;
  const onError = options.onError ?? defaultOnError;
  const dynamo = createDynamoClient({ endpoint });
  const streams = new DynamoDBStreamsClient({
    endpoint,
    region: await dynamo.config.region(),
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });

  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${tableName} has no stream; it must be created from the table definition`);

  const shards = new Map<string, ShardCursor>();

  async function iteratorFor(shardId: string, type: ShardIteratorType, sequenceNumber?: string) {
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: type,
        SequenceNumber: sequenceNumber,
      }),
    );
    return ShardIterator;
  }

  async function discoverShards(type: ShardIteratorType) {
    const found: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
      );
      found.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    for (const shard of found) {
      if (!shard.ShardId || shards.has(shard.ShardId)) continue;
      shards.set(shard.ShardId, {
        shardId: shard.ShardId,
        parentShardId: shard.ParentShardId,
        iterator: await iteratorFor(shard.ShardId, type),
        closed: false,
      });
    }
  }

  /** A child shard is read only after its parent is drained, to keep per-key order. */
  function readable(cursor: ShardCursor): boolean {
    const parent = cursor.parentShardId ? shards.get(cursor.parentShardId) : undefined;
    return !cursor.closed && !!cursor.iterator && (!parent || parent.closed);
  }

  async function pollShard(cursor: ShardCursor): Promise<boolean> {
    let response;
    try {
      response = await streams.send(new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: 100 }));
    } catch (error) {
      if ((error as { name?: string }).name !== "ExpiredIteratorException") throw error;
      cursor.iterator = cursor.lastSequenceNumber
        ? await iteratorFor(cursor.shardId, "AFTER_SEQUENCE_NUMBER", cursor.lastSequenceNumber)
        : await iteratorFor(cursor.shardId, "TRIM_HORIZON");
      return true;
    }
    const records = (response.Records ?? []).map((record) =>
      record.dynamodb
        ? { ...record, dynamodb: { ...record.dynamodb, NewImage: repairEmptyMaps(record.dynamodb.NewImage as Image | undefined) } }
        : record,
    );
    const { batchItemFailures } = await processStreamBatch(records, notifier, {
      onFailure: ({ sequenceNumber, error }) =>
        onError("relay failed on a stream record; retrying from it", {
          tableName,
          sequenceNumber,
          error: error instanceof Error ? error.message : String(error),
        }),
    });
    const failed = batchItemFailures[0]?.itemIdentifier;
    const delivered = failed ? records.slice(0, records.findIndex((r) => r.dynamodb?.SequenceNumber === failed)) : records;
    const lastDelivered = delivered.at(-1)?.dynamodb?.SequenceNumber;
    if (lastDelivered) cursor.lastSequenceNumber = lastDelivered;
    if (!failed) {
      cursor.retry = undefined;
      cursor.iterator = response.NextShardIterator;
      if (!cursor.iterator) cursor.closed = true;
      return records.length > 0;
    }
    const attempts = cursor.retry?.sequenceNumber === failed ? cursor.retry.attempts + 1 : 1;
    if (attempts >= maxAttempts) {
      onError("stream record dead-lettered after repeated failures", { tableName, shardId: cursor.shardId, sequenceNumber: failed, attempts });
      cursor.retry = undefined;
      cursor.lastSequenceNumber = failed;
      cursor.iterator = await iteratorFor(cursor.shardId, "AFTER_SEQUENCE_NUMBER", failed);
    } else {
      cursor.retry = { sequenceNumber: failed, attempts };
      cursor.iterator = await iteratorFor(cursor.shardId, "AT_SEQUENCE_NUMBER", failed);
    }
    return false;
  }

  async function pollOnce(): Promise<boolean> {
    await discoverShards("TRIM_HORIZON");
    let progressed = false;
    for (const cursor of shards.values()) {
      if (readable(cursor) && (await pollShard(cursor))) progressed = true;
    }
    return progressed;
  }

  await discoverShards(options.startingPosition ?? "LATEST");

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;

  const loop = () => {
    inFlight = pollOnce()
      .catch((error: unknown) => {
        onError("stream poll failed", { tableName, error: error instanceof Error ? error.message : String(error) });
        return false;
      })
      .then((progressed) => {
        // Drain a busy stream without pausing; pause only when idle.
        if (!stopped) timer = setTimeout(loop, progressed ? 0 : intervalMs);
      });
  };
  loop();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
      // Drain what was written up to now: the next start reads from LATEST.
      for (let i = 0; i < 20; i++) {
        const progressed = await pollOnce().catch(() => false);
        if (!progressed) break;
      }
      streams.destroy();
      dynamo.destroy();
    },
  };
}

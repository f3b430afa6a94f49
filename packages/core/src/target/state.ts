import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import {
  ContentionError,
  isConditionalCheckFailed,
  keys,
  marshallItem,
  unmarshallItem,
  withBackoff,
  type TableContext,
} from "../store/index.js";

/** Which slot of the target-state item an adapter owns; adapters never touch each other's. */
export type TargetStateSlot = "simulated" | "lambdaAlias";

interface StoredItem {
  rev: number;
  [slot: string]: unknown;
}

/** Reads one adapter's slot of the item at keys.targetState(specId, env). */
export async function readTargetState<T>(
  table: TableContext,
  slot: TargetStateSlot,
  specId: string,
  environment: string,
): Promise<T | undefined> {
  const { Item } = await table.client.send(
    new GetItemCommand({ TableName: table.tableName, Key: marshallItem(keys.targetState(specId, environment)), ConsistentRead: true }),
  );
  return Item ? (unmarshallItem<StoredItem>(Item)[slot] as T | undefined) : undefined;
}

/**
 * Read-modify-write of one slot with an optimistic revision check, so concurrent calls
 * (a retried step racing its first attempt) cannot lose each other's writes. `change`
 * computes the new absolute state from the current one, which keeps callers idempotent.
 */
export async function updateTargetState<T>(
  table: TableContext,
  slot: TargetStateSlot,
  specId: string,
  environment: string,
  change: (current: T | undefined) => T,
  now: Date,
): Promise<T> {
  const key = keys.targetState(specId, environment);
  return withBackoff(
    async () => {
      const { Item } = await table.client.send(
        new GetItemCommand({ TableName: table.tableName, Key: marshallItem(key), ConsistentRead: true }),
      );
      const stored = Item ? unmarshallItem<StoredItem>(Item) : undefined;
      const next = change(stored?.[slot] as T | undefined);
      const rev = stored?.rev ?? 0;
      await table.client.send(
        new PutItemCommand({
          TableName: table.tableName,
          Item: marshallItem({ ...stored, ...key, [slot]: next, rev: rev + 1, updatedAt: now.toISOString() }),
          ConditionExpression: stored ? "rev = :rev" : "attribute_not_exists(pk)",
          ...(stored ? { ExpressionAttributeValues: marshallItem({ ":rev": rev }) } : {}),
        }),
      );
      return next;
    },
    { retries: 8, baseMs: 10, maxMs: 200, shouldRetry: isConditionalCheckFailed },
  ).catch((error: unknown) => {
    if (isConditionalCheckFailed(error)) throw new ContentionError("Target state kept changing under concurrent writes.", { cause: error });
    throw error;
  });
}

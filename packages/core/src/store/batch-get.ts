import { BatchGetItemCommand, GetItemCommand, type AttributeValue, type KeysAndAttributes } from "@aws-sdk/client-dynamodb";
import type { TableContext } from "./dynamo.js";
import { marshallItem, unmarshallItem } from "./marshall.js";
import { backoffSleep } from "./retry.js";

/**
 * One item a use case needs, read together with others: where it is and how to read it
 * (`decode` gets undefined when the item does not exist, and may throw the module's
 * not-found error). Modules export these so that a use case can fetch independent items in
 * one round trip instead of one GetItem each.
 */
export interface ItemRead<T> {
  key: { pk: string; sk: string };
  decode(item: Record<string, unknown> | undefined): T;
}

/**
 * Reads the items at `reads`' keys, strongly consistent, in one round trip (BatchGetItem;
 * a single key is a GetItem), and returns them raw, in order; the caller decodes them in
 * the order its errors should take precedence. Duplicate keys are read once. Keys
 * DynamoDB leaves unprocessed (throttling) are read again with backoff.
 */
export async function readItems(table: TableContext, reads: readonly ItemRead<unknown>[]): Promise<(Record<string, unknown> | undefined)[]> {
  const id = (key: { pk: string; sk: string }) => `${key.pk}\u0000${key.sk}`;
  const unique = [...new Map(reads.map((read) => [id(read.key), read.key])).values()];
  const found = new Map<string, Record<string, unknown>>();
  if (unique.length === 1) {
    const { Item } = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: marshallItem(unique[0]!), ConsistentRead: true }));
    if (Item) found.set(id(unique[0]!), unmarshallItem(Item));
  } else {
    for (let i = 0; i < unique.length; i += 100) {
      let pending: Record<string, KeysAndAttributes> | undefined = {
        [table.tableName]: { Keys: unique.slice(i, i + 100).map((key) => marshallItem(key)), ConsistentRead: true },
      };
      for (let attempt = 0; pending && Object.keys(pending).length > 0; attempt++) {
        if (attempt > 0) await backoffSleep(attempt, 20, 1_000);
        const out: { Responses?: Record<string, Record<string, AttributeValue>[]>; UnprocessedKeys?: Record<string, KeysAndAttributes> } =
          await table.client.send(new BatchGetItemCommand({ RequestItems: pending }));
        for (const raw of out.Responses?.[table.tableName] ?? []) {
          const item = unmarshallItem<Record<string, unknown> & { pk: string; sk: string }>(raw);
          found.set(id(item), item);
        }
        pending = out.UnprocessedKeys;
      }
    }
  }
  return reads.map((read) => found.get(id(read.key)));
}

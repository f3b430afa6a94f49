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

/** How many BatchGetItem requests of 100 keys one readItems call has in flight at once. */
const CHUNKS_AT_ONCE = 4;

/**
 * Reads the items at `reads`' keys, strongly consistent, in one round trip (BatchGetItem;
 * a single key is a GetItem; more than 100 keys are batches of 100, a few at once), and
 * returns them raw, in order; the caller decodes them in the order its errors should take
 * precedence. Duplicate keys are read once. Keys DynamoDB leaves unprocessed (throttling)
 * are read again with backoff. `attributes` reads only those top-level attributes (the
 * keys are always read), for a list that needs a few fields of large items.
 */
export async function readItems(
  table: TableContext,
  reads: readonly ItemRead<unknown>[],
  options: { attributes?: readonly string[] } = {},
): Promise<(Record<string, unknown> | undefined)[]> {
  const id = (key: { pk: string; sk: string }) => `${key.pk}\u0000${key.sk}`;
  const unique = [...new Map(reads.map((read) => [id(read.key), read.key])).values()];
  const found = new Map<string, Record<string, unknown>>();
  const projection = options.attributes ? projectionOf(options.attributes) : {};
  if (unique.length === 1) {
    const { Item } = await table.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: marshallItem(unique[0]!), ConsistentRead: true, ...projection }),
    );
    if (Item) found.set(id(unique[0]!), unmarshallItem(Item));
  } else {
    const chunks = Array.from({ length: Math.ceil(unique.length / 100) }, (_, i) => unique.slice(i * 100, i * 100 + 100));
    const readChunk = async (chunk: { pk: string; sk: string }[]) => {
      let pending: Record<string, KeysAndAttributes> | undefined = {
        [table.tableName]: { Keys: chunk.map((key) => marshallItem(key)), ConsistentRead: true, ...projection },
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
    };
    await mapBounded(chunks, CHUNKS_AT_ONCE, readChunk);
  }
  return reads.map((read) => found.get(id(read.key)));
}

/** A ProjectionExpression of `attributes` plus the keys, through names (attributes such as `status` are reserved words). */
function projectionOf(attributes: readonly string[]): { ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> } {
  const names = [...new Set(["pk", "sk", ...attributes])];
  return {
    ProjectionExpression: names.map((_, i) => `#p${i}`).join(", "),
    ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#p${i}`, name])),
  };
}

/** Runs `work` over `items` with at most `width` at once, results in order. */
export async function mapBounded<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!);
      }
    }),
  );
  return out;
}

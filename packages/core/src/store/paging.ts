import { QueryCommand, type QueryCommandInput } from "@aws-sdk/client-dynamodb";
import type { CursorCodec } from "./cursor.js";
import type { TableContext } from "./dynamo.js";
import { marshallItem, unmarshallItem } from "./marshall.js";
import { tableDefinition } from "./table.js";

/**
 * One page of a Query, with the opaque cursor of `listing` in and out. `query` holds the key
 * condition and what else the listing needs; table, limit and start key are filled in.
 */
export async function queryPage<T>(
  table: TableContext,
  cursors: CursorCodec,
  listing: string,
  page: { limit: number; cursor?: string },
  query: Omit<QueryCommandInput, "TableName" | "Limit" | "ExclusiveStartKey">,
  toItem: (item: Record<string, unknown>) => T,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const start = cursors.decode(listing, page.cursor);
  const { Items = [], LastEvaluatedKey } = await table.client.send(
    new QueryCommand({
      ...query,
      TableName: table.tableName,
      Limit: page.limit,
      ExclusiveStartKey: start ? marshallItem(start) : undefined,
    }),
  );
  return {
    items: Items.map((item) => toItem(unmarshallItem(item))),
    nextCursor: cursors.encode(listing, LastEvaluatedKey ? unmarshallItem(LastEvaluatedKey) : undefined),
  };
}

/** The key condition of a listing partition on GSI1. */
export function gsi1Partition(partition: string) {
  return {
    IndexName: tableDefinition.gsi1.name,
    KeyConditionExpression: "gsi1pk = :p",
    ExpressionAttributeValues: marshallItem({ ":p": partition }),
  };
}

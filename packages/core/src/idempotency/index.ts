import { createHash } from "node:crypto";
import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionalCheckFailed, keys, marshallItem, unmarshallItem, type TableContext } from "../store/index.js";
import { IdempotencyInProgressError, IdempotencyKeyReusedError } from "./errors.js";

export { IdempotencyInProgressError, IdempotencyKeyReusedError };

/**
 * Idempotency-Key records (the Powertools idempotency pattern): a conditional put reserves
 * the key before the work runs, the response is stored after it, and a failure releases the
 * key. Same key + same request: the stored response. Same key + other request: refused.
 */
export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface IdempotencyStore {
  begin(scope: string, key: string, request: string): Promise<{ replay?: StoredResponse }>;
  complete(scope: string, key: string, response: StoredResponse): Promise<void>;
  release(scope: string, key: string): Promise<void>;
}

export function fingerprint(request: string): string {
  return createHash("sha256").update(request).digest("hex");
}

export function createIdempotencyStore(deps: {
  table: TableContext;
  ttlSeconds?: number;
  /** How long a reservation holds without a result: past it, a crashed request's key is taken over. */
  inProgressSeconds?: number;
  clock?: () => Date;
}): IdempotencyStore {
  const { client, tableName } = deps.table;
  const ttlSeconds = deps.ttlSeconds ?? 24 * 3600;
  const inProgressSeconds = deps.inProgressSeconds ?? 60;
  const clock = deps.clock ?? (() => new Date());

  return {
    async begin(scope, key, request) {
      const requestHash = fingerprint(request);
      const now = Math.floor(clock().getTime() / 1000);
      try {
        await client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: marshallItem({
              ...keys.idempotency(scope, key),
              entity: "idempotency",
              requestHash,
              status: "in_progress",
              inProgressUntil: now + inProgressSeconds,
              expiresAt: now + ttlSeconds,
            }),
            // Absent, expired (TTL deletion is lazy), or a reservation whose request died
            // (Lambda timeout, crash) without completing or releasing it.
            ConditionExpression:
              "attribute_not_exists(pk) OR expiresAt < :now OR (#status = :inProgress AND inProgressUntil < :now)",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: marshallItem({ ":now": now, ":inProgress": "in_progress" }),
          }),
        );
        return {};
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
      const { Item } = await client.send(
        new GetItemCommand({ TableName: tableName, Key: marshallItem(keys.idempotency(scope, key)), ConsistentRead: true }),
      );
      const record = Item ? unmarshallItem(Item) : undefined;
      if (!record) return this.begin(scope, key, request);
      if (record.requestHash !== requestHash) throw new IdempotencyKeyReusedError(key);
      if (record.status !== "completed") throw new IdempotencyInProgressError(key);
      return { replay: { status: record.responseStatus as number, body: JSON.parse(record.responseBody as string) } };
    },

    async complete(scope, key, response) {
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: marshallItem(keys.idempotency(scope, key)),
          UpdateExpression: "SET #status = :completed, responseStatus = :s, responseBody = :b",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: marshallItem({ ":completed": "completed", ":s": response.status, ":b": JSON.stringify(response.body) }),
        }),
      );
    },

    async release(scope, key) {
      await client.send(new DeleteItemCommand({ TableName: tableName, Key: marshallItem(keys.idempotency(scope, key)) }));
    },
  };
}

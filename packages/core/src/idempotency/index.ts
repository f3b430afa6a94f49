import { createHash } from "node:crypto";
import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand, type TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { isConditionalCheckFailed, keys, marshallItem, unmarshallItem, type ItemRead, type TableContext } from "../store/index.js";
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
  /** The same rules as begin/complete/release, as items a use case writes in its own transactions. */
  claim(scope: string, key: string, request: string): IdempotencyClaim;
}

/**
 * A request's Idempotency-Key, for a use case that carries it into its own round trips
 * instead of spending its own (POST /v1/deployments): `read` goes into the use case's first
 * read, `reserve` into its first transaction, `complete` into the transaction that fixes
 * the response, `release` into the one that undoes a failure. Same rules as begin/complete/release.
 */
export interface IdempotencyClaim {
  key: string;
  /**
   * The record read with the use case's other items; `decode` returns the stored response
   * to replay, or `{}` when the key is free, and throws IdempotencyKeyReusedError (another
   * request) or IdempotencyInProgressError (this request, still running).
   */
  read: ItemRead<{ replay?: StoredResponse }>;
  /** Reserves the key; its condition fails when another request holds it (then: `lost`). */
  reserve(): TransactWriteItem;
  /** Stores the response for replays (the key must be reserved by this request). */
  complete(response: StoredResponse): TransactWriteItem;
  /** Frees the key again (the work failed after it was reserved). */
  release(): TransactWriteItem;
  /** After `reserve`'s condition failed: the error to answer with (reused, or still in progress). */
  lost(): Promise<Error>;
  /** Frees the key on its own round trip (when no transaction of the use case is left to carry it). */
  releaseNow(): Promise<void>;
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

  /** Marks the record completed with `response`, for replays. */
  const completion = (scope: string, key: string, response: StoredResponse) => ({
    TableName: tableName,
    Key: marshallItem(keys.idempotency(scope, key)),
    UpdateExpression: "SET #status = :completed, responseStatus = :s, responseBody = :b",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: marshallItem({ ":completed": "completed", ":s": response.status, ":b": JSON.stringify(response.body) }),
  });

  const store: IdempotencyStore = {
    async begin(scope, key, request) {
      const claim = this.claim(scope, key, request);
      try {
        await client.send(new PutItemCommand(claim.reserve().Put!));
        return {};
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
      const { Item } = await client.send(
        new GetItemCommand({ TableName: tableName, Key: marshallItem(claim.read.key), ConsistentRead: true }),
      );
      if (!Item) return this.begin(scope, key, request);
      const { replay } = claim.read.decode(unmarshallItem(Item));
      // Free after all (it expired, or its request died) between the put and the read: try again.
      return replay ? { replay } : this.begin(scope, key, request);
    },

    async complete(scope, key, response) {
      await client.send(new UpdateItemCommand(completion(scope, key, response)));
    },

    async release(scope, key) {
      await client.send(new DeleteItemCommand({ TableName: tableName, Key: marshallItem(keys.idempotency(scope, key)) }));
    },

    claim(scope, key, request) {
      const requestHash = fingerprint(request);
      const now = Math.floor(clock().getTime() / 1000);
      const read: IdempotencyClaim["read"] = {
        key: keys.idempotency(scope, key),
        decode(record) {
          // Free: never used, expired (TTL deletion is lazy), or a reservation whose request
          // died (Lambda timeout, crash) without completing or releasing it.
          if (!record || (record.expiresAt as number) < now) return {};
          if (record.status !== "completed" && (record.inProgressUntil as number) < now) return {};
          if (record.requestHash !== requestHash) throw new IdempotencyKeyReusedError(key);
          if (record.status !== "completed") throw new IdempotencyInProgressError(key);
          return { replay: { status: record.responseStatus as number, body: JSON.parse(record.responseBody as string) } };
        },
      };
      return {
        key,
        read,
        reserve: () => ({
          Put: {
            TableName: tableName,
            Item: marshallItem({
              ...keys.idempotency(scope, key),
              entity: "idempotency",
              requestHash,
              status: "in_progress",
              inProgressUntil: now + inProgressSeconds,
              expiresAt: now + ttlSeconds,
            }),
            ConditionExpression: "attribute_not_exists(pk) OR expiresAt < :now OR (#status = :inProgress AND inProgressUntil < :now)",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: marshallItem({ ":now": now, ":inProgress": "in_progress" }),
          },
        }),
        complete: (response) => ({ Update: completion(scope, key, response) }),
        release: () => ({ Delete: { TableName: tableName, Key: marshallItem(keys.idempotency(scope, key)) } }),
        async lost() {
          const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: marshallItem(keys.idempotency(scope, key)), ConsistentRead: true }));
          try {
            read.decode(Item ? unmarshallItem(Item) : undefined);
          } catch (error) {
            return error as Error;
          }
          // Completed (or freed) in the meantime: a retry replays it, or runs it.
          return new IdempotencyInProgressError(key);
        },
        releaseNow: () => store.release(scope, key),
      };
    },
  };
  return store;
}

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
  /** The request's key under `scope`, as a claim: run on its own round trips (`run`) or carried into a use case's. */
  claim(scope: string, key: string, request: string): IdempotencyClaim;
}

/**
 * A request's Idempotency-Key. `run` spends round trips of its own: it reserves the key,
 * runs the work and stores its response. A use case that carries the key into its own round
 * trips instead (POST /v1/deployments, promote) uses the parts: `read` goes into its first
 * read, `reserve` into its first transaction, `complete` into the transaction that fixes
 * the response, `release` into the one that undoes a failure. Both follow the same rules.
 */
export interface IdempotencyClaim {
  key: string;
  /**
   * Replays the stored response (`replayed`), or reserves the key, runs `work` and stores
   * what it answered; a failure frees the key and is rethrown. IdempotencyKeyReusedError
   * for another request under the key, IdempotencyInProgressError while it still runs.
   */
  run(work: () => Promise<StoredResponse>): Promise<{ response: StoredResponse; replayed: boolean }>;
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

  /** Reserves the key on its own round trip: `{}` when this request now holds it, or the response to replay. */
  async function begin(claim: IdempotencyClaim, again: () => IdempotencyClaim): Promise<{ replay?: StoredResponse }> {
    try {
      await client.send(new PutItemCommand(claim.reserve().Put!));
      return {};
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: marshallItem(claim.read.key), ConsistentRead: true }));
    const { replay } = claim.read.decode(Item ? unmarshallItem(Item) : undefined);
    // Free after all (it expired, or its request died) between the put and the read: try again.
    return replay ? { replay } : begin(again(), again);
  }

  const store: IdempotencyStore = {
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
      const claim: IdempotencyClaim = {
        key,
        async run(work) {
          const { replay } = await begin(claim, () => store.claim(scope, key, request));
          if (replay) return { response: replay, replayed: true };
          try {
            const response = await work();
            await client.send(new UpdateItemCommand(completion(scope, key, response)));
            return { response, replayed: false };
          } catch (error) {
            await claim.releaseNow().catch(() => undefined);
            throw error;
          }
        },
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
        releaseNow: async () => {
          await client.send(new DeleteItemCommand({ TableName: tableName, Key: marshallItem(keys.idempotency(scope, key)) }));
        },
      };
      return claim;
    },
  };
  return store;
}

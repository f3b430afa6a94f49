import { randomBytes } from "node:crypto";
import { DeleteItemCommand, GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { generateWebhookSecret } from "../target/registry.js";
import { isConditionalCheckFailed, type TableContext } from "../store/dynamo.js";
import type { CursorCodec } from "../store/cursor.js";
import { keys } from "../store/keys.js";
import { marshallItem, unmarshallItem } from "../store/marshall.js";
import { createDueMemory } from "./due-memory.js";
import { gsi1Partition, queryPage } from "../store/paging.js";
import { tableDefinition } from "../store/table.js";
import { DeliveryInFlightError, DeliveryNotFoundError, DeliveryNotRetryableError, WebhookNotFoundError } from "./errors.js";
import { webhookInputSchema, type DeliveryView, type WebhookView } from "./schema.js";

/**
 * Subscriptions and their delivery items in the one table (keys.ts). A delivery item is
 * keyed by channel (a subscription, or another channel such as Slack) and event, so the
 * relay can write it again (a retried stream record) without a second delivery; while
 * pending it sits in its channel's sparse due partition (gsi1 WEBHOOKDUE#<channel> /
 * <nextAttemptAt>#…), which is how the dispatcher finds each channel's work on its own.
 *
 * The index is eventually consistent and there is no consistent read of a GSI, so a due
 * lookup only proposes: it skips entries this store knows it replaced and adds the pending
 * ones it wrote that the index does not show yet (due-memory.ts), and `claim` decides on
 * the item itself, re-checking it when the index entry was stale. (A due queue in the base
 * table, read consistently, would need a second item per delivery moved in a transaction on
 * every claim and record: about twice the writes per attempt, for a lag that only delays.)
 */
export interface StoredWebhook extends WebhookView {
  secret: string;
}

export interface StoredDelivery extends DeliveryView {
  eventAt: string;
  /** The CloudEvent JSON, exactly as every attempt sends it. */
  body: string;
}

export interface AttemptOutcome {
  at: string;
  status: DeliveryView["status"];
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: DeliveryView["lastError"];
  /** `false`: a deferral (the channel was busy), not an attempt; `attempts` stays. */
  countsAsAttempt?: boolean;
}

export interface WebhookStore {
  create(input: unknown, actor: string): Promise<{ webhook: WebhookView; secret: string }>;
  list(page: { limit: number; cursor?: string }): Promise<{ items: WebhookView[]; nextCursor: string | null }>;
  get(id: string): Promise<WebhookView>;
  /** With its secret; for the dispatcher only. */
  load(id: string): Promise<StoredWebhook | undefined>;
  remove(id: string): Promise<void>;
  /** Every subscription, active or disabled, with its secret: the dispatcher's webhook channels. */
  subscriptions(): Promise<StoredWebhook[]>;
  /** Every active subscription (the relay matches events against them). */
  active(): Promise<StoredWebhook[]>;
  disable(id: string, reason: string): Promise<void>;
  /** Writes the delivery unless it exists; `false` when it did (a relay retry). */
  enqueue(delivery: Pick<StoredDelivery, "webhookId" | "eventId" | "eventType" | "eventAt" | "body">, at: string): Promise<boolean>;
  deliveries(webhookId: string, page: { limit: number; cursor?: string }): Promise<{ items: DeliveryView[]; nextCursor: string | null }>;
  /** One channel's pending deliveries whose next attempt is due at `now`, oldest first (candidates: `claim` decides). */
  due(channelId: string, now: string, limit: number): Promise<StoredDelivery[]>;
  /**
   * Moves a due delivery's next attempt to `until` so no other dispatcher takes it, and
   * returns it as claimed; `undefined` if it is not due (any more): another took it, it was
   * delivered, or the index entry it came from was stale and the item says otherwise.
   */
  claim(delivery: StoredDelivery, until: string): Promise<StoredDelivery | undefined>;
  record(delivery: StoredDelivery, outcome: AttemptOutcome): Promise<void>;
  /** A manual retry: pending again, due at `now`. */
  retry(webhookId: string, deliveryId: string, now: string): Promise<DeliveryView>;
  /** Calls `listener` whenever this store makes a delivery due (enqueue, next attempt, manual retry), as it is then. */
  onDue(listener: (delivery: StoredDelivery) => void): () => void;
}

/** How long the delivery log keeps an entry. */
export const deliveryRetentionSeconds = 30 * 24 * 3600;

const deliveryIdOf = (eventAt: string, eventId: string) => Buffer.from(`${eventAt}#${eventId}`).toString("base64url");
function parseDeliveryId(deliveryId: string): { eventAt: string; eventId: string } | undefined {
  const text = Buffer.from(deliveryId, "base64url").toString("utf8");
  const split = text.indexOf("#");
  if (split <= 0 || deliveryIdOf(text.slice(0, split), text.slice(split + 1)) !== deliveryId) return undefined;
  return { eventAt: text.slice(0, split), eventId: text.slice(split + 1) };
}

const toView = (item: Record<string, unknown>): WebhookView => ({
  id: item.id as string,
  url: item.url as string,
  events: item.events as string[],
  allowPrivateNetwork: Boolean(item.allowPrivateNetwork),
  ...(item.description ? { description: item.description as string } : {}),
  status: (item.status as WebhookView["status"]) ?? "active",
  ...(item.disabledReason ? { disabledReason: item.disabledReason as string } : {}),
  createdAt: item.createdAt as string,
  createdBy: item.createdBy as string,
});

const toDelivery = (item: Record<string, unknown>): StoredDelivery => ({
  id: deliveryIdOf(item.eventAt as string, item.eventId as string),
  webhookId: item.webhookId as string,
  eventId: item.eventId as string,
  eventType: item.eventType as string,
  eventAt: item.eventAt as string,
  body: item.body as string,
  status: item.status as DeliveryView["status"],
  attempts: (item.attempts as number) ?? 0,
  nextAttemptAt: (item.nextAttemptAt as string | undefined) ?? null,
  lastAttemptAt: (item.lastAttemptAt as string | undefined) ?? null,
  lastStatus: (item.lastStatus as number | undefined) ?? null,
  lastError: (item.lastError as DeliveryView["lastError"] | undefined) ?? null,
  createdAt: item.createdAt as string,
  deliveredAt: (item.deliveredAt as string | undefined) ?? null,
});

/** The delivery log never shows the body (it is the event, readable elsewhere) nor the lease. */
const deliveryView = ({ body: _body, eventAt: _at, ...view }: StoredDelivery): DeliveryView => view;

export function createWebhookStore(deps: { table: TableContext; cursors: CursorCodec; clock?: () => Date }): WebhookStore {
  const { table, cursors } = deps;
  const { client, tableName } = table;
  const clock = deps.clock ?? (() => new Date());
  const memory = createDueMemory<StoredDelivery>();
  const listeners = new Set<(delivery: StoredDelivery) => void>();
  const memoryKey = (d: Pick<StoredDelivery, "eventAt" | "eventId">) => `${d.eventAt}#${d.eventId}`;
  /** Notes a write: the delivery left `from` and is now due at `to` (or out of the index). */
  function wrote(delivery: StoredDelivery, from: string | null, to: string | null) {
    const pending: StoredDelivery | undefined = to ? { ...delivery, status: "pending", nextAttemptAt: to } : undefined;
    memory.wrote(delivery.webhookId, memoryKey(delivery), { from, ...(pending ? { to: { delivery: pending, nextAttemptAt: to! } } : {}) });
    if (pending) for (const listener of listeners) listener(pending);
  }
  const dueEntry = (channelId: string, nextAttemptAt: string, d: Pick<StoredDelivery, "eventAt" | "eventId">) => ({
    gsi1pk: keys.webhookDuePartition(channelId),
    gsi1sk: keys.webhookDueSort(nextAttemptAt, d.eventAt, d.eventId),
  });

  // This store's own subscription writes, read back through the same lagging index (null: removed).
  const ownSubscriptions = new Map<string, { webhook: StoredWebhook | null; at: number }>();
  function wroteSubscription(id: string, webhook: StoredWebhook | null) {
    ownSubscriptions.delete(id);
    ownSubscriptions.set(id, { webhook, at: performance.now() });
    for (const [key, entry] of ownSubscriptions) if (entry.at < performance.now() - 60_000) ownSubscriptions.delete(key);
  }

  async function subscriptions(): Promise<StoredWebhook[]> {
    const found: StoredWebhook[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(new QueryCommand({ TableName: tableName, ...gsi1Partition(keys.webhookListPartition()), ExclusiveStartKey: start }));
      for (const raw of page.Items ?? []) {
        const item = unmarshallItem(raw);
        found.push({ ...toView(item), secret: item.secret as string });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    const listed = new Map(found.map((s) => [s.id, s]));
    for (const [id, { webhook }] of ownSubscriptions) {
      if (webhook) listed.set(id, { ...webhook, ...(listed.get(id)?.status === "disabled" ? { status: "disabled" as const, disabledReason: listed.get(id)!.disabledReason } : {}) });
      else listed.delete(id);
    }
    return [...listed.values()];
  }

  async function load(id: string): Promise<StoredWebhook | undefined> {
    const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: marshallItem(keys.webhook(id)), ConsistentRead: true }));
    if (!Item) return undefined;
    const item = unmarshallItem(Item);
    return { ...toView(item), secret: item.secret as string };
  }

  async function loadDelivery(webhookId: string, deliveryId: string): Promise<StoredDelivery> {
    const ref = parseDeliveryId(deliveryId);
    if (!ref) throw new DeliveryNotFoundError(webhookId, deliveryId);
    const { Item } = await client.send(
      new GetItemCommand({ TableName: tableName, Key: marshallItem(keys.webhookDelivery(webhookId, ref.eventAt, ref.eventId)), ConsistentRead: true }),
    );
    if (!Item) throw new DeliveryNotFoundError(webhookId, deliveryId);
    return toDelivery(unmarshallItem(Item));
  }

  const deliveryKey = (d: Pick<StoredDelivery, "webhookId" | "eventAt" | "eventId">) => marshallItem(keys.webhookDelivery(d.webhookId, d.eventAt, d.eventId));

  return {
    async create(input, actor) {
      const parsed = webhookInputSchema.parse(input);
      const id = `wh_${randomBytes(9).toString("base64url")}`;
      const secret = generateWebhookSecret();
      const at = clock().toISOString();
      const webhook: WebhookView = {
        id,
        url: parsed.url,
        events: parsed.events,
        allowPrivateNetwork: parsed.allowPrivateNetwork ?? false,
        ...(parsed.description ? { description: parsed.description } : {}),
        status: "active",
        createdAt: at,
        createdBy: actor,
      };
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: marshallItem({
            ...keys.webhook(id),
            entity: "webhook",
            gsi1pk: keys.webhookListPartition(),
            gsi1sk: `${at}#${id}`,
            ...webhook,
            secret,
          }),
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      wroteSubscription(id, { ...webhook, secret });
      return { webhook, secret };
    },

    list: (page) => queryPage(table, cursors, "webhooks", page, gsi1Partition(keys.webhookListPartition()), toView),

    async get(id) {
      const stored = await load(id);
      if (!stored) throw new WebhookNotFoundError(id);
      const { secret: _secret, ...view } = stored;
      return view;
    },

    load,

    async remove(id) {
      try {
        await client.send(new DeleteItemCommand({ TableName: tableName, Key: marshallItem(keys.webhook(id)), ConditionExpression: "attribute_exists(pk)" }));
        wroteSubscription(id, null);
      } catch (error) {
        if (isConditionalCheckFailed(error)) throw new WebhookNotFoundError(id);
        throw error;
      }
    },

    subscriptions,

    async active() {
      return (await subscriptions()).filter((s) => s.status === "active");
    },

    async disable(id, reason) {
      try {
        const { Attributes } = await client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: marshallItem(keys.webhook(id)),
            UpdateExpression: "SET #status = :disabled, disabledReason = :reason",
            ConditionExpression: "attribute_exists(pk)",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: marshallItem({ ":disabled": "disabled", ":reason": reason }),
            ReturnValues: "ALL_NEW",
          }),
        );
        if (Attributes) {
          const item = unmarshallItem(Attributes);
          wroteSubscription(id, { ...toView(item), secret: item.secret as string });
        }
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    },

    async enqueue(delivery, at) {
      const stored: StoredDelivery = { ...delivery, id: deliveryIdOf(delivery.eventAt, delivery.eventId), status: "pending", attempts: 0, nextAttemptAt: at, lastAttemptAt: null, lastStatus: null, lastError: null, createdAt: at, deliveredAt: null };
      try {
        await client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: marshallItem({
              ...keys.webhookDelivery(delivery.webhookId, delivery.eventAt, delivery.eventId),
              entity: "webhookDelivery",
              ...delivery,
              status: "pending",
              attempts: 0,
              nextAttemptAt: at,
              createdAt: at,
              ...dueEntry(delivery.webhookId, at, delivery),
              // The log keeps 30 days (TTL); a relay retry after that could queue the event again.
              expiresAt: Math.floor(Date.parse(at) / 1000) + deliveryRetentionSeconds,
            }),
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        );
        wrote(stored, null, at);
        return true;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return false;
        throw error;
      }
    },

    async deliveries(webhookId, page) {
      await this.get(webhookId);
      const result = await queryPage(
        table,
        cursors,
        `deliveries:${webhookId}`,
        page,
        {
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: marshallItem({ ":pk": keys.webhook(webhookId).pk, ":prefix": keys.webhookDeliveryPrefix() }),
          ScanIndexForward: false,
          ConsistentRead: true,
        },
        toDelivery,
      );
      return { items: result.items.map(deliveryView), nextCursor: result.nextCursor };
    },

    async due(channelId, now, limit) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: tableDefinition.gsi1.name,
          KeyConditionExpression: "gsi1pk = :p AND gsi1sk <= :upTo",
          ExpressionAttributeValues: marshallItem({ ":p": keys.webhookDuePartition(channelId), ":upTo": `${now}#\uffff` }),
          Limit: limit,
        }),
      );
      const found = new Map<string, StoredDelivery>();
      for (const raw of Items) {
        const delivery = toDelivery(unmarshallItem(raw));
        const key = memoryKey(delivery);
        if (delivery.nextAttemptAt && !memory.isStale(channelId, key, delivery.nextAttemptAt)) found.set(key, delivery);
      }
      // Our own pending writes the index may not show yet (the page may have been full without them: claim sorts it out).
      for (const { key, entry } of memory.due(channelId, now)) if (!found.has(key)) found.set(key, entry.delivery);
      return [...found.values()].sort((a, b) => (a.nextAttemptAt! < b.nextAttemptAt! ? -1 : a.nextAttemptAt! > b.nextAttemptAt! ? 1 : 0)).slice(0, limit);
    },

    async claim(delivery, until) {
      let expected = delivery.nextAttemptAt;
      // Twice at most: the second time with the item's own value, when the index entry was stale but the item is due.
      for (let tries = 0; tries < 2 && expected; tries++) {
        try {
          const { Attributes } = await client.send(
            new UpdateItemCommand({
              TableName: tableName,
              Key: deliveryKey(delivery),
              // leasedUntil says "an attempt is running" (a manual retry must not start a second one).
              UpdateExpression: "SET nextAttemptAt = :until, leasedUntil = :until, gsi1sk = :sort",
              ConditionExpression: "#status = :pending AND nextAttemptAt = :expected",
              ExpressionAttributeNames: { "#status": "status" },
              ExpressionAttributeValues: marshallItem({
                ":until": until,
                ":sort": keys.webhookDueSort(until, delivery.eventAt, delivery.eventId),
                ":pending": "pending",
                ":expected": expected,
              }),
              ReturnValues: "ALL_NEW",
              ReturnValuesOnConditionCheckFailure: "ALL_OLD",
            }),
          );
          const claimed = toDelivery(unmarshallItem(Attributes!));
          wrote(claimed, expected, null);
          return claimed;
        } catch (error) {
          if (!isConditionalCheckFailed(error)) throw error;
          const item = (error as { Item?: Record<string, AttributeValue> }).Item;
          const current = item ? toDelivery(unmarshallItem(item)) : undefined;
          memory.wrote(delivery.webhookId, memoryKey(delivery), { from: expected, ...(current?.status === "pending" && current.nextAttemptAt ? { to: { delivery: current, nextAttemptAt: current.nextAttemptAt } } : {}) });
          const dueNow = current?.status === "pending" && current.nextAttemptAt && current.nextAttemptAt !== expected && current.nextAttemptAt <= clock().toISOString();
          expected = dueNow ? current.nextAttemptAt : null;
        }
      }
      return undefined;
    },

    async record(delivery, outcome) {
      const pending = outcome.status === "pending" && outcome.nextAttemptAt;
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: deliveryKey(delivery),
          UpdateExpression: [
            "SET #status = :status, attempts = attempts + :one, lastAttemptAt = :at, lastStatus = :lastStatus, lastError = :lastError, nextAttemptAt = :next",
            outcome.status === "delivered" ? ", deliveredAt = :at" : "",
            pending ? ", gsi1pk = :due, gsi1sk = :sort REMOVE leasedUntil" : " REMOVE gsi1pk, gsi1sk, leasedUntil",
          ].join(""),
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: marshallItem({
            ":status": outcome.status,
            ":one": outcome.countsAsAttempt === false ? 0 : 1,
            ":at": outcome.at,
            ":lastStatus": outcome.lastStatus,
            ":lastError": outcome.lastError,
            ":next": outcome.nextAttemptAt,
            ...(pending ? { ":due": keys.webhookDuePartition(delivery.webhookId), ":sort": keys.webhookDueSort(outcome.nextAttemptAt!, delivery.eventAt, delivery.eventId) } : {}),
          }),
        }),
      );
      wrote(delivery, delivery.nextAttemptAt, pending ? outcome.nextAttemptAt : null);
    },

    async retry(webhookId, deliveryId, now) {
      await this.get(webhookId);
      const delivery = await loadDelivery(webhookId, deliveryId);
      if (delivery.status === "delivered") throw new DeliveryNotRetryableError(webhookId, deliveryId);
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: deliveryKey(delivery),
            UpdateExpression: "SET #status = :pending, nextAttemptAt = :now, gsi1pk = :due, gsi1sk = :sort",
            // Not while an attempt runs (its lease not yet run out): that would send the event twice at once.
            ConditionExpression: "#status <> :delivered AND (attribute_not_exists(leasedUntil) OR leasedUntil <= :now)",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: marshallItem({
              ":pending": "pending",
              ":delivered": "delivered",
              ":now": now,
              ":due": keys.webhookDuePartition(webhookId),
              ":sort": keys.webhookDueSort(now, delivery.eventAt, delivery.eventId),
            }),
          }),
        );
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        const current = await loadDelivery(webhookId, deliveryId);
        if (current.status === "delivered") throw new DeliveryNotRetryableError(webhookId, deliveryId);
        throw new DeliveryInFlightError(webhookId, deliveryId);
      }
      wrote(delivery, delivery.nextAttemptAt, now);
      return deliveryView({ ...delivery, status: "pending", nextAttemptAt: now });
    },

    onDue(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

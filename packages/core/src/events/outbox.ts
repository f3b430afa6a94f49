/**
 * The write side of the outbox: each state change puts its event item in the same
 * TransactWriteItems as the change itself, so an event exists if and only if the change
 * happened. The stream relay (relay.ts) publishes them; the deployment timeline reads them.
 * Changes that belong to no deployment (the platform policy) write a platform event into
 * a stream of their own (`platformEventPut`).
 */
import { QueryCommand, type AttributeValue, type TransactWriteItem } from "@aws-sdk/client-dynamodb";
import type { TableContext } from "../store/dynamo.js";
import { keys } from "../store/keys.js";
import { marshallItem, unmarshallItem } from "../store/marshall.js";
import { checkEvent, type PendingEvent } from "./catalog.js";
import type { DomainEvent, PlatformEvent } from "./types.js";

/** An event before it has a sequence number: what a state change wants to say (a catalog event). */
export type { PendingEvent } from "./catalog.js";

/** What an event is about. */
export interface EventSubject {
  deploymentId: string;
  specId: string;
  environment: string;
}

/** Builds the event with sequence number `seq`; its id is stable across retries of the same write. */
export function buildDomainEvent(subject: EventSubject, seq: number, pending: PendingEvent, at: string): DomainEvent {
  checkEvent(pending);
  return {
    id: `${subject.deploymentId}:${seq}`,
    type: pending.type,
    deploymentId: subject.deploymentId,
    specId: subject.specId,
    environment: subject.environment,
    at,
    ...(pending.actor === undefined ? {} : { actor: pending.actor }),
    data: pending.data ?? {},
  };
}

/**
 * The transaction item that writes `event` as sequence `seq`. It never overwrites: two
 * writers that raced to the same sequence number cannot both commit.
 */
export function eventPut(tableName: string, seq: number, event: DomainEvent): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: marshallItem({ ...keys.deploymentEvent(event.deploymentId, seq), entity: "event", event }),
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

/**
 * The transaction item that writes a platform event (one about no deployment) as sequence
 * `seq` of `stream`; like `eventPut`, it never overwrites, so the writer that owns `seq`
 * (e.g. the policy revision it conditionally wrote) is the only one that can commit it.
 */
export function platformEventPut(tableName: string, stream: string, seq: number, pending: PendingEvent, at: string): TransactWriteItem {
  return streamEventPut(tableName, { stream, id: `${stream}:${seq}`, key: keys.platformEvent(stream, seq) }, pending, at);
}

/**
 * The general form of `platformEventPut`, for streams whose sequence is not one counter
 * (a spec's stream: registrations at `EVT#<version>`, state changes at `EVT#<version>#<n>`).
 * `id` must be derived from what makes `key` unique, so a retried write keeps its id.
 */
export function streamEventPut(
  tableName: string,
  place: { stream: string; id: string; key: { pk: string; sk: string } },
  pending: PendingEvent,
  at: string,
): TransactWriteItem {
  checkEvent(pending);
  const event: PlatformEvent = {
    id: place.id,
    type: pending.type,
    stream: place.stream,
    at,
    ...(pending.actor === undefined ? {} : { actor: pending.actor }),
    data: pending.data ?? {},
  };
  return {
    Put: {
      TableName: tableName,
      Item: marshallItem({ ...place.key, entity: "event", event }),
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

/** A platform stream's events, oldest first (at most `limit`). */
export async function readPlatformEvents(table: TableContext, stream: string, limit = 100): Promise<PlatformEvent[]> {
  const { pk } = keys.platformEvent(stream, 0);
  const page = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: marshallItem({ ":pk": pk, ":prefix": keys.deploymentEventPrefix() }),
      ConsistentRead: true,
      Limit: limit,
    }),
  );
  return (page.Items ?? []).map((item) => unmarshallItem<{ event: PlatformEvent }>(item).event);
}

/**
 * A deployment's events in order (its timeline); with `upTo`, only sequences up to it, so a
 * reader that loaded the deployment at revision `upTo` sees the timeline of that revision.
 */
export async function readDeploymentEvents(table: TableContext, deploymentId: string, upTo?: number): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  const first = keys.deploymentEvent(deploymentId, 0);
  const last = upTo === undefined ? undefined : keys.deploymentEvent(deploymentId, upTo);
  do {
    const page = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: last ? "pk = :pk AND sk BETWEEN :from AND :to" : "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: marshallItem(
          last ? { ":pk": first.pk, ":from": first.sk, ":to": last.sk } : { ":pk": first.pk, ":prefix": keys.deploymentEventPrefix() },
        ),
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) events.push(unmarshallItem<{ event: DomainEvent }>(item).event);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return events;
}

/**
 * A page of a deployment's events after sequence `after`, oldest first: what followers (the
 * CLI) poll. `hasMore` says another page is ready now.
 */
export async function readDeploymentEventsAfter(
  table: TableContext,
  deploymentId: string,
  after: number,
  limit: number,
): Promise<{ events: (DomainEvent & { seq: number })[]; hasMore: boolean }> {
  const { pk, sk } = keys.deploymentEvent(deploymentId, after);
  const page = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      // Strictly after `after`, and only event items: `~` sorts above every digit.
      KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
      ExpressionAttributeValues: marshallItem({ ":pk": pk, ":from": `${sk}~`, ":to": `${keys.deploymentEventPrefix()}~` }),
      ConsistentRead: true,
      Limit: limit + 1,
    }),
  );
  const items = (page.Items ?? []).map((item) => unmarshallItem<{ sk: string; event: DomainEvent }>(item));
  return {
    events: items.slice(0, limit).map(({ sk: itemSk, event }) => ({ ...event, seq: Number(itemSk.slice(keys.deploymentEventPrefix().length)) })),
    hasMore: items.length > limit,
  };
}

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
import type { DomainEvent, PlatformEvent } from "./types.js";

/** An event before it has a sequence number: what a state change wants to say. */
export interface PendingEvent {
  type: string;
  actor?: string;
  data?: Record<string, unknown>;
}

/** What an event is about. */
export interface EventSubject {
  deploymentId: string;
  specId: string;
  environment: string;
}

/** Builds the event with sequence number `seq`; its id is stable across retries of the same write. */
export function buildDomainEvent(subject: EventSubject, seq: number, pending: PendingEvent, at: string): DomainEvent {
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
  const event: PlatformEvent = {
    id: `${stream}:${seq}`,
    type: pending.type,
    stream,
    at,
    ...(pending.actor === undefined ? {} : { actor: pending.actor }),
    data: pending.data ?? {},
  };
  return {
    Put: {
      TableName: tableName,
      Item: marshallItem({ ...keys.platformEvent(stream, seq), entity: "event", event }),
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

import { GetItemCommand, TransactWriteItemsCommand, type TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { buildDomainEvent, eventPut } from "../events/outbox.js";
import { cancellationReasons, type TableContext } from "../store/dynamo.js";
import { keys } from "../store/keys.js";
import { marshallItem, unmarshallItem } from "../store/marshall.js";
import { DeploymentConflictError, DeploymentNotFoundError } from "./errors.js";
import type { DeploymentRecord } from "./model.js";
import {
  clearRetirement,
  environmentUnchanged,
  markActive,
  pointEnvironment,
  prerequisiteMet,
  readEnvironment,
  readLockHolder,
  recordSuccess,
  releaseLock,
  restoreEnvironment,
  takeLock,
  unmarkActive,
} from "./pointers.js";
import { deploymentSummary, type DeploymentEffect, type DeploymentStore } from "./store.js";

/**
 * The DynamoDB adapter of the deployment store. Every change is a whole-item put
 * conditioned on the revision the writer read (optimistic concurrency), written in one
 * transaction with its event items (the outbox) and its effects; a cancelled transaction
 * becomes DeploymentConflictError or the failing effect's domain error.
 */
export function createDynamoDeploymentStore(deps: { table: TableContext; clock: () => Date }): DeploymentStore {
  const { table, clock } = deps;
  const find = async (id: string) => {
    const { Item } = await table.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: marshallItem(keys.deployment(id)), ConsistentRead: true }),
    );
    return Item ? toRecord(unmarshallItem<Record<string, unknown>>(Item)) : undefined;
  };
  return {
    find,
    async load(id) {
      const record = await find(id);
      if (!record) throw new DeploymentNotFoundError(id);
      return record;
    },
    commit: (before, change) => commitToTable(table, clock, before, change),
    readEnvironment: (specId, environment) => readEnvironment(table, specId, environment),
    readLockHolder: (specId, environment) => readLockHolder(table, specId, environment),
  };
}

/** Strips the key attributes off a stored item. */
export function toRecord(item: Record<string, unknown>): DeploymentRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, entity: _e, plan, ...record } = item;
  return { ...record, plan: typeof plan === "string" ? JSON.parse(plan) : plan } as unknown as DeploymentRecord;
}

/** The transaction item of an effect, for `record` (the deployment after the change). */
export function effectItem(tableName: string, record: DeploymentRecord, effect: DeploymentEffect): TransactWriteItem {
  switch (effect.kind) {
    case "take_lock":
      return takeLock(tableName, record);
    case "release_lock":
      return releaseLock(tableName, record);
    case "mark_active":
      return markActive(tableName, record);
    case "unmark_active":
      return unmarkActive(tableName, record);
    case "environment_unchanged":
      return environmentUnchanged(tableName, record.specId, record.environment, effect.currentVersion);
    case "prerequisite_met":
      return prerequisiteMet(tableName, record.specId, effect.environment, record.version);
    case "point_environment":
      return pointEnvironment(tableName, record, effect.before, effect.at);
    case "restore_environment":
      return restoreEnvironment(tableName, record, effect.snapshot, effect.at);
    case "record_success":
      return recordSuccess(tableName, record, effect.retiring);
    case "clear_retirement":
      return clearRetirement(tableName, record.specId, record.environment, effect.deploymentId);
  }
}

async function commitToTable(
  table: TableContext,
  clock: () => Date,
  before: DeploymentRecord | undefined,
  change: Parameters<DeploymentStore["commit"]>[1],
): Promise<DeploymentRecord> {
  const { tableName } = table;
  const at = clock().toISOString();
  const base = before?.revision ?? 0;
  const after: DeploymentRecord = { ...change.after, revision: base + change.events.length, updatedAt: at };
  const items: TransactWriteItem[] = [
    {
      Put: {
        TableName: tableName,
        // Not indexed, and the immutable plan as one JSON string: this item is rewritten at
        // every step, and a GSI copy or a deep map of the plan would make each write cost more.
        Item: marshallItem({
          ...keys.deployment(after.id),
          entity: "deployment",
          ...after,
          plan: JSON.stringify(after.plan),
        }),
        ConditionExpression: before ? "revision = :revision" : "attribute_not_exists(pk)",
        ...(before ? { ExpressionAttributeValues: marshallItem({ ":revision": before.revision }) } : {}),
      },
    },
    ...change.events.map((pending, i) => {
      const seq = base + i + 1;
      return eventPut(tableName, seq, buildDomainEvent({ deploymentId: after.id, ...after }, seq, pending, at));
    }),
  ];
  if (!before || before.status !== after.status) {
    // Listing copies (global and per spec), rewritten only when the status changes.
    const listings = [
      { key: keys.deploymentListEntry(after.id), partition: keys.deploymentListPartition() },
      { key: keys.deploymentBySpec(after.id), partition: keys.deploymentSpecListPartition(after.specId) },
    ];
    for (const { key, partition } of listings) {
      items.push({
        Put: {
          TableName: tableName,
          Item: marshallItem({
            ...key,
            entity: "deployment_summary",
            gsi1pk: partition,
            gsi1sk: keys.deploymentListSort(after.createdAt, after.id),
            ...deploymentSummary(after),
          }),
        },
      });
    }
  }
  const extraOffset = items.length;
  const extra = change.extra ?? [];
  for (const write of extra) {
    const item = write.item ?? write.itemFor?.(after) ?? (write.effect ? effectItem(tableName, change.after, write.effect) : undefined);
    if (!item) throw new TypeError("an extra write needs an item or an effect");
    items.push(item);
  }
  try {
    await table.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (!reasons) throw error;
    const failed = reasons.findIndex((code) => code === "ConditionalCheckFailed");
    const handler = failed >= extraOffset ? extra[failed - extraOffset]?.onConditionFailed : undefined;
    if (handler) throw await handler();
    throw new DeploymentConflictError(after.id, { cause: error });
  }
  return after;
}

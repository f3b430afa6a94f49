import { GetItemCommand, TransactWriteItemsCommand, type TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { buildDomainEvent, eventPut, type PendingEvent } from "../events/outbox.js";
import { cancellationReasons, type TableContext } from "../store/dynamo.js";
import { keys } from "../store/keys.js";
import { marshallItem, unmarshallItem } from "../store/marshall.js";
import { withBackoff } from "../store/retry.js";
import { DeploymentConflictError, DeploymentNotFoundError } from "./errors.js";
import type { DeploymentRecord } from "./model.js";

/**
 * The deployment repository. Every change is a whole-item put conditioned on the revision
 * the writer read (optimistic concurrency), written in one transaction with its event
 * items (the outbox) and whatever else the change moves (lock, env pointer, votes, links).
 */

export interface RolloutStore {
  table: TableContext;
  clock: () => Date;
}

/** A write that rides along in the deployment's transaction; `onConditionFailed` names the domain outcome. */
export interface ExtraWrite {
  item: TransactWriteItem;
  onConditionFailed?: () => Error | Promise<Error>;
}

export interface DeploymentChange {
  after: DeploymentRecord;
  /** At least one: each event takes the next revision as its sequence number. */
  events: PendingEvent[];
  extra?: ExtraWrite[];
}

/** What the per-spec listing shows (and the BYSPEC item holds). */
export function deploymentSummary(record: DeploymentRecord) {
  return {
    id: record.id,
    specId: record.specId,
    version: record.version,
    environment: record.environment,
    strategy: record.strategy,
    purpose: record.purpose,
    status: record.status,
    requestedBy: record.requestedBy,
    reason: record.reason,
    stableVersion: record.stableVersion,
    createdAt: record.createdAt,
    finishedAt: record.finishedAt,
  };
}
export type DeploymentSummary = ReturnType<typeof deploymentSummary>;

export async function findDeployment(table: TableContext, id: string): Promise<DeploymentRecord | undefined> {
  const { Item } = await table.client.send(
    new GetItemCommand({ TableName: table.tableName, Key: marshallItem(keys.deployment(id)), ConsistentRead: true }),
  );
  return Item ? toRecord(unmarshallItem<Record<string, unknown>>(Item)) : undefined;
}

export async function loadDeployment(table: TableContext, id: string): Promise<DeploymentRecord> {
  const record = await findDeployment(table, id);
  if (!record) throw new DeploymentNotFoundError(id);
  return record;
}

/** Strips the key attributes off a stored item. */
export function toRecord(item: Record<string, unknown>): DeploymentRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, entity: _e, plan, ...record } = item;
  return { ...record, plan: typeof plan === "string" ? JSON.parse(plan) : plan } as unknown as DeploymentRecord;
}

/**
 * Commits `change` over `before` (undefined: a new deployment). Throws
 * DeploymentConflictError when the deployment moved since it was read, or the error an
 * extra write's `onConditionFailed` returns.
 */
export async function commitDeployment(
  store: RolloutStore,
  before: DeploymentRecord | undefined,
  change: DeploymentChange,
): Promise<DeploymentRecord> {
  const { tableName } = store.table;
  const at = store.clock().toISOString();
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
  items.push(...extra.map((e) => e.item));
  try {
    await store.table.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
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

/**
 * Read-modify-write with retries: `change` sees the current record and returns the change
 * (or null: nothing to do). It may throw a domain error to refuse; only a lost race is
 * retried. `known`: a record the caller just read or wrote, tried first instead of a read.
 */
export async function mutateDeployment(
  store: RolloutStore,
  id: string,
  change: (current: DeploymentRecord) => DeploymentChange | null | Promise<DeploymentChange | null>,
  options: { retries?: number; known?: DeploymentRecord } = {},
): Promise<DeploymentRecord> {
  return withBackoff(
    async (attempt) => {
      const current = attempt === 0 && options.known ? options.known : await loadDeployment(store.table, id);
      const next = await change(current);
      return next ? commitDeployment(store, current, next) : current;
    },
    { retries: options.retries ?? 8, baseMs: 20, maxMs: 500, shouldRetry: (e) => e instanceof DeploymentConflictError },
  );
}

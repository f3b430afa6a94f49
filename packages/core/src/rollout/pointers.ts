import { GetItemCommand, type TransactWriteItem } from "@aws-sdk/client-dynamodb";
import type { ItemRead } from "../store/batch-get.js";
import type { TableContext } from "../store/dynamo.js";
import { keys } from "../store/keys.js";
import { marshallItem, unmarshallItem } from "../store/marshall.js";
import type { DeploymentRecord, EnvironmentPointer, EnvironmentSnapshot, PendingRetirement } from "./model.js";

/**
 * The small items around a deployment: the (spec, environment) lock, the environment
 * pointer (what runs where, and which versions succeeded there), and the ACTIVE index
 * entry that lets a restarted process find in-flight deployments without a Scan.
 */

export async function readEnvironment(table: TableContext, specId: string, environment: string): Promise<EnvironmentPointer> {
  const read = environmentRead(specId, environment);
  const { Item } = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: marshallItem(read.key), ConsistentRead: true }));
  return read.decode(Item ? unmarshallItem(Item) : undefined);
}

/** The environment pointer as an item to read with others (readItems); a missing item is an empty pointer. */
export function environmentRead(specId: string, environment: string): ItemRead<EnvironmentPointer> {
  return {
    key: keys.environment(specId, environment),
    decode(found) {
      const item = found ?? {};
      const succeeded = item.succeededVersions as Set<number> | number[] | undefined;
      // A version a rollback took out of this environment is no longer evidence for promotion.
      const revoked = new Set((item.revokedVersions as Set<number> | number[] | undefined) ?? []);
      return {
        specId,
        environment,
        currentVersion: (item.currentVersion as number | undefined) ?? null,
        previousVersion: (item.previousVersion as number | undefined) ?? null,
        lastDeploymentId: (item.lastDeploymentId as string | undefined) ?? null,
        succeededVersions: succeeded ? [...succeeded].filter((v) => !revoked.has(v)).sort((a, b) => a - b) : [],
        ...(item.retiring ? { retiring: item.retiring as PendingRetirement } : {}),
        updatedAt: item.updatedAt as string | undefined,
      };
    },
  };
}

/**
 * Guards a new deployment of `version` on a promotion prerequisite: fails unless
 * `environment` records the version's success and no rollback revoked it since (what
 * readEnvironment's `succeededVersions` says), checked in the deployment's own transaction.
 */
export function prerequisiteMet(tableName: string, specId: string, environment: string, version: number): TransactWriteItem {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: marshallItem(keys.environment(specId, environment)),
      ConditionExpression: "contains(succeededVersions, :v) AND NOT contains(revokedVersions, :v)",
      ExpressionAttributeValues: marshallItem({ ":v": version }),
    },
  };
}

/** Guards a new deployment against a pointer that moved after it was read. */
export function environmentUnchanged(tableName: string, specId: string, environment: string, currentVersion: number | null): TransactWriteItem {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: marshallItem(keys.environment(specId, environment)),
      ConditionExpression: currentVersion === null ? "attribute_not_exists(currentVersion)" : "currentVersion = :v",
      ...(currentVersion === null ? {} : { ExpressionAttributeValues: marshallItem({ ":v": currentVersion }) }),
    },
  };
}

/** Points the environment at `record.version`, from what it pointed at before. */
export function pointEnvironment(tableName: string, record: DeploymentRecord, before: EnvironmentSnapshot, at: string): TransactWriteItem {
  const first = before.currentVersion === null;
  const values: Record<string, unknown> = {
    ":v": record.version,
    ":id": record.id,
    ":at": at,
    ":spec": record.specId,
    ":env": record.environment,
    ":entity": "environment",
  };
  if (!first) values[":prev"] = before.currentVersion;
  const set = "SET currentVersion = :v, lastDeploymentId = :id, updatedAt = :at, specId = :spec, environment = :env, entity = :entity";
  return {
    Update: {
      TableName: tableName,
      Key: marshallItem(keys.environment(record.specId, record.environment)),
      UpdateExpression: first ? `${set} REMOVE previousVersion` : `${set}, previousVersion = :prev`,
      ConditionExpression: first ? "attribute_not_exists(currentVersion)" : "currentVersion = :prev",
      ExpressionAttributeValues: marshallItem(values),
    },
  };
}

/** Puts the pointer back to `snapshot`, if this deployment is still what it points at. */
export function restoreEnvironment(tableName: string, record: DeploymentRecord, snapshot: EnvironmentSnapshot, at: string): TransactWriteItem {
  const set = ["updatedAt = :at"];
  const remove: string[] = [];
  const values: Record<string, unknown> = { ":at": at, ":id": record.id };
  for (const [name, value] of Object.entries(snapshot) as [keyof EnvironmentSnapshot, unknown][]) {
    if (value === null) remove.push(name);
    else {
      set.push(`${name} = :${name}`);
      values[`:${name}`] = value;
    }
  }
  return {
    Update: {
      TableName: tableName,
      Key: marshallItem(keys.environment(record.specId, record.environment)),
      UpdateExpression: `SET ${set.join(", ")}` + (remove.length ? ` REMOVE ${remove.join(", ")}` : ""),
      ConditionExpression: "lastDeploymentId = :id",
      ExpressionAttributeValues: marshallItem(values),
    },
  };
}

/**
 * Records that `record.version` succeeded in its environment (the promotion path's
 * evidence). A rollback also revokes the version it replaced: that version may no longer be
 * promoted onwards on the strength of having once succeeded here; succeeding again restores it.
 */
export function recordSuccess(tableName: string, record: DeploymentRecord, retiring?: PendingRetirement): TransactWriteItem {
  const revokes = record.purpose === "rollback" && record.stableVersion !== null && record.stableVersion !== record.version;
  const set = `SET specId = :spec, environment = :env, entity = :entity${retiring ? ", retiring = :retiring" : ""}`;
  return {
    Update: {
      TableName: tableName,
      Key: marshallItem(keys.environment(record.specId, record.environment)),
      UpdateExpression: revokes
        ? `ADD succeededVersions :v, revokedVersions :gone ${set}`
        : `ADD succeededVersions :v DELETE revokedVersions :v ${set}`,
      ExpressionAttributeValues: marshallItem({
        ...(retiring ? { ":retiring": retiring } : {}),
        ...(revokes ? { ":gone": new Set([record.stableVersion]) } : {}),
        ":v": new Set([record.version]),
        ":spec": record.specId,
        ":env": record.environment,
        ":entity": "environment",
      }),
    },
  };
}

/** Clears the pending retirement `deploymentId` started, if it is still the one recorded (idempotent). */
export function clearRetirement(tableName: string, specId: string, environment: string, deploymentId: string): TransactWriteItem {
  return {
    Update: {
      TableName: tableName,
      Key: marshallItem(keys.environment(specId, environment)),
      UpdateExpression: "REMOVE retiring",
      ConditionExpression: "attribute_not_exists(retiring) OR retiring.deploymentId = :id",
      ExpressionAttributeValues: marshallItem({ ":id": deploymentId }),
    },
  };
}

export async function readLockHolder(table: TableContext, specId: string, environment: string): Promise<string | undefined> {
  const { Item } = await table.client.send(
    new GetItemCommand({ TableName: table.tableName, Key: marshallItem(keys.lock(specId, environment)), ConsistentRead: true }),
  );
  return Item ? (unmarshallItem<{ deploymentId?: string }>(Item).deploymentId ?? undefined) : undefined;
}

export function takeLock(tableName: string, record: DeploymentRecord): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: marshallItem({
        ...keys.lock(record.specId, record.environment),
        entity: "lock",
        deploymentId: record.id,
        specId: record.specId,
        environment: record.environment,
        createdAt: record.createdAt,
      }),
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

/** Releases the lock if this deployment holds it (a missing lock is already released). */
export function releaseLock(tableName: string, record: DeploymentRecord): TransactWriteItem {
  return {
    Delete: {
      TableName: tableName,
      Key: marshallItem(keys.lock(record.specId, record.environment)),
      ConditionExpression: "attribute_not_exists(pk) OR deploymentId = :id",
      ExpressionAttributeValues: marshallItem({ ":id": record.id }),
    },
  };
}

export function markActive(tableName: string, record: DeploymentRecord): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: marshallItem({ ...keys.activeDeployment(record.id), entity: "active", deploymentId: record.id }),
    },
  };
}

export function unmarkActive(tableName: string, record: DeploymentRecord): TransactWriteItem {
  return { Delete: { TableName: tableName, Key: marshallItem(keys.activeDeployment(record.id)) } };
}

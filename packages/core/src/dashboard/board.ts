import { QueryCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import type { Principal } from "../auth/principal.js";
import type { DeploymentRecord } from "../rollout/model.js";
import { findDeployment } from "../rollout/repository.js";
import type { TableContext } from "../store/dynamo.js";
import { keys } from "../store/keys.js";
import { marshallItem, unmarshallItem } from "../store/marshall.js";
import { gateAwaiting } from "./inbox.js";

/** One environment of a spec as the overview shows it (the environment pointer). */
export interface EnvironmentCell {
  environment: string;
  currentVersion: number | null;
  lastDeploymentId: string | null;
}

/** A deployment that has not finished (the in-flight index), with what a list needs. */
export type InFlightDeployment = Pick<
  DeploymentRecord,
  "id" | "specId" | "version" | "environment" | "strategy" | "purpose" | "status" | "requestedBy" | "approvals" | "createdAt" | "updatedAt"
>;

export interface DashboardReads {
  /** Each spec's environment pointers, in one query per spec (no document reads). */
  environments(specIds: string[]): Promise<Map<string, EnvironmentCell[]>>;
  /** Every deployment in the in-flight index (pending, running, awaiting approval, rolling back), newest first. */
  inFlight(): Promise<InFlightDeployment[]>;
  /** The in-flight deployments whose open gate waits on `principal` (see gateAwaiting). */
  awaitingMe(principal: Principal, inFlight?: InFlightDeployment[]): Promise<InFlightDeployment[]>;
}

/** Runs `work` over `items` with at most `width` at once. */
async function mapBounded<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!);
      }
    }),
  );
  return out;
}

async function queryAll(table: TableContext, pk: string, prefix: string | undefined, projection?: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: prefix ? "pk = :pk AND begins_with(sk, :prefix)" : "pk = :pk",
        ExpressionAttributeValues: marshallItem(prefix ? { ":pk": pk, ":prefix": prefix } : { ":pk": pk }),
        ...(projection ? { ProjectionExpression: projection } : {}),
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) items.push(unmarshallItem<Record<string, unknown>>(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/**
 * The dashboard's read model: the views the overview and the approvals inbox are built on,
 * read straight from the items the use cases write (environment pointers, the in-flight
 * index). Reads only; every action goes through the use cases.
 */
export function createDashboardReads(deps: { table: TableContext; clock?: () => Date }): DashboardReads {
  const { table } = deps;
  const clock = deps.clock ?? (() => new Date());

  const inFlight = async (): Promise<InFlightDeployment[]> => {
    const index = await queryAll(table, keys.activePartition(), undefined);
    const records = await mapBounded(index, 16, (item) => findDeployment(table, item.deploymentId as string));
    return records
      .filter((r): r is DeploymentRecord => !!r)
      .map(({ id, specId, version, environment, strategy, purpose, status, requestedBy, approvals, createdAt, updatedAt }) => ({
        id, specId, version, environment, strategy, purpose, status, requestedBy, approvals, createdAt, updatedAt,
      }))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  };

  return {
    async environments(specIds) {
      const rows = await mapBounded(specIds, 16, async (specId) => {
        const items = await queryAll(table, keys.spec(specId).pk, keys.environmentPrefix(), "sk, currentVersion, lastDeploymentId");
        return items.map((item) => ({
          environment: String(item.sk).slice(keys.environmentPrefix().length),
          currentVersion: (item.currentVersion as number | undefined) ?? null,
          lastDeploymentId: (item.lastDeploymentId as string | undefined) ?? null,
        }));
      });
      return new Map(specIds.map((id, i) => [id, rows[i]!]));
    },

    inFlight,

    async awaitingMe(principal, known) {
      const now = clock();
      return (known ?? (await inFlight())).filter((d) => gateAwaiting(d, principal, now));
    },
  };
}

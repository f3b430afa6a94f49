import { BatchGetItemCommand, QueryCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
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
  /**
   * Each spec's environment pointers (no document reads). Which environments a spec has is
   * learned with one query per spec and remembered for `namesMaxAgeMs`; meanwhile the
   * pointers of the known names, plus `alsoLook` (the default path, environments in flight),
   * are read in batches of 100.
   */
  environments(specIds: string[], alsoLook?: string[]): Promise<Map<string, EnvironmentCell[]>>;
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
export function createDashboardReads(deps: { table: TableContext; clock?: () => Date; namesMaxAgeMs?: number }): DashboardReads {
  const { table } = deps;
  const clock = deps.clock ?? (() => new Date());
  const namesMaxAgeMs = deps.namesMaxAgeMs ?? 30_000;
  const knownNames = new Map<string, { names: string[]; at: number }>();

  const toCell = (item: Record<string, unknown>): EnvironmentCell => ({
    environment: String(item.sk).slice(keys.environmentPrefix().length),
    currentVersion: (item.currentVersion as number | undefined) ?? null,
    lastDeploymentId: (item.lastDeploymentId as string | undefined) ?? null,
  });

  async function queryCells(specId: string): Promise<EnvironmentCell[]> {
    const cells = (await queryAll(table, keys.spec(specId).pk, keys.environmentPrefix(), "sk, currentVersion, lastDeploymentId")).map(toCell);
    if (knownNames.size > 10_000) knownNames.clear();
    knownNames.set(specId, { names: cells.map((c) => c.environment), at: Date.now() });
    return cells;
  }

  async function batchCells(wanted: Array<{ specId: string; environment: string }>): Promise<Map<string, EnvironmentCell[]>> {
    const out = new Map<string, EnvironmentCell[]>();
    const chunks = Array.from({ length: Math.ceil(wanted.length / 100) }, (_, i) => wanted.slice(i * 100, i * 100 + 100));
    await mapBounded(chunks, 4, async (chunk) => {
      let request: Record<string, { Keys: Record<string, AttributeValue>[]; ProjectionExpression: string }> | undefined = {
        [table.tableName]: { Keys: chunk.map((w) => marshallItem(keys.environment(w.specId, w.environment))), ProjectionExpression: "pk, sk, currentVersion, lastDeploymentId" },
      };
      while (request && Object.keys(request).length > 0) {
        const result = await table.client.send(new BatchGetItemCommand({ RequestItems: request }));
        for (const raw of result.Responses?.[table.tableName] ?? []) {
          const item = unmarshallItem<Record<string, unknown>>(raw);
          const specId = String(item.pk).slice(keys.spec("").pk.length);
          out.set(specId, [...(out.get(specId) ?? []), toCell(item)]);
        }
        request = result.UnprocessedKeys as typeof request;
      }
    });
    return out;
  }

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
    async environments(specIds, alsoLook = []) {
      const now = Date.now();
      const fresh = specIds.filter((id) => (knownNames.get(id)?.at ?? -Infinity) > now - namesMaxAgeMs);
      const unknown = specIds.filter((id) => !fresh.includes(id));
      const wanted = fresh.flatMap((specId) => [...new Set([...knownNames.get(specId)!.names, ...alsoLook])].map((environment) => ({ specId, environment })));
      const [queried, batched] = await Promise.all([mapBounded(unknown, 16, queryCells), batchCells(wanted)]);
      const cells = new Map(unknown.map((id, i) => [id, queried[i]!]));
      return new Map(specIds.map((id) => [id, cells.get(id) ?? batched.get(id) ?? []]));
    },

    inFlight,

    async awaitingMe(principal, known) {
      const now = clock();
      return (known ?? (await inFlight())).filter((d) => gateAwaiting(d, principal, now));
    },
  };
}

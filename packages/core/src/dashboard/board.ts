import { QueryCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import type { Principal } from "../auth/principal.js";
import type { DeploymentRecord } from "../rollout/model.js";
import { mapBounded, readItems, type ItemRead } from "../store/batch-get.js";
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

const IN_FLIGHT_FIELDS = [
  "id", "specId", "version", "environment", "strategy", "purpose", "status", "requestedBy", "approvals", "createdAt", "updatedAt",
] as const satisfies readonly (keyof DeploymentRecord)[];

/** A deployment that has not finished (the in-flight index), with what a list needs. */
export type InFlightDeployment = Pick<DeploymentRecord, (typeof IN_FLIGHT_FIELDS)[number]>;

/** A deployment item read for a list: only the fields of InFlightDeployment (not the plan or the timeline). */
function inFlightRead(id: string): ItemRead<InFlightDeployment | undefined> {
  return {
    key: keys.deployment(id),
    decode: (item) => (item ? (Object.fromEntries(IN_FLIGHT_FIELDS.filter((f) => f in item).map((f) => [f, item[f]])) as InFlightDeployment) : undefined),
  };
}

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

  /** The pointers of `wanted` that exist, by spec (readItems: batches of 100, unprocessed keys retried). */
  async function batchCells(wanted: Array<{ specId: string; environment: string }>): Promise<Map<string, EnvironmentCell[]>> {
    const reads = wanted.map(({ specId, environment }): ItemRead<{ specId: string; cell: EnvironmentCell } | undefined> => ({
      key: keys.environment(specId, environment),
      decode: (item) => (item ? { specId, cell: toCell(item) } : undefined),
    }));
    const items = await readItems(table, reads, { attributes: ["currentVersion", "lastDeploymentId"] });
    const out = new Map<string, EnvironmentCell[]>();
    for (const [i, read] of reads.entries()) {
      const found = read.decode(items[i]);
      if (found) out.set(found.specId, [...(out.get(found.specId) ?? []), found.cell]);
    }
    return out;
  }

  const inFlight = async (): Promise<InFlightDeployment[]> => {
    const index = await queryAll(table, keys.activePartition(), undefined);
    const reads = index.map((item) => inFlightRead(item.deploymentId as string));
    const items = await readItems(table, reads, { attributes: IN_FLIGHT_FIELDS });
    return reads
      .map((read, i) => read.decode(items[i]))
      .filter((d): d is InFlightDeployment => !!d)
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

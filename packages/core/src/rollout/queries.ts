import { QueryCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { readDeploymentEvents } from "../events/outbox.js";
import type { DomainEvent } from "../events/types.js";
import type { CursorCodec } from "../store/cursor.js";
import type { TableContext } from "../store/dynamo.js";
import { keys } from "../store/keys.js";
import { marshallItem, unmarshallItem } from "../store/marshall.js";
import { tableDefinition } from "../store/table.js";
import type { DeploymentRecord, DeploymentStatus } from "./model.js";
import type { PlanStepKind } from "./plan.js";
import { loadDeployment, type DeploymentSummary } from "./repository.js";

/** Everything GET /deployments/{id} shows. The task token is not part of it. */
export type DeploymentView = Omit<DeploymentRecord, "taskToken" | "claim" | "compensations" | "currentStep"> & {
  currentStep: { index: number; kind: PlanStepKind } | null;
  /** Compensations registered and not yet run (the undo stack, next first). */
  pendingCompensations: DeploymentRecord["compensations"];
  timeline: DomainEvent[];
};

export function toView(record: DeploymentRecord, timeline: DomainEvent[]): DeploymentView {
  const { taskToken: _token, claim: _claim, compensations, currentStep, ...rest } = record;
  const step = record.plan.steps[currentStep];
  return {
    ...rest,
    currentStep: step ? { index: step.index, kind: step.kind } : null,
    pendingCompensations: [...compensations].reverse(),
    timeline,
  };
}

export async function getDeploymentView(table: TableContext, id: string): Promise<DeploymentView> {
  const record = await loadDeployment(table, id);
  return toView(record, await readDeploymentEvents(table, id, record.revision));
}

export interface ListDeploymentsQuery {
  specId?: string;
  environment?: string;
  status?: DeploymentStatus;
  /** 1..100, default 20. */
  limit?: number;
  cursor?: string;
}

const summaryFields = [
  "id",
  "specId",
  "version",
  "environment",
  "strategy",
  "purpose",
  "status",
  "requestedBy",
  "reason",
  "stableVersion",
  "createdAt",
  "finishedAt",
  "pk",
  "sk",
  "gsi1pk",
  "gsi1sk",
];

/** A filtered page may stop early rather than read the whole partition. */
const MAX_PAGES_PER_REQUEST = 10;

/**
 * Newest first, from GSI1: one partition per spec (the BYSPEC summary items) or the global
 * one (the LIST summary items). Environment and status filter the
 * partition's items; no Scan.
 */
export async function listDeployments(
  table: TableContext,
  cursors: CursorCodec,
  query: ListDeploymentsQuery,
): Promise<{ items: DeploymentSummary[]; nextCursor: string | null }> {
  const limit = Math.min(100, Math.max(1, Math.trunc(query.limit ?? 20)));
  const listing = `deployments:${query.specId ?? "*"}:${query.environment ?? "*"}:${query.status ?? "*"}`;
  let startKey = cursors.decode(listing, query.cursor) as Record<string, AttributeValue> | undefined;
  const partition = query.specId ? keys.deploymentSpecListPartition(query.specId) : keys.deploymentListPartition();
  const names: Record<string, string> = Object.fromEntries(summaryFields.map((field, i) => [`#f${i}`, field]));
  const values: Record<string, unknown> = { ":p": partition };
  const filters: string[] = [];
  if (query.environment) {
    filters.push(`#f${summaryFields.indexOf("environment")} = :env`);
    values[":env"] = query.environment;
  }
  if (query.status) {
    filters.push(`#f${summaryFields.indexOf("status")} = :status`);
    values[":status"] = query.status;
  }
  names["#gpk"] = tableDefinition.gsi1.partitionKey;

  const items: DeploymentSummary[] = [];
  for (let page = 0; page < MAX_PAGES_PER_REQUEST && items.length < limit; page++) {
    const result = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: tableDefinition.gsi1.name,
        KeyConditionExpression: "#gpk = :p",
        ...(filters.length ? { FilterExpression: filters.join(" AND ") } : {}),
        ProjectionExpression: Object.keys(names).filter((n) => n !== "#gpk").join(", "),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: marshallItem(values),
        ScanIndexForward: false,
        // Never more than the page still needs, so LastEvaluatedKey is exactly where to resume.
        Limit: limit - items.length,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const raw of result.Items ?? []) {
      const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, ...summary } = unmarshallItem<Record<string, unknown>>(raw);
      items.push(summary as unknown as DeploymentSummary);
    }
    startKey = result.LastEvaluatedKey;
    if (!startKey) break;
  }
  return { items, nextCursor: cursors.encode(listing, startKey) };
}

import { QueryCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { keys } from "../store/keys.js";
import { marshallItem, unmarshallItem } from "../store/marshall.js";
import type { Orchestrator } from "../workflow/contract.js";
import { ExecutionNotFoundError } from "../workflow/errors.js";
import { launchExecutionName } from "../workflow/naming.js";
import { remainingBakeSeconds, startExecution } from "./executions.js";
import type { DeploymentRecord, DeploymentStatus } from "./model.js";
import { findDeployment, type RolloutStore } from "./repository.js";

export interface ResumeOptions {
  /** Whether an execution still drives the deployment: then it is left alone. */
  isRunning?: (record: DeploymentRecord) => boolean | Promise<boolean>;
  /** Leaves deployments changed within this many ms alone (one being launched or stopped right now). */
  quietForMs?: number;
}

export interface ResumedDeployment {
  id: string;
  status: DeploymentStatus;
  mode: "run" | "compensate";
  executionId: string;
  /** What was left of an interrupted bake, waited out before the rollout goes on. */
  waitSeconds?: number;
}

/** Thrown after a sweep in which some deployments could not be resumed (the others were). */
export class ResumeIncompleteError extends Error {
  override readonly name = "ResumeIncompleteError";
  readonly code = "RESUME_INCOMPLETE";
  constructor(
    readonly resumed: ResumedDeployment[],
    readonly failed: { id: string; error: unknown }[],
  ) {
    super(`${failed.length} in-flight deployment(s) could not be resumed: ${failed.map((f) => f.id).join(", ")}`, { cause: failed[0]?.error });
  }
}

/**
 * Gives every deployment in the ACTIVE index that nothing drives a new execution: running
 * ones continue from their recorded cursor, open gates re-open with their links and votes
 * intact, rollbacks compensate. A deployment whose launch never recorded an execution (the
 * process died between the two, or StartExecution's answer was lost) is started under the
 * launch's own execution name, so an execution of it that does run is found instead of
 * doubled. Used at local start (the engine keeps executions in memory), by the local
 * reconciler, and on a schedule in AWS (with `executionRunning`). One deployment that
 * cannot be resumed does not stop the others: ResumeIncompleteError after the sweep.
 */
export async function resumeInFlight(
  store: RolloutStore & { orchestrator: Orchestrator; clock: () => Date },
  options: ResumeOptions = {},
): Promise<ResumedDeployment[]> {
  const resumed: ResumedDeployment[] = [];
  const failed: { id: string; error: unknown }[] = [];
  const quietSince = store.clock().getTime() - (options.quietForMs ?? 0);
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await store.table.client.send(
      new QueryCommand({
        TableName: store.table.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: marshallItem({ ":pk": keys.activePartition() }),
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const { deploymentId } = unmarshallItem<{ deploymentId: string }>(item);
      try {
        const record = await findDeployment(store.table, deploymentId);
        if (!record) continue;
        const mode = record.status === "rolling_back" ? "compensate" : ["pending", "in_progress", "awaiting_approval"].includes(record.status) ? "run" : undefined;
        if (!mode || Date.parse(record.updatedAt) > quietSince) continue;
        if (await options.isRunning?.(record)) continue;
        const waitSeconds = mode === "run" ? remainingBakeSeconds(record, store.clock()) : 0;
        const name = record.executionId === undefined && mode === "run" ? launchExecutionName(record.id) : undefined;
        const executionId = await startExecution(store, record, mode, undefined, waitSeconds || undefined, name);
        resumed.push({ id: record.id, status: record.status, mode, executionId, ...(waitSeconds ? { waitSeconds } : {}) });
      } catch (error) {
        failed.push({ id: deploymentId, error });
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  if (failed.length > 0) throw new ResumeIncompleteError(resumed, failed);
  return resumed;
}

/**
 * `isRunning` for an orchestrator that keeps executions (Step Functions): the execution the
 * deployment recorded is still running. None recorded: not running (resumeInFlight then
 * starts the launch's own name, which finds a running one). An execution the orchestrator
 * does not know is not running; any other failure to ask is left to the next sweep.
 */
export function executionRunning(orchestrator: Orchestrator): (record: DeploymentRecord) => Promise<boolean> {
  return async (record) => {
    if (record.executionId === undefined) return false;
    try {
      return (await orchestrator.describe(record.executionId)).status === "RUNNING";
    } catch (error) {
      if (error instanceof ExecutionNotFoundError) return false;
      throw error;
    }
  };
}

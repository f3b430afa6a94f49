import type { TableContext } from "../store/dynamo.js";
import { withBackoff } from "../store/retry.js";
import { createDynamoDeploymentStore } from "./dynamo-store.js";
import { DeploymentConflictError } from "./errors.js";
import type { DeploymentRecord } from "./model.js";
import type { DeploymentChange, DeploymentStore } from "./store.js";

/**
 * How the rest of core reaches the deployment store (store.ts): these functions take the
 * context a caller has (table and clock, optionally with a `deployments` store: the saga's
 * unit tier passes the in-memory one) and go through the port.
 */

export interface RolloutStore {
  table: TableContext;
  clock: () => Date;
  /** The deployment store; default: the DynamoDB adapter on `table`. */
  deployments?: DeploymentStore;
}

export { deploymentSummary, type DeploymentChange, type DeploymentSummary, type ExtraWrite } from "./store.js";
export { toRecord } from "./dynamo-store.js";

/** The store behind `context`: its own, or the DynamoDB adapter on its table. */
export function deploymentStoreOf(context: RolloutStore): DeploymentStore {
  return context.deployments ?? createDynamoDeploymentStore(context);
}

/** Reads a deployment from `table`, or from the store when given a RolloutStore. */
export async function findDeployment(table: TableContext | RolloutStore, id: string): Promise<DeploymentRecord | undefined> {
  return storeFor(table).find(id);
}

export async function loadDeployment(table: TableContext | RolloutStore, id: string): Promise<DeploymentRecord> {
  return storeFor(table).load(id);
}

function storeFor(context: TableContext | RolloutStore): DeploymentStore {
  if ("table" in context) return deploymentStoreOf(context);
  return createDynamoDeploymentStore({ table: context, clock: () => new Date() });
}

/**
 * Commits `change` over `before` (undefined: a new deployment). Throws
 * DeploymentConflictError when the deployment moved since it was read, or the error an
 * extra write's `onConditionFailed` returns.
 */
export function commitDeployment(store: RolloutStore, before: DeploymentRecord | undefined, change: DeploymentChange): Promise<DeploymentRecord> {
  return deploymentStoreOf(store).commit(before, change);
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
  const deployments = deploymentStoreOf(store);
  return withBackoff(
    async (attempt) => {
      const current = attempt === 0 && options.known ? options.known : await deployments.load(id);
      const next = await change(current);
      return next ? deployments.commit(current, next) : current;
    },
    { retries: options.retries ?? 8, baseMs: 20, maxMs: 500, shouldRetry: (e) => e instanceof DeploymentConflictError },
  );
}

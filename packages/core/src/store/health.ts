import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import type { TableContext } from "./dynamo.js";
import { keys } from "./keys.js";
import { marshallItem } from "./marshall.js";

/** What `/health` says about the database: no endpoint, no error text, nothing internal. */
export interface StorageCheck {
  status: "ok" | "unavailable";
  /** How long the probe took, when it answered. */
  latencyMs?: number;
  checkedAt: string;
}

/**
 * A cheap probe of the table: one eventually consistent GetItem of a key that never exists
 * (half a read unit), at most one in flight, and its answer reused for `cacheMs`, so a
 * load balancer polling `/health` costs the database next to nothing.
 */
export function createStorageProbe(table: TableContext, options: { cacheMs?: number; timeoutMs?: number } = {}) {
  const cacheMs = options.cacheMs ?? 1_000;
  const timeoutMs = options.timeoutMs ?? 2_000;
  let last: { at: number; check: StorageCheck } | undefined;
  let inFlight: Promise<StorageCheck> | undefined;

  async function probe(): Promise<StorageCheck> {
    const started = performance.now();
    const checkedAt = new Date().toISOString();
    try {
      await table.client.send(
        new GetItemCommand({ TableName: table.tableName, Key: marshallItem(keys.config("health-probe")), ProjectionExpression: "pk" }),
        { abortSignal: AbortSignal.timeout(timeoutMs) },
      );
      return { status: "ok", latencyMs: Math.round((performance.now() - started) * 10) / 10, checkedAt };
    } catch {
      return { status: "unavailable", checkedAt };
    }
  }

  return async function checkStorage(): Promise<StorageCheck> {
    if (last && Date.now() - last.at < cacheMs) return last.check;
    inFlight ??= probe().then((check) => {
      last = { at: Date.now(), check };
      inFlight = undefined;
      return check;
    });
    return inFlight;
  };
}

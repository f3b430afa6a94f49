import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { buildDomainEvent, type PendingEvent } from "../events/outbox.js";
import type { DomainEvent } from "../events/types.js";
import type { DeploymentRecord, EnvironmentPointer, EnvironmentSnapshot, PendingRetirement } from "./model.js";

/**
 * The saga's storage port. The saga loads a deployment, and commits a change: the new
 * record (conditioned on the revision it read), its events (the outbox) and its effects on
 * the items around it (lock, environment pointer, in-flight index), all or nothing.
 * Adapters: DynamoDB (dynamo-store.ts: one transaction, cancellation reasons translated to
 * domain errors) and in memory (memory-store.ts: the saga's fast unit tier, fake clock).
 */
export interface DeploymentStore {
  find(id: string): Promise<DeploymentRecord | undefined>;
  /** @throws DeploymentNotFoundError */
  load(id: string): Promise<DeploymentRecord>;
  /**
   * Commits `change` over `before` (undefined: create, guarded by the change's effects such
   * as take_lock and environment_unchanged).
   * @throws DeploymentConflictError when the deployment moved since it was read, or the
   *   error the failing effect's `onConditionFailed` returns
   */
  commit(before: DeploymentRecord | undefined, change: DeploymentChange): Promise<DeploymentRecord>;
  readEnvironment(specId: string, environment: string): Promise<EnvironmentPointer>;
  readLockHolder(specId: string, environment: string): Promise<string | undefined>;
}

/**
 * What a change does besides rewriting the deployment item. Each effect has a condition
 * (named in the comment); a failed one cancels the whole change.
 */
export type DeploymentEffect =
  /** Takes the (spec, environment) lock; fails when it is held. */
  | { kind: "take_lock" }
  /** Releases the lock if this deployment holds it. */
  | { kind: "release_lock" }
  | { kind: "mark_active" }
  | { kind: "unmark_active" }
  /** Fails unless `environment` (of the same spec) records the deployment's version as succeeded, not revoked: a promotion prerequisite. */
  | { kind: "prerequisite_met"; environment: string }
  /** Fails unless the environment still runs `currentVersion`. */
  | { kind: "environment_unchanged"; currentVersion: number | null }
  /** Points the environment at the deployment's version; fails unless it still runs `before.currentVersion`. */
  | { kind: "point_environment"; before: EnvironmentSnapshot; at: string }
  /** Puts the pointer back; fails unless this deployment is what it points at. */
  | { kind: "restore_environment"; snapshot: EnvironmentSnapshot; at: string }
  /** Adds the version to the environment's successes (a rollback revokes the one it replaced), with the pending retirement. */
  | { kind: "record_success"; retiring?: PendingRetirement }
  /** Clears the pending retirement `deploymentId` started, if it is still recorded. */
  | { kind: "clear_retirement"; deploymentId: string };

/**
 * A write that rides along in the deployment's change: a typed `effect` (every adapter), or
 * a raw DynamoDB `item` (the DynamoDB adapter only: approval votes and links still use it).
 * `onConditionFailed` names the domain outcome when its condition fails.
 */
export interface ExtraWrite {
  item?: TransactWriteItem;
  /**
   * A raw DynamoDB item built from the record as it will be committed (revision and time
   * set), for a write that must say what was committed: the stored response of an
   * Idempotency-Key (DynamoDB adapter only).
   */
  itemFor?: (after: DeploymentRecord) => TransactWriteItem;
  effect?: DeploymentEffect;
  onConditionFailed?: () => Error | Promise<Error>;
}

export interface DeploymentChange {
  after: DeploymentRecord;
  /** At least one: each event takes the next revision as its sequence number. */
  events: PendingEvent[];
  extra?: ExtraWrite[];
}

/**
 * The events `change` wrote, as committed into `after` (the record `commit` returned): ids,
 * sequence numbers and time as both adapters build them. Lets a writer show the timeline it
 * just wrote without reading it back.
 */
export function committedEvents(after: DeploymentRecord, change: Pick<DeploymentChange, "events">): DomainEvent[] {
  const base = after.revision - change.events.length;
  return change.events.map((pending, i) => buildDomainEvent({ deploymentId: after.id, ...after }, base + i + 1, pending, after.updatedAt));
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

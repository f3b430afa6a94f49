import { buildDomainEvent } from "../events/outbox.js";
import type { DomainEvent } from "../events/types.js";
import { DeploymentConflictError, DeploymentNotFoundError } from "./errors.js";
import type { DeploymentRecord, EnvironmentPointer, PendingRetirement } from "./model.js";
import type { DeploymentChange, DeploymentEffect, DeploymentStore } from "./store.js";

/**
 * The in-memory adapter of the deployment store, with the DynamoDB adapter's semantics:
 * a change is checked whole (the revision it read, then every effect's condition) and
 * applied whole, or not at all. It takes typed effects only; a raw DynamoDB item is a
 * TypeError (those paths need the DynamoDB adapter). For the saga's unit tier.
 */
export interface MemoryDeploymentStore extends DeploymentStore {
  events(id: string): DomainEvent[];
  activeIds(): string[];
  /** Fails the next commits for which `when` holds (a storage fault), once each. */
  failNext(when: (change: DeploymentChange) => boolean, error?: Error): void;
}

interface StoredEnvironment {
  currentVersion?: number;
  previousVersion?: number;
  lastDeploymentId?: string;
  succeeded: Set<number>;
  revoked: Set<number>;
  retiring?: PendingRetirement;
  updatedAt?: string;
}

class ConditionFailed extends Error {
  constructor(readonly index: number) {
    super("condition failed");
  }
}

export function createMemoryDeploymentStore(deps: { clock: () => Date }): MemoryDeploymentStore {
  const deployments = new Map<string, DeploymentRecord>();
  const events = new Map<string, DomainEvent[]>();
  const environments = new Map<string, StoredEnvironment>();
  const locks = new Map<string, string>();
  const active = new Set<string>();
  const faults: { when: (change: DeploymentChange) => boolean; error: Error }[] = [];
  const envKey = (specId: string, environment: string) => `${specId}\u0000${environment}`;
  const clone = <T>(value: T): T => structuredClone(value);

  /** Applies `effect` to the staged copies, or throws ConditionFailed. */
  function apply(effect: DeploymentEffect, record: DeploymentRecord, index: number, staged: { env: StoredEnvironment; lock: string | undefined; active: boolean }) {
    const { env } = staged;
    const fail = () => {
      throw new ConditionFailed(index);
    };
    switch (effect.kind) {
      case "take_lock":
        if (staged.lock !== undefined) fail();
        staged.lock = record.id;
        return;
      case "release_lock":
        if (staged.lock !== undefined && staged.lock !== record.id) fail();
        staged.lock = undefined;
        return;
      case "mark_active":
        staged.active = true;
        return;
      case "unmark_active":
        staged.active = false;
        return;
      case "environment_unchanged":
        if ((env.currentVersion ?? null) !== effect.currentVersion) fail();
        return;
      case "prerequisite_met": {
        const other = environments.get(envKey(record.specId, effect.environment));
        if (!other?.succeeded.has(record.version) || other.revoked.has(record.version)) fail();
        return;
      }
      case "point_environment": {
        if ((env.currentVersion ?? null) !== effect.before.currentVersion) fail();
        env.currentVersion = record.version;
        env.lastDeploymentId = record.id;
        env.updatedAt = effect.at;
        if (effect.before.currentVersion === null) delete env.previousVersion;
        else env.previousVersion = effect.before.currentVersion;
        return;
      }
      case "restore_environment": {
        if (env.lastDeploymentId !== record.id) fail();
        for (const [name, value] of Object.entries(effect.snapshot) as [keyof typeof effect.snapshot, number | string | null][]) {
          if (value === null) delete env[name];
          else (env as unknown as Record<string, unknown>)[name] = value;
        }
        env.updatedAt = effect.at;
        return;
      }
      case "record_success": {
        env.succeeded.add(record.version);
        const revokes = record.purpose === "rollback" && record.stableVersion !== null && record.stableVersion !== record.version;
        if (revokes) env.revoked.add(record.stableVersion!);
        else env.revoked.delete(record.version);
        if (effect.retiring) env.retiring = effect.retiring;
        return;
      }
      case "clear_retirement":
        if (env.retiring && env.retiring.deploymentId !== effect.deploymentId) fail();
        delete env.retiring;
        return;
    }
  }

  const store: MemoryDeploymentStore = {
    async find(id) {
      const record = deployments.get(id);
      return record && clone(record);
    },
    async load(id) {
      const record = deployments.get(id);
      if (!record) throw new DeploymentNotFoundError(id);
      return clone(record);
    },
    async commit(before, change) {
      const fault = faults.findIndex((f) => f.when(change));
      if (fault >= 0) throw faults.splice(fault, 1)[0]!.error;
      const stored = deployments.get(change.after.id);
      if (before ? stored?.revision !== before.revision : stored !== undefined) throw new DeploymentConflictError(change.after.id);
      const at = deps.clock().toISOString();
      const base = before?.revision ?? 0;
      const after: DeploymentRecord = { ...clone(change.after), revision: base + change.events.length, updatedAt: at };
      const key = envKey(after.specId, after.environment);
      const current = environments.get(key);
      const staged = {
        env: current ? { ...clone(current), succeeded: new Set(current.succeeded), revoked: new Set(current.revoked) } : { succeeded: new Set<number>(), revoked: new Set<number>() },
        lock: locks.get(key),
        active: active.has(after.id),
      };
      const extra = change.extra ?? [];
      try {
        extra.forEach((write, index) => {
          if (!write.effect) throw new TypeError("the in-memory deployment store takes typed effects, not DynamoDB items");
          apply(write.effect, after, index, staged);
        });
      } catch (error) {
        if (!(error instanceof ConditionFailed)) throw error;
        const handler = extra[error.index]?.onConditionFailed;
        if (handler) throw await handler();
        throw new DeploymentConflictError(after.id);
      }
      // Everything checked: apply it all at once (no await from here on).
      deployments.set(after.id, after);
      const log = events.get(after.id) ?? [];
      change.events.forEach((pending, i) => log.push(buildDomainEvent({ deploymentId: after.id, ...after }, base + i + 1, pending, at)));
      events.set(after.id, log);
      environments.set(key, staged.env);
      if (staged.lock === undefined) locks.delete(key);
      else locks.set(key, staged.lock);
      if (staged.active) active.add(after.id);
      else active.delete(after.id);
      return clone(after);
    },
    async readEnvironment(specId, environment): Promise<EnvironmentPointer> {
      const env = environments.get(envKey(specId, environment));
      return {
        specId,
        environment,
        currentVersion: env?.currentVersion ?? null,
        previousVersion: env?.previousVersion ?? null,
        lastDeploymentId: env?.lastDeploymentId ?? null,
        succeededVersions: env ? [...env.succeeded].filter((v) => !env.revoked.has(v)).sort((a, b) => a - b) : [],
        ...(env?.retiring ? { retiring: clone(env.retiring) } : {}),
        ...(env?.updatedAt ? { updatedAt: env.updatedAt } : {}),
      };
    },
    async readLockHolder(specId, environment) {
      return locks.get(envKey(specId, environment));
    },
    events: (id) => clone(events.get(id) ?? []),
    activeIds: () => [...active],
    failNext(when, error = Object.assign(new Error("injected storage fault"), { name: "InjectedFault" })) {
      faults.push({ when, error });
    },
  };
  return store;
}

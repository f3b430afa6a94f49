import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import type { EventData } from "../events/catalog.js";
import { streamEventPut } from "../events/outbox.js";
import { keys } from "../store/keys.js";
import type { StoredTarget } from "./schema.js";

/**
 * The outbox side of the target registry: each register, change and removal writes its
 * event (stream `target:<name>`) in the transaction that makes it. The data says where the
 * target points and who may use it, never the webhook secret (a change names `secret` when
 * it changed) and of a webhook URL only its origin.
 */

/** Where a target points and who may use it, as the events carry it. */
function described(target: StoredTarget): EventData<"target.registered"> {
  const where =
    target.type === "webhook"
      ? { origin: new URL(target.url).origin, allowPrivateNetwork: target.allowPrivateNetwork }
      : { functionName: target.functionName, alias: target.alias, ...(target.region ? { region: target.region } : {}) };
  return {
    name: target.name,
    type: target.type,
    revision: target.revision,
    specs: target.specs,
    ...(target.environments ? { environments: target.environments } : {}),
    ...where,
  };
}

/** The names of the settings that differ between two revisions of a target (`secret` included, never its value). */
export function changedSettings(before: StoredTarget, after: StoredTarget): string[] {
  const fields = ["type", "url", "allowPrivateNetwork", "secret", "functionName", "alias", "region", "specs", "environments", "description"] as const;
  const value = (target: StoredTarget, field: (typeof fields)[number]) => JSON.stringify((target as Record<string, unknown>)[field] ?? null);
  return fields.filter((field) => value(before, field) !== value(after, field));
}

/** The transaction item of `target.registered` or `target.changed` for `target` (the revision being written). */
export function targetWrittenEvent(tableName: string, target: StoredTarget, previous: StoredTarget | undefined, actor: string): TransactWriteItem {
  const pending = previous
    ? { type: "target.changed" as const, actor, data: { ...described(target), previousRevision: previous.revision, changed: changedSettings(previous, target) } }
    : { type: "target.registered" as const, actor, data: described(target) };
  return eventItem(tableName, target, target.revision, pending, target.updatedAt);
}

/** The transaction item of `target.removed` for `target` (the revision being deleted). */
export function targetRemovedEvent(tableName: string, target: StoredTarget, actor: string, at: string): TransactWriteItem {
  const pending = { type: "target.removed" as const, actor, data: { name: target.name, type: target.type, revision: target.revision } };
  return eventItem(tableName, target, target.revision + 1, pending, at);
}

function eventItem(
  tableName: string,
  target: StoredTarget,
  seq: number,
  pending: Parameters<typeof streamEventPut>[2],
  at: string,
): TransactWriteItem {
  const stream = keys.targetEventStream(target.name);
  const createdMs = Date.parse(target.createdAt);
  return streamEventPut(tableName, { stream, id: `${stream}:${createdMs}:${seq}`, key: keys.targetEvent(target.name, createdMs, seq) }, pending, at);
}

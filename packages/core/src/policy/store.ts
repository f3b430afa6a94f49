import { GetItemCommand, TransactWriteItemsCommand } from "@aws-sdk/client-dynamodb";
import type { Principal } from "../auth/principal.js";
import { canonicalJson } from "../spec/canonical.js";
import { platformEventPut, readPlatformEvents } from "../events/outbox.js";
import type { PlatformEvent } from "../events/types.js";
import type { ItemRead } from "../store/batch-get.js";
import { cancellationReasons, type TableContext } from "../store/dynamo.js";
import { keys } from "../store/keys.js";
import { marshallItem, unmarshallItem } from "../store/marshall.js";
import { InvalidPolicyError, PolicyRevisionMismatchError } from "./errors.js";
import { policyDocumentSchema, type EnvironmentPolicy, type PolicyChangedData, type StoredPolicy } from "./schema.js";

/** The platform stream policy changes are written to (`EVENTS#policy`). */
export const policyEventStream = "policy";

/** What the rollout side needs: the current policy. */
export interface PolicyReader {
  get(): Promise<StoredPolicy>;
  /** The policy as an item to read with others in one round trip (optional: else `get`). */
  read?(): ItemRead<StoredPolicy>;
}

export interface PolicyStore extends PolicyReader {
  /**
   * Replaces the policy. Writes the new revision and its `policy.changed` event (with the
   * actor) in one transaction; a document equal to the current one changes nothing.
   * `ifRevision`: only if the policy is still at that revision (else PolicyRevisionMismatchError).
   */
  put(document: unknown, principal: Principal, options?: { ifRevision?: number }): Promise<{ policy: StoredPolicy; changed: boolean }>;
  /** The `policy.changed` events, oldest first: who changed what, when. */
  history(limit?: number): Promise<PlatformEvent[]>;
}

const noPolicy: StoredPolicy = { revision: 0, environments: {}, updatedAt: null, updatedBy: null };

/** The policy item as an item to read with others (readItems); none stored is the empty policy at revision 0. */
export function policyRead(): ItemRead<StoredPolicy> {
  return {
    key: keys.policy(),
    decode(found) {
      if (!found) return { ...noPolicy, environments: {} };
      const item = found as unknown as StoredPolicy;
      return { revision: item.revision, environments: item.environments ?? {}, updatedAt: item.updatedAt, updatedBy: item.updatedBy };
    },
  };
}

/** The policy item (`POLICY` / `CURRENT`) and its event stream (`EVENTS#policy`) in the one table. */
export function createPolicyStore(deps: { table: TableContext; clock?: () => Date }): PolicyStore {
  const { table } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function get(): Promise<StoredPolicy> {
    const read = policyRead();
    const { Item } = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: marshallItem(read.key), ConsistentRead: true }));
    return read.decode(Item ? unmarshallItem(Item) : undefined);
  }

  async function put(document: unknown, principal: Principal, options: { ifRevision?: number } = {}) {
    const parsed = policyDocumentSchema.safeParse(document);
    if (!parsed.success) {
      throw new InvalidPolicyError(parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })));
    }
    const environments = parsed.data.environments;
    for (let attempt = 0; ; attempt++) {
      const current = await get();
      if (options.ifRevision !== undefined && options.ifRevision !== current.revision) {
        throw new PolicyRevisionMismatchError(options.ifRevision, current.revision);
      }
      if (canonicalJson(current.environments) === canonicalJson(environments)) return { policy: current, changed: false };
      const at = clock().toISOString();
      const next: StoredPolicy = { revision: current.revision + 1, environments, updatedAt: at, updatedBy: principal.subject };
      try {
        await table.client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table.tableName,
                  Item: marshallItem({ ...keys.policy(), entity: "policy", ...next }),
                  ConditionExpression: current.revision === 0 ? "attribute_not_exists(pk)" : "revision = :revision",
                  ...(current.revision === 0 ? {} : { ExpressionAttributeValues: marshallItem({ ":revision": current.revision }) }),
                },
              },
              platformEventPut(
                table.tableName,
                policyEventStream,
                next.revision,
                {
                  type: "policy.changed",
                  actor: principal.subject,
                  data: {
                    revision: next.revision,
                    previousRevision: current.revision,
                    changedEnvironments: changedEnvironments(current.environments, environments),
                    environments,
                  } satisfies PolicyChangedData,
                },
                at,
              ),
            ],
          }),
        );
        return { policy: next, changed: true };
      } catch (error) {
        // Lost a race with another writer: with If-Match that is the caller's 412, else retry on top of it.
        if (!cancellationReasons(error)?.includes("ConditionalCheckFailed")) throw error;
        if (options.ifRevision !== undefined) throw new PolicyRevisionMismatchError(options.ifRevision, (await get()).revision);
        if (attempt >= 4) throw error;
      }
    }
  }

  return { get, read: policyRead, put, history: (limit) => readPlatformEvents(table, policyEventStream, limit) };
}

/** Names of the environments whose policy was added, removed or changed. */
function changedEnvironments(before: Record<string, EnvironmentPolicy>, after: Record<string, EnvironmentPolicy>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => canonicalJson(before[name] ?? null) !== canonicalJson(after[name] ?? null)).sort();
}

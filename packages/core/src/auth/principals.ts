import {
  BatchGetItemCommand,
  GetItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
  type TransactWriteItem,
} from "@aws-sdk/client-dynamodb";
import { cancellationReasons, type TableContext } from "../store/dynamo.js";
import type { CursorCodec } from "../store/cursor.js";
import { keys } from "../store/keys.js";
import { marshallItem, unmarshallItem } from "../store/marshall.js";
import { gsi1Partition, queryPage } from "../store/paging.js";
import { InvalidSubjectError, PrincipalConflictError, PrincipalNotFoundError } from "./errors.js";
import { subjectPattern, type PrincipalRecord } from "./schema.js";

/**
 * The principal directory: people and bots, their roles, whether they are disabled.
 * One item per principal (keys.principal) plus one membership item per role it holds
 * (keys.roleMember), written in one transaction, so "who holds tech-lead" is one Query.
 * Principals are never deleted: disabling keeps the subject taken and the audit trail
 * (votes, deployments) pointing at someone.
 */
export interface PrincipalDirectory {
  get(subject: string): Promise<PrincipalRecord | undefined>;
  require(subject: string): Promise<PrincipalRecord>;
  getMany(subjects: string[]): Promise<Map<string, PrincipalRecord>>;
  list(page: { limit: number; cursor?: string }): Promise<{ items: PrincipalRecord[]; nextCursor: string | null }>;
  /**
   * Creates or changes a principal: `change` gets the current record (undefined when new)
   * and returns the fields to store. Optimistic: retried when someone else wrote in between.
   */
  write(
    subject: string,
    change: (current: PrincipalRecord | undefined) => Pick<PrincipalRecord, "roles" | "disabled" | "displayName" | "email"> | undefined,
    updatedBy: string,
  ): Promise<{ principal: PrincipalRecord; created: boolean; changed: boolean }>;
  /** Enabled principals holding `role`, by subject. */
  holdersOf(role: string): Promise<PrincipalRecord[]>;
}

type StoredPrincipal = PrincipalRecord & { revision: number };

function toRecord(item: Record<string, unknown>): StoredPrincipal {
  return {
    subject: item.subject as string,
    roles: (item.roles as string[] | undefined) ?? [],
    ...(typeof item.displayName === "string" ? { displayName: item.displayName } : {}),
    ...(typeof item.email === "string" ? { email: item.email } : {}),
    disabled: item.disabled === true,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    updatedBy: item.updatedBy as string,
    revision: (item.revision as number | undefined) ?? 0,
  };
}

const publicRecord = ({ revision: _r, ...record }: StoredPrincipal): PrincipalRecord => record;

/** `cursors` is needed for `list` only. */
export function createPrincipalDirectory(deps: { table: TableContext; cursors?: CursorCodec; clock?: () => Date }): PrincipalDirectory {
  const { client, tableName } = deps.table;
  const clock = deps.clock ?? (() => new Date());

  async function read(subject: string): Promise<StoredPrincipal | undefined> {
    // A subject that cannot exist is never looked up: no key is ever built from it.
    if (!subjectPattern.test(subject)) return undefined;
    const { Item } = await client.send(
      new GetItemCommand({ TableName: tableName, Key: marshallItem(keys.principal(subject)), ConsistentRead: true }),
    );
    return Item ? toRecord(unmarshallItem(Item)) : undefined;
  }

  async function getMany(subjects: string[]) {
    const found = new Map<string, PrincipalRecord>();
    const wanted = [...new Set(subjects)].filter((s) => subjectPattern.test(s));
    for (let i = 0; i < wanted.length; i += 100) {
      let request: Record<string, { Keys: Record<string, AttributeValue>[]; ConsistentRead: boolean }> | undefined = {
        [tableName]: { Keys: wanted.slice(i, i + 100).map((s) => marshallItem(keys.principal(s))), ConsistentRead: true },
      };
      while (request && Object.keys(request).length > 0) {
        const out = await client.send(new BatchGetItemCommand({ RequestItems: request }));
        for (const item of out.Responses?.[tableName] ?? []) {
          const record = toRecord(unmarshallItem(item));
          found.set(record.subject, publicRecord(record));
        }
        request = out.UnprocessedKeys as typeof request;
      }
    }
    return found;
  }

  return {
    get: async (subject) => {
      const found = await read(subject);
      return found && publicRecord(found);
    },

    async require(subject) {
      const found = await read(subject);
      if (!found) throw new PrincipalNotFoundError(subject);
      return publicRecord(found);
    },

    getMany,

    list: (page) => {
      if (!deps.cursors) throw new Error("listing principals needs a cursor codec");
      return queryPage(deps.table, deps.cursors, "principals", page, gsi1Partition(keys.principalListPartition()), (item) => publicRecord(toRecord(item)));
    },

    async write(subject, change, updatedBy) {
      if (!subjectPattern.test(subject)) throw new InvalidSubjectError();
      for (let attempt = 0; attempt < 5; attempt++) {
        const current = await read(subject);
        const wanted = change(current && publicRecord(current));
        if (!wanted) return { principal: publicRecord(current!), created: false, changed: false };
        const now = clock().toISOString();
        const roles = [...new Set(wanted.roles)];
        const record: StoredPrincipal = {
          subject,
          roles,
          ...(wanted.displayName ? { displayName: wanted.displayName } : {}),
          ...(wanted.email ? { email: wanted.email } : {}),
          disabled: wanted.disabled,
          createdAt: current?.createdAt ?? now,
          updatedAt: now,
          updatedBy,
          revision: (current?.revision ?? 0) + 1,
        };
        const before = new Set(current?.roles ?? []);
        const items: TransactWriteItem[] = [
          {
            Put: {
              TableName: tableName,
              Item: marshallItem({
                ...keys.principal(subject),
                gsi1pk: keys.principalListPartition(),
                gsi1sk: subject,
                entity: "principal",
                ...record,
              }),
              ...(current
                ? { ConditionExpression: "revision = :rev", ExpressionAttributeValues: marshallItem({ ":rev": current.revision }) }
                : { ConditionExpression: "attribute_not_exists(pk)" }),
            },
          },
          ...[...before]
            .filter((role) => !roles.includes(role))
            .map((role) => ({ Delete: { TableName: tableName, Key: marshallItem(keys.roleMember(role, subject)) } })),
          ...roles
            .filter((role) => !before.has(role))
            .map((role) => ({
              Put: { TableName: tableName, Item: marshallItem({ ...keys.roleMember(role, subject), entity: "role_member", role, subject }) },
            })),
        ];
        try {
          await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
          return { principal: publicRecord(record), created: !current, changed: true };
        } catch (error) {
          const reasons = cancellationReasons(error);
          if (!reasons || !reasons.some((r) => r === "ConditionalCheckFailed" || r === "TransactionConflict")) throw error;
        }
      }
      throw new PrincipalConflictError(subject);
    },

    async holdersOf(role) {
      const subjects: string[] = [];
      let startKey: Record<string, AttributeValue> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: "pk = :pk",
            ExpressionAttributeValues: marshallItem({ ":pk": keys.rolePartition(role) }),
            ExclusiveStartKey: startKey,
            ConsistentRead: true,
          }),
        );
        for (const item of page.Items ?? []) subjects.push(unmarshallItem<{ subject: string }>(item).subject);
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      // The membership items may lag a concurrent change: the principal item decides.
      const found = await getMany(subjects);
      return subjects
        .map((s) => found.get(s))
        .filter((p): p is PrincipalRecord => !!p && !p.disabled && p.roles.includes(role))
        .sort((a, b) => a.subject.localeCompare(b.subject));
    },
  };
}

import { DeleteItemCommand, GetItemCommand, PutItemCommand, QueryCommand, TransactWriteItemsCommand } from "@aws-sdk/client-dynamodb";
import type { PrincipalDirectory } from "../auth/principals.js";
import type { Principal } from "../auth/principal.js";
import { cancellationReasons, isConditionalCheckFailed, type TableContext } from "../store/dynamo.js";
import { keys } from "../store/keys.js";
import { marshallItem, unmarshallItem } from "../store/marshall.js";
import { gsi1Partition } from "../store/paging.js";
import { SlackLinkNotFoundError, SlackLinkSubjectError } from "./errors.js";
import { slackLinkInputSchema, type SlackLinkView } from "./schema.js";

/**
 * Identity links: which principal a Slack user acts as, with which scopes. One item per
 * Slack user (keys.slackUser), indexed by subject so an approval request can mention the
 * Slack users of its eligible approvers.
 */
export interface SlackLinkStore {
  put(slackUserId: string, input: unknown, updatedBy: string): Promise<{ link: SlackLinkView; created: boolean }>;
  get(slackUserId: string): Promise<SlackLinkView>;
  find(slackUserId: string): Promise<SlackLinkView | undefined>;
  remove(slackUserId: string): Promise<void>;
  /** Slack user ids linked to these subjects (for mentions); from the index, so a moment behind a PUT. */
  slackUsersOf(subjects: string[]): Promise<Map<string, string[]>>;
  /**
   * The principal a Slack user acts as: the link's scopes, the principal's roles (read now).
   * `undefined` when unlinked, or when the principal is missing or disabled.
   */
  principalFor(slackUserId: string): Promise<Principal | undefined>;
}

const toView = (item: Record<string, unknown>): SlackLinkView => ({
  slackUserId: item.slackUserId as string,
  subject: item.subject as string,
  scopes: item.scopes as SlackLinkView["scopes"],
  createdAt: item.createdAt as string,
  updatedAt: item.updatedAt as string,
  updatedBy: item.updatedBy as string,
});

export function createSlackLinkStore(deps: { table: TableContext; principals: Pick<PrincipalDirectory, "get">; clock?: () => Date }): SlackLinkStore {
  const { client, tableName } = deps.table;
  const clock = deps.clock ?? (() => new Date());

  async function find(slackUserId: string): Promise<SlackLinkView | undefined> {
    const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: marshallItem(keys.slackUser(slackUserId)), ConsistentRead: true }));
    return Item ? toView(unmarshallItem(Item)) : undefined;
  }

  return {
    async put(slackUserId, input, updatedBy) {
      const parsed = slackLinkInputSchema.parse(input);
      const principal = await deps.principals.get(parsed.subject);
      if (!principal || principal.disabled) throw new SlackLinkSubjectError(parsed.subject);
      const current = await find(slackUserId);
      const at = clock().toISOString();
      const link: SlackLinkView = { slackUserId, subject: parsed.subject, scopes: [...new Set(parsed.scopes)], createdAt: current?.createdAt ?? at, updatedAt: at, updatedBy };
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: marshallItem({ ...keys.slackUser(slackUserId), entity: "slackUser", gsi1pk: keys.slackUsersOfPartition(parsed.subject), gsi1sk: slackUserId, ...link }),
        }),
      );
      return { link, created: !current };
    },

    async get(slackUserId) {
      const link = await find(slackUserId);
      if (!link) throw new SlackLinkNotFoundError(slackUserId);
      return link;
    },

    find,

    async remove(slackUserId) {
      try {
        await client.send(new DeleteItemCommand({ TableName: tableName, Key: marshallItem(keys.slackUser(slackUserId)), ConditionExpression: "attribute_exists(pk)" }));
      } catch (error) {
        if (isConditionalCheckFailed(error)) throw new SlackLinkNotFoundError(slackUserId);
        throw error;
      }
    },

    async slackUsersOf(subjects) {
      const found = new Map<string, string[]>();
      await Promise.all(
        [...new Set(subjects)].map(async (subject) => {
          const { Items = [] } = await client.send(new QueryCommand({ TableName: tableName, ...gsi1Partition(keys.slackUsersOfPartition(subject)) }));
          const ids = Items.map((item) => unmarshallItem<{ slackUserId: string }>(item).slackUserId);
          if (ids.length) found.set(subject, ids);
        }),
      );
      return found;
    },

    async principalFor(slackUserId) {
      const link = await find(slackUserId);
      if (!link) return undefined;
      const principal = await deps.principals.get(link.subject);
      if (!principal || principal.disabled) return undefined;
      return {
        tokenId: `slack:${slackUserId}`,
        subject: principal.subject,
        scopes: link.scopes,
        roles: principal.roles,
        ...(principal.displayName ? { displayName: principal.displayName } : {}),
        credential: "slack",
      };
    },
  };
}

/**
 * Slack sends a request again when it got no answer in time; a repeated `trigger_id` or
 * `action_ts` must act once. Each key is written once (conditional, in one transaction),
 * with a TTL of a day: `false` when any of them was seen already.
 */
export async function claimSlackRequest(table: TableContext, ids: string[], now: Date): Promise<boolean> {
  if (ids.length === 0) return true;
  const expiresAt = Math.floor(now.getTime() / 1000) + 24 * 3600;
  try {
    if (ids.length === 1) {
      await table.client.send(
        new PutItemCommand({
          TableName: table.tableName,
          Item: marshallItem({ ...keys.slackRequest(ids[0]!), entity: "slackRequest", at: now.toISOString(), expiresAt }),
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } else {
      await table.client.send(
        new TransactWriteItemsCommand({
          TransactItems: ids.map((id) => ({
            Put: {
              TableName: table.tableName,
              Item: marshallItem({ ...keys.slackRequest(id), entity: "slackRequest", at: now.toISOString(), expiresAt }),
              ConditionExpression: "attribute_not_exists(pk)",
            },
          })),
        }),
      );
    }
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error) || cancellationReasons(error)?.includes("ConditionalCheckFailed")) return false;
    throw error;
  }
}

import { GetItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionalCheckFailed, type TableContext } from "../store/dynamo.js";
import { keys } from "../store/keys.js";
import { marshallItem, unmarshallItem } from "../store/marshall.js";

/**
 * Where a deployment's release card lives (keys.slackCard): its channel and `ts` once
 * posted, the thread replies posted (by event id, with their `ts`), a hash of what the card
 * shows now, and a short lease so that one process at a time talks to Slack about one card.
 * Everything is written conditionally, so a restart, a relay retry or a second process
 * never posts a second card or a second reply: they find the `ts` and the reply here.
 *
 * A post is claimed first (`claims`: slot -> when), then made, then recorded. A crash or a
 * lost answer between the post and the record leaves a claim without a `ts`: the next
 * holder looks for the message in Slack (by its metadata, after the claim) before posting.
 */
export interface CardState {
  deploymentId: string;
  channel: string;
  ts?: string;
  replies: Record<string, string>;
  /** Posts begun (slot `card`, or a reply's key) -> when (ISO); kept after the post is recorded. */
  claims: Record<string, string>;
  renderedHash?: string;
}

export interface CardStore {
  /** Takes the card's lease (creating the item on first use); `undefined` while another holder has it. */
  acquire(deploymentId: string, channel: string, owner: string, now: Date, leaseMs: number): Promise<CardState | undefined>;
  release(deploymentId: string, owner: string): Promise<void>;
  /** Records that a post of `slot` begins now, unless one began before (the first claim's time stays). */
  claim(deploymentId: string, owner: string, slot: string, at: Date): Promise<void>;
  setPosted(deploymentId: string, owner: string, ts: string, renderedHash: string): Promise<void>;
  addReply(deploymentId: string, owner: string, key: string, ts: string): Promise<void>;
  setRendered(deploymentId: string, owner: string, renderedHash: string): Promise<void>;
  get(deploymentId: string): Promise<CardState | undefined>;
}

/** Written by another lease holder after ours expired: our writes must stop. */
export class CardLeaseLostError extends Error {
  override readonly name = "CardLeaseLostError";
}

const cardRetentionSeconds = 180 * 24 * 3600;

const toState = (item: Record<string, unknown>): CardState => ({
  deploymentId: item.deploymentId as string,
  channel: item.channel as string,
  ...(typeof item.ts === "string" ? { ts: item.ts } : {}),
  replies: (item.replies as Record<string, string> | undefined) ?? {},
  claims: (item.claims as Record<string, string> | undefined) ?? {},
  ...(typeof item.renderedHash === "string" ? { renderedHash: item.renderedHash } : {}),
});

export function createCardStore(table: TableContext): CardStore {
  const { client, tableName } = table;
  const key = (id: string) => marshallItem(keys.slackCard(id));

  async function ownedUpdate(id: string, owner: string, set: string, values: Record<string, unknown>, names: Record<string, string> = {}) {
    try {
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: key(id),
          UpdateExpression: `SET ${set}`,
          ConditionExpression: "leaseOwner = :owner",
          ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: marshallItem({ ...values, ":owner": owner }),
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw new CardLeaseLostError(`the lease on the card of ${id} was taken over`);
      throw error;
    }
  }

  return {
    async acquire(id, channel, owner, now, leaseMs) {
      try {
        const { Attributes } = await client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: key(id),
            UpdateExpression:
              "SET entity = :entity, deploymentId = :id, channel = if_not_exists(channel, :channel), replies = if_not_exists(replies, :none), claims = if_not_exists(claims, :none), createdAt = if_not_exists(createdAt, :now), expiresAt = if_not_exists(expiresAt, :expires), leaseUntil = :until, leaseOwner = :owner",
            ConditionExpression: "attribute_not_exists(pk) OR leaseUntil < :now",
            ExpressionAttributeValues: marshallItem({
              ":entity": "slackCard",
              ":id": id,
              ":channel": channel,
              ":none": {},
              ":now": now.toISOString(),
              ":expires": Math.floor(now.getTime() / 1000) + cardRetentionSeconds,
              ":until": new Date(now.getTime() + leaseMs).toISOString(),
              ":owner": owner,
            }),
            ReturnValues: "ALL_NEW",
          }),
        );
        return toState(unmarshallItem(Attributes!));
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },

    async release(id, owner) {
      try {
        await ownedUpdate(id, owner, "leaseUntil = :free", { ":free": "0" });
      } catch (error) {
        if (!(error instanceof CardLeaseLostError)) throw error;
      }
    },

    claim: (id, owner, slot, at) => ownedUpdate(id, owner, "claims.#slot = if_not_exists(claims.#slot, :at)", { ":at": at.toISOString() }, { "#slot": slot }),
    setPosted: (id, owner, ts, renderedHash) => ownedUpdate(id, owner, "ts = :ts, renderedHash = :hash", { ":ts": ts, ":hash": renderedHash }),
    addReply: (id, owner, replyKey, ts) => ownedUpdate(id, owner, "replies.#reply = :ts", { ":ts": ts }, { "#reply": replyKey }),
    setRendered: (id, owner, renderedHash) => ownedUpdate(id, owner, "renderedHash = :hash", { ":hash": renderedHash }),

    async get(id) {
      const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: key(id), ConsistentRead: true }));
      return Item ? toState(unmarshallItem(Item)) : undefined;
    },
  };
}

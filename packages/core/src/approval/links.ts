import { createHash, randomBytes } from "node:crypto";
import { GetItemCommand, type TransactWriteItem } from "@aws-sdk/client-dynamodb";
import type { TableContext } from "../store/dynamo.js";
import { keys } from "../store/keys.js";
import { marshallItem, unmarshallItem } from "../store/marshall.js";

/**
 * Approval links: bearer secrets for `GET/POST /approvals/{token}`, one per required role
 * (or one for the gate when it requires none). Only the sha256 of a token is stored, with
 * a TTL at the gate's timeout; the token itself exists only in what was delivered.
 */

/** The stored side of a link (keys.approvalLink(sha256(token))). */
export interface ApprovalLinkRecord {
  deploymentId: string;
  gate: number;
  /** The role this link votes for; null: the gate requires no particular role. */
  role: string | null;
  specId: string;
  environment: string;
  createdAt: string;
  /** Epoch seconds (the table's TTL attribute). */
  expiresAt: number;
}

/** A minted link as delivered to an approver: the only place the token appears. */
export interface ApprovalLink {
  role: string | null;
  token: string;
  /** `<baseUrl>/<token>` when a base URL is configured. */
  url?: string;
}

/** What an approval-link sink receives when a gate opens. */
export interface ApprovalLinkDelivery {
  deploymentId: string;
  specId: string;
  version: number;
  environment: string;
  gate: number;
  requiredRoles: string[];
  requestedBy: string;
  expiresAt: string;
  links: ApprovalLink[];
}

export interface ApprovalLinkOptions {
  /** Prefix of the link URLs (`https://rollgate.example.com/approvals`). */
  baseUrl?: string;
  /** Where new links go (notifier, chat, console). A failure here leaves the gate open. */
  deliver?: (delivery: ApprovalLinkDelivery) => void | Promise<void>;
}

/** 32 random bytes, base64url. */
export function mintLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The vote subject of a link: one vote per link. */
export function linkSubject(tokenHash: string): string {
  return `link:${tokenHash.slice(0, 16)}`;
}

export function linkUrl(baseUrl: string | undefined, token: string): string | undefined {
  return baseUrl ? `${baseUrl.replace(/\/+$/, "")}/${token}` : undefined;
}

export function putLink(tableName: string, token: string, link: ApprovalLinkRecord): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: marshallItem({ ...keys.approvalLink(hashLinkToken(token)), entity: "approval_link", ...link }),
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

/** Looks a token up by its hash; undefined when unknown (malformed tokens included). */
export async function readLink(table: TableContext, token: string): Promise<(ApprovalLinkRecord & { tokenHash: string }) | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const tokenHash = hashLinkToken(token);
  const { Item } = await table.client.send(
    new GetItemCommand({ TableName: table.tableName, Key: marshallItem(keys.approvalLink(tokenHash)), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, entity: _e, ...link } = unmarshallItem<Record<string, unknown>>(Item);
  return { ...(link as unknown as ApprovalLinkRecord), tokenHash };
}

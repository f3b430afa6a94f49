import { createHash, randomBytes } from "node:crypto";
import { GetItemCommand, type TransactWriteItem } from "@aws-sdk/client-dynamodb";
import type { Sealer } from "../sealing/index.js";
import type { TableContext } from "../store/dynamo.js";
import { keys } from "../store/keys.js";
import { marshallItem, unmarshallItem } from "../store/marshall.js";

/**
 * Approval links: bearer secrets for `GET/POST /approvals/{token}`, one per eligible
 * principal (holds a required role, is not disabled, is not the requester). A link acts as
 * that principal alone. A gate that requires no particular role mints none: nobody in
 * particular is asked, and any principal with the `approve` scope decides through the API.
 * Only the sha256 of a token is stored, with a TTL at the gate's timeout; the token itself
 * exists only sealed until it is delivered (link-channel.ts), and then only in what was delivered. A link dies with its gate, after its principal's vote,
 * and when the principal is disabled or no longer holds the link's roles (checked on use).
 */

/** The stored side of a link (keys.approvalLink(sha256(token))). */
export interface ApprovalLinkRecord {
  deploymentId: string;
  gate: number;
  /** The principal this link acts as. */
  subject: string;
  /** The gate's required roles the principal held when the link was minted. */
  roles: string[];
  /** The first of `roles` (kept for readers of older links). */
  role: string | null;
  specId: string;
  environment: string;
  createdAt: string;
  /** Epoch seconds (the table's TTL attribute). */
  expiresAt: number;
}

/** A minted link as delivered to an approver: the only place the token appears. */
export interface ApprovalLink {
  /** The principal the link acts as. */
  subject: string;
  displayName?: string;
  email?: string;
  /** The gate's required roles this principal holds. */
  roles: string[];
  /** The first of `roles`. */
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
  /** Required roles that no eligible principal holds: nobody got a link for them. */
  rolesWithoutApprovers: string[];
}

export interface ApprovalLinkOptions {
  /** Prefix of the link URLs (`https://rollgate.example.com/approvals`). */
  baseUrl?: string;
  /**
   * Seals new links for the approval-link channel (link-channel.ts), in the gate's own
   * transaction. Without it links are minted but go nowhere: approvers vote through the API,
   * the dashboard or Slack.
   */
  sealer?: Sealer;
}

/** 32 random bytes, base64url. */
export function mintLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
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
  const record = link as unknown as ApprovalLinkRecord;
  return { ...record, roles: record.roles ?? (record.role ? [record.role] : []), tokenHash };
}

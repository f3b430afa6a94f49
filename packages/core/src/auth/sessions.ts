import { randomBytes } from "node:crypto";
import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionalCheckFailed, keys, marshallItem, unmarshallItem, type TableContext } from "../store/index.js";
import { UnauthenticatedError } from "./errors.js";
import type { Principal } from "./principal.js";
import { hashToken, type TokenService } from "./tokens.js";

/**
 * Dashboard sessions (DESIGN section 13): opened with an API token, stored hashed
 * (keys.session), bound to that token's id and its principal's subject. Every resolve
 * checks the token again through `TokenService.verifyId` (its 1 s cache): revoking the
 * token, letting it expire or disabling the principal (which revokes its tokens) ends the
 * session. A session also ends after `idleMs` without a request and `maxAgeMs` after it
 * opened, whichever comes first; the table's TTL removes the item later.
 */
export interface SessionService {
  /** Verifies the API token and opens a session acting as its principal, with its scopes. */
  open(token: string): Promise<OpenedSession>;
  /** The principal of a live session (credential `session`); UnauthenticatedError otherwise. */
  resolve(secret: string): Promise<Principal>;
  /** Ends a session; idempotent. */
  close(secret: string): Promise<void>;
}

export interface OpenedSession {
  /** The cookie value: shown once, only its sha256 is stored. */
  secret: string;
  principal: Principal;
  /** When the session ends at the latest (ISO). */
  expiresAt: string;
}

export interface SessionOptions {
  /** Default 8 h. */
  idleMs?: number;
  /** Default 12 h. */
  maxAgeMs?: number;
  /** How long a verified session item is reused in-process (default 1 s, like tokens). */
  cacheTtlMs?: number;
  /** How often `lastSeenAt` is written while a session is in use (default 60 s). */
  touchEveryMs?: number;
}

interface StoredSession {
  tokenId: string;
  subject: string;
  createdAt: string;
  /** Epoch ms. */
  lastSeenAt: number;
  /** Epoch ms: the hard end (max age, or the token's own expiry). */
  endsAt: number;
}

const SECRET_SHAPE = /^rgs_[A-Za-z0-9_-]{43}$/;

export function createSessionService(deps: { table: TableContext; tokens: TokenService; clock?: () => Date; options?: SessionOptions }): SessionService {
  const { client, tableName } = deps.table;
  const clock = deps.clock ?? (() => new Date());
  const idleMs = deps.options?.idleMs ?? 8 * 3600_000;
  const maxAgeMs = deps.options?.maxAgeMs ?? 12 * 3600_000;
  const cacheTtlMs = deps.options?.cacheTtlMs ?? 1_000;
  const touchEveryMs = deps.options?.touchEveryMs ?? 60_000;
  const cache = new Map<string, { session: StoredSession; until: number }>();
  const ended = () => new UnauthenticatedError("The session has ended; sign in again.");

  async function read(hash: string, now: number): Promise<StoredSession | undefined> {
    const hit = cache.get(hash);
    if (hit && hit.until > now) return hit.session;
    const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: marshallItem(keys.session(hash)) }));
    if (!Item) return undefined;
    const session = unmarshallItem<StoredSession>(Item);
    if (cache.size > 10_000) cache.clear();
    cache.set(hash, { session, until: now + cacheTtlMs });
    return session;
  }

  return {
    async open(token) {
      const principal = await deps.tokens.verify(token);
      const now = clock().getTime();
      const tokenEnds = principal.expiresAt ? Date.parse(principal.expiresAt) : Infinity;
      const session: StoredSession = {
        tokenId: principal.tokenId,
        subject: principal.subject,
        createdAt: new Date(now).toISOString(),
        lastSeenAt: now,
        endsAt: Math.min(now + maxAgeMs, tokenEnds),
      };
      const secret = `rgs_${randomBytes(32).toString("base64url")}`;
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: marshallItem({ ...keys.session(hashToken(secret)), entity: "session", ...session, expiresAt: Math.ceil(session.endsAt / 1000) }),
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return { secret, principal: { ...principal, credential: "session" }, expiresAt: new Date(session.endsAt).toISOString() };
    },

    async resolve(secret) {
      if (!SECRET_SHAPE.test(secret)) throw ended();
      const hash = hashToken(secret);
      const now = clock().getTime();
      const session = await read(hash, now);
      if (!session || now >= session.endsAt || now - session.lastSeenAt >= idleMs) throw ended();
      let principal: Principal;
      try {
        principal = await deps.tokens.verifyId(session.tokenId);
      } catch (error) {
        if (error instanceof UnauthenticatedError) throw ended();
        throw error;
      }
      if (principal.subject !== session.subject) throw ended();
      if (now - session.lastSeenAt >= touchEveryMs) {
        session.lastSeenAt = now;
        await client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: marshallItem(keys.session(hash)),
            UpdateExpression: "SET lastSeenAt = :now",
            ConditionExpression: "attribute_exists(pk)",
            ExpressionAttributeValues: marshallItem({ ":now": now }),
          }),
        ).catch((error: unknown) => {
          // Closed meanwhile (sign-out in another tab): the next request finds no session.
          if (!isConditionalCheckFailed(error)) throw error;
          cache.delete(hash);
        });
      }
      return { ...principal, credential: "session" };
    },

    async close(secret) {
      if (!SECRET_SHAPE.test(secret)) return;
      const hash = hashToken(secret);
      cache.delete(hash);
      await client.send(new DeleteItemCommand({ TableName: tableName, Key: marshallItem(keys.session(hash)) }));
    },
  };
}

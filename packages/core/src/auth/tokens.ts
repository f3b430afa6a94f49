import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { GetItemCommand, QueryCommand, TransactWriteItemsCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import {
  cancellationReasons,
  gsi1Partition,
  keys,
  marshallItem,
  queryPage,
  unmarshallItem,
  type CursorCodec,
  type TableContext,
} from "../store/index.js";
import { PrincipalDisabledError, TokenNotFoundError, UnauthenticatedError } from "./errors.js";
import type { PrincipalDirectory } from "./principals.js";
import type { Principal, Scope } from "./principal.js";
import type { IssueTokenInput, TokenRecord } from "./schema.js";

/**
 * API tokens: bearer credentials acting as a principal. Only the sha256 of a token is
 * stored; its id is the first 16 hex digits of that hash, so a token is found with one
 * GetItem and can be revoked by id. Scopes are on the token; roles, and whether the
 * principal may act at all, come from the principal (see createAuth's principalMaxAgeMs).
 * Verified token records are cached in-process for `cacheTtlMs`, 1 s by default:
 * revocation takes effect at once in the process that revoked, and within that second in
 * every other one (a Lambda fleet), the same bound as a principal's disable.
 */
export interface TokenService {
  /** Issues a token; the principal is created when missing and `roles`, when given, become its roles. */
  issue(input: IssueTokenInput, createdBy: string): Promise<TokenRecord & { token: string }>;
  /** Registers a token whose secret was chosen elsewhere (the first admin token); idempotent. */
  ensure(secret: string, input: IssueTokenInput, createdBy: string): Promise<TokenRecord>;
  list(options: { limit: number; cursor?: string }): Promise<{ items: TokenRecord[]; nextCursor: string | null }>;
  revoke(id: string): Promise<void>;
  /** Revokes every token of a principal (disabling it); returns how many. */
  revokeAllOf(subject: string): Promise<number>;
  verify(secret: string): Promise<Principal>;
  /** The principal a token acts as, by the token's id (a dashboard session is bound to one); the same checks and cache as `verify`. */
  verifyId(id: string): Promise<Principal>;
}

/** The stored form of a bearer secret (API tokens, dashboard sessions): its SHA-256, hex. */
export const hashToken = (secret: string) => createHash("sha256").update(secret).digest("hex");
const tokenId = (hash: string) => hash.slice(0, 16);

interface StoredToken {
  id: string;
  tokenHash: string;
  subject: string;
  scopes: Scope[];
  createdAt: string;
  createdBy: string;
  /** Epoch seconds (the table's TTL attribute). */
  expiresAt?: number;
}

export function createTokenService(deps: {
  table: TableContext;
  cursors: CursorCodec;
  principals: PrincipalDirectory;
  clock?: () => Date;
  cacheTtlMs?: number;
}): TokenService {
  const { client, tableName } = deps.table;
  const clock = deps.clock ?? (() => new Date());
  const cacheTtlMs = deps.cacheTtlMs ?? 1_000;
  const cache = new Map<string, { token: StoredToken; until: number }>();

  const toRecord = (item: StoredToken, roles: string[]): TokenRecord => ({
    id: item.id,
    subject: item.subject,
    scopes: item.scopes,
    roles,
    createdAt: item.createdAt,
    createdBy: item.createdBy,
    ...(typeof item.expiresAt === "number" ? { expiresAt: new Date(item.expiresAt * 1000).toISOString() } : {}),
  });

  async function readToken(id: string): Promise<StoredToken | undefined> {
    const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: marshallItem(keys.token(id)), ConsistentRead: true }));
    return Item ? unmarshallItem<StoredToken>(Item) : undefined;
  }

  /** The principal behind a new token: created when missing, roles set when given; never a disabled one. */
  async function principalFor(input: IssueTokenInput, createdBy: string) {
    const { principal } = await deps.principals.write(
      input.subject,
      (current) => {
        if (current?.disabled) throw new PrincipalDisabledError(input.subject);
        if (current && input.roles === undefined) return undefined;
        return { roles: input.roles ?? [], disabled: false, displayName: current?.displayName, email: current?.email };
      },
      createdBy,
    );
    return principal;
  }

  async function put(secret: string, input: IssueTokenInput, createdBy: string): Promise<StoredToken> {
    const hash = hashToken(secret);
    const id = tokenId(hash);
    const createdAt = clock().toISOString();
    const token: StoredToken = {
      id,
      tokenHash: hash,
      subject: input.subject,
      scopes: input.scopes,
      createdAt,
      createdBy,
      ...(input.expiresAt ? { expiresAt: Math.floor(Date.parse(input.expiresAt) / 1000) } : {}),
    };
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: marshallItem({ ...keys.token(id), gsi1pk: keys.tokenListPartition(), gsi1sk: keys.tokenListSort(createdAt, id), entity: "token", ...token }),
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: marshallItem({ ...keys.principalToken(input.subject, id), entity: "principal_token", id, expiresAt: token.expiresAt }),
            },
          },
        ],
      }),
    );
    return token;
  }

  async function remove(token: Pick<StoredToken, "id" | "subject">) {
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Delete: { TableName: tableName, Key: marshallItem(keys.token(token.id)), ConditionExpression: "attribute_exists(pk)" } },
          { Delete: { TableName: tableName, Key: marshallItem(keys.principalToken(token.subject, token.id)) } },
        ],
      }),
    );
  }

  const forget = (match: (token: StoredToken) => boolean) => {
    for (const [hash, entry] of cache) if (match(entry.token)) cache.delete(hash);
  };

  /** A verified token record, from the cache for `cacheTtlMs` (keyed by hash, or `id:<id>`). */
  async function cached(key: string, read: () => Promise<StoredToken | undefined>): Promise<StoredToken> {
    const now = clock().getTime();
    let entry = cache.get(key);
    if (!entry || entry.until <= now) {
      const item = await read();
      if (!item) throw new UnauthenticatedError("The bearer token is not valid.");
      entry = { token: item, until: now + cacheTtlMs };
      if (cache.size > 10_000) cache.clear();
      cache.set(key, entry);
    }
    return entry.token;
  }

  async function principalOf(found: StoredToken): Promise<Principal> {
    // TTL deletion is lazy (up to days): an expired token must fail even while its item exists.
    if (found.expiresAt !== undefined && found.expiresAt * 1000 <= clock().getTime()) throw new UnauthenticatedError("The bearer token has expired.");
    const principal = await deps.principals.get(found.subject);
    // A disabled (or unknown) principal's credentials are not valid; the message says no more.
    if (!principal || principal.disabled) throw new UnauthenticatedError("The bearer token is not valid.");
    return {
      tokenId: found.id,
      subject: found.subject,
      scopes: found.scopes,
      roles: principal.roles,
      ...(principal.displayName ? { displayName: principal.displayName } : {}),
      credential: "bearer",
      ...(found.expiresAt !== undefined ? { expiresAt: new Date(found.expiresAt * 1000).toISOString() } : {}),
    };
  }

  return {
    async issue(input, createdBy) {
      const principal = await principalFor(input, createdBy);
      const secret = `rg_${randomBytes(32).toString("base64url")}`;
      const token = await put(secret, input, createdBy);
      return { ...toRecord(token, principal.roles), token: secret };
    },

    async ensure(secret, input, createdBy) {
      const id = tokenId(hashToken(secret));
      const existing = await readToken(id);
      // The principal is made sure of too (tokens issued before principals existed had none).
      const principal = (await deps.principals.get(input.subject)) ?? (await principalFor(input, createdBy));
      if (existing) return toRecord(existing, principal.roles);
      try {
        return toRecord(await put(secret, input, createdBy), principal.roles);
      } catch (error) {
        if (!cancellationReasons(error)?.includes("ConditionalCheckFailed")) throw error;
        return toRecord((await readToken(id))!, principal.roles);
      }
    },

    async list(page) {
      const listed = await queryPage(
        deps.table,
        deps.cursors,
        "tokens",
        page,
        { ...gsi1Partition(keys.tokenListPartition()), ScanIndexForward: false },
        (item) => item as unknown as StoredToken,
      );
      const principals = await deps.principals.getMany(listed.items.map((t) => t.subject));
      return { items: listed.items.map((t) => toRecord(t, principals.get(t.subject)?.roles ?? [])), nextCursor: listed.nextCursor };
    },

    async revoke(id) {
      const token = await readToken(id);
      if (!token) throw new TokenNotFoundError(id);
      try {
        await remove(token);
      } catch (error) {
        if (cancellationReasons(error)?.[0] === "ConditionalCheckFailed") throw new TokenNotFoundError(id);
        throw error;
      }
      forget((t) => t.id === id);
    },

    async revokeAllOf(subject) {
      forget((t) => t.subject === subject);
      const ids: string[] = [];
      let startKey: Record<string, AttributeValue> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues: marshallItem({ ":pk": keys.principalPartition(subject), ":prefix": keys.principalTokenPrefix() }),
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) ids.push(unmarshallItem<{ id: string }>(item).id);
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      let revoked = 0;
      for (const id of ids) {
        try {
          await remove({ id, subject });
          revoked++;
        } catch (error) {
          // Already gone (revoked by id, or deleted by TTL): drop the reference alone.
          if (cancellationReasons(error)?.[0] !== "ConditionalCheckFailed") throw error;
        }
      }
      forget((t) => t.subject === subject);
      return revoked;
    },

    async verify(secret) {
      const hash = hashToken(secret);
      return principalOf(await cached(hash, async () => {
        const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: marshallItem(keys.token(tokenId(hash))) }));
        const item = Item ? unmarshallItem<StoredToken>(Item) : undefined;
        const stored = Buffer.from(String(item?.tokenHash ?? ""), "utf8");
        const given = Buffer.from(hash, "utf8");
        return item && stored.length === given.length && timingSafeEqual(stored, given) ? item : undefined;
      }));
    },

    async verifyId(id) {
      return principalOf(await cached(`id:${id}`, () => readToken(id)));
    },
  };
}

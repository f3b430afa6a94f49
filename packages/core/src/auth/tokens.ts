import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import {
  gsi1Partition,
  isConditionalCheckFailed,
  keys,
  marshallItem,
  queryPage,
  unmarshallItem,
  type CursorCodec,
  type TableContext,
} from "../store/index.js";
import { TokenNotFoundError, UnauthenticatedError } from "./errors.js";
import type { Principal, Scope } from "./principal.js";
import type { IssueTokenInput, TokenRecord } from "./schema.js";

/**
 * API tokens. Only the sha256 of a token is stored; its id is the first 16 hex digits of
 * that hash, so a token is found with one GetItem and can be revoked by id.
 * Verified tokens are cached in-process for `cacheTtlMs` (revocation in this process
 * takes effect at once; in another process within the TTL).
 */
export interface TokenService {
  issue(input: IssueTokenInput, createdBy: string): Promise<TokenRecord & { token: string }>;
  /** Registers a token whose secret was chosen elsewhere (the first admin token); idempotent. */
  ensure(secret: string, input: IssueTokenInput, createdBy: string): Promise<TokenRecord>;
  list(options: { limit: number; cursor?: string }): Promise<{ items: TokenRecord[]; nextCursor: string | null }>;
  revoke(id: string): Promise<void>;
  verify(secret: string): Promise<Principal>;
}

const hashToken = (secret: string) => createHash("sha256").update(secret).digest("hex");
const tokenId = (hash: string) => hash.slice(0, 16);

export function createTokenService(deps: {
  table: TableContext;
  cursors: CursorCodec;
  clock?: () => Date;
  cacheTtlMs?: number;
}): TokenService {
  const { client, tableName } = deps.table;
  const clock = deps.clock ?? (() => new Date());
  const cacheTtlMs = deps.cacheTtlMs ?? 30_000;
  const cache = new Map<string, { principal: Principal; until: number; expiresAt?: number }>();

  const toRecord = (item: Record<string, unknown>): TokenRecord => ({
    id: item.id as string,
    subject: item.subject as string,
    scopes: item.scopes as Scope[],
    roles: (item.roles as string[] | undefined) ?? [],
    createdAt: item.createdAt as string,
    createdBy: item.createdBy as string,
    ...(typeof item.expiresAt === "number" ? { expiresAt: new Date(item.expiresAt * 1000).toISOString() } : {}),
  });

  async function put(secret: string, input: IssueTokenInput, createdBy: string, mustBeNew: boolean) {
    const hash = hashToken(secret);
    const id = tokenId(hash);
    const createdAt = clock().toISOString();
    const item = {
      ...keys.token(id),
      gsi1pk: keys.tokenListPartition(),
      gsi1sk: keys.tokenListSort(createdAt, id),
      entity: "token",
      id,
      tokenHash: hash,
      subject: input.subject,
      scopes: input.scopes,
      roles: input.roles ?? [],
      createdAt,
      createdBy,
      expiresAt: input.expiresAt ? Math.floor(Date.parse(input.expiresAt) / 1000) : undefined,
    };
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: marshallItem(item),
        ...(mustBeNew ? { ConditionExpression: "attribute_not_exists(pk)" } : {}),
      }),
    );
    return toRecord(item);
  }

  return {
    async issue(input, createdBy) {
      const secret = `rg_${randomBytes(32).toString("base64url")}`;
      const record = await put(secret, input, createdBy, true);
      return { ...record, token: secret };
    },

    async ensure(secret, input, createdBy) {
      const id = tokenId(hashToken(secret));
      const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: marshallItem(keys.token(id)) }));
      if (Item) return toRecord(unmarshallItem(Item));
      try {
        return await put(secret, input, createdBy, true);
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        const again = await client.send(new GetItemCommand({ TableName: tableName, Key: marshallItem(keys.token(id)) }));
        return toRecord(unmarshallItem(again.Item!));
      }
    },

    list: (page) =>
      queryPage(deps.table, deps.cursors, "tokens", page, { ...gsi1Partition(keys.tokenListPartition()), ScanIndexForward: false }, toRecord),

    async revoke(id) {
      try {
        await client.send(
          new DeleteItemCommand({
            TableName: tableName,
            Key: marshallItem(keys.token(id)),
            ConditionExpression: "attribute_exists(pk)",
          }),
        );
      } catch (error) {
        if (isConditionalCheckFailed(error)) throw new TokenNotFoundError(id);
        throw error;
      }
      for (const [hash, entry] of cache) if (entry.principal.tokenId === id) cache.delete(hash);
    },

    async verify(secret) {
      const hash = hashToken(secret);
      const now = clock().getTime();
      const cached = cache.get(hash);
      if (cached && cached.until > now && (cached.expiresAt === undefined || cached.expiresAt > now)) return cached.principal;
      const { Item } = await client.send(
        new GetItemCommand({ TableName: tableName, Key: marshallItem(keys.token(tokenId(hash))) }),
      );
      const item = Item ? unmarshallItem(Item) : undefined;
      const stored = Buffer.from(String(item?.tokenHash ?? ""), "utf8");
      const given = Buffer.from(hash, "utf8");
      if (!item || stored.length !== given.length || !timingSafeEqual(stored, given)) {
        throw new UnauthenticatedError("The bearer token is not valid.");
      }
      // TTL deletion is lazy (up to days): an expired token must fail even while its item exists.
      const expiresAt = typeof item.expiresAt === "number" ? item.expiresAt * 1000 : undefined;
      if (expiresAt !== undefined && expiresAt <= now) throw new UnauthenticatedError("The bearer token has expired.");
      const principal: Principal = {
        tokenId: item.id as string,
        subject: item.subject as string,
        scopes: item.scopes as Scope[],
        roles: (item.roles as string[] | undefined) ?? [],
      };
      if (cache.size > 10_000) cache.clear();
      cache.set(hash, { principal, until: now + cacheTtlMs, expiresAt });
      return principal;
    },
  };
}

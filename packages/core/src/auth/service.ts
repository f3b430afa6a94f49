import type { CursorCodec } from "../store/cursor.js";
import type { TableContext } from "../store/dynamo.js";
import { createCredentialResolver, type CredentialResolver } from "./credentials.js";
import { withPrincipalCache } from "./principal-cache.js";
import { createPrincipalDirectory, type PrincipalDirectory } from "./principals.js";
import type { Principal, Scope } from "./principal.js";
import { putPrincipalSchema, type PrincipalRecord, type PutPrincipalInput } from "./schema.js";
import { createTokenService, type TokenService } from "./tokens.js";
import { createSessionService, type SessionOptions, type SessionService } from "./sessions.js";

/** What `GET /v1/me` shows: the principal behind the credential, and the credential's scopes. */
export interface CallerView {
  principal: PrincipalRecord;
  roles: string[];
  scopes: Scope[];
  credential: { kind: "bearer" | "slack" | "session"; id: string; expiresAt?: string };
}

/**
 * The principal use cases behind `/v1/principals` and `/v1/me`. DELETE disables rather
 * than deletes: the subject stays taken (nobody can later take over a name that votes and
 * deployments point at), its tokens are revoked, and its open approval links stop working
 * (links are checked against the principal on every use).
 */
export interface PrincipalService {
  put(subject: string, input: PutPrincipalInput, updatedBy: string): Promise<{ principal: PrincipalRecord; created: boolean }>;
  get(subject: string): Promise<PrincipalRecord>;
  list(page: { limit: number; cursor?: string }): Promise<{ items: PrincipalRecord[]; nextCursor: string | null }>;
  /** Disables a principal and revokes its tokens; idempotent. */
  disable(subject: string, updatedBy: string): Promise<{ principal: PrincipalRecord; revokedTokens: number }>;
  me(caller: Principal): Promise<CallerView>;
  directory: PrincipalDirectory;
}

export function createPrincipalService(deps: { directory: PrincipalDirectory; tokens: TokenService }): PrincipalService {
  const { directory, tokens } = deps;
  return {
    directory,

    async put(subject, input, updatedBy) {
      const wanted = putPrincipalSchema.parse(input);
      const { principal, created } = await directory.write(subject, () => wanted, updatedBy);
      // Revoked, not suspended: re-enabling a principal does not bring old tokens back.
      if (principal.disabled) await tokens.revokeAllOf(subject);
      return { principal, created };
    },

    get: (subject) => directory.require(subject),
    list: (page) => directory.list(page),

    async disable(subject, updatedBy) {
      await directory.require(subject);
      const { principal } = await directory.write(
        subject,
        (current) => (current!.disabled ? undefined : { ...current!, disabled: true }),
        updatedBy,
      );
      return { principal, revokedTokens: await tokens.revokeAllOf(subject) };
    },

    async me(caller) {
      const principal = await directory.require(caller.subject);
      return {
        principal,
        roles: principal.roles,
        scopes: caller.scopes,
        credential: { kind: caller.credential ?? "bearer", id: caller.tokenId, ...(caller.expiresAt ? { expiresAt: caller.expiresAt } : {}) },
      };
    },
  };
}

/** Builds the auth module's services over one table: principals, tokens, and the credential resolver. */
export function createAuth(deps: {
  table: TableContext;
  cursors: CursorCodec;
  clock?: () => Date;
  cacheTtlMs?: number;
  /** How old a principal authentication acts on may be, when changed by another process (default 1000; 0 reads every time). */
  principalMaxAgeMs?: number;
  /** Milliseconds clock of the principal cache (tests). */
  now?: () => number;
  /** Dashboard session lifetimes (defaults: 8 h idle, 12 h at most). */
  sessions?: SessionOptions;
}): {
  principals: PrincipalService;
  tokens: TokenService;
  credentials: CredentialResolver;
  sessions: SessionService;
} {
  const directory = withPrincipalCache(createPrincipalDirectory(deps), { maxAgeMs: deps.principalMaxAgeMs, now: deps.now });
  const tokens = createTokenService({ ...deps, principals: directory });
  const sessions = createSessionService({ table: deps.table, tokens, ...(deps.clock ? { clock: deps.clock } : {}), ...(deps.sessions ? { options: deps.sessions } : {}) });
  return {
    principals: createPrincipalService({ directory, tokens }),
    tokens,
    credentials: createCredentialResolver({ tokens, sessions }),
    sessions,
  };
}

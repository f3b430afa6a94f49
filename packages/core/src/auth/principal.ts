/** Who is calling, resolved from a credential by the HTTP layer (see credentials.ts). */
export const scopes = ["specs:read", "specs:write", "deploy", "approve", "rollback", "admin"] as const;
export type Scope = (typeof scopes)[number];

export interface Principal {
  /** The credential's id (a token id for bearer credentials). */
  tokenId: string;
  /** The principal's subject: a lower-case identifier, compared exactly. */
  subject: string;
  /** What the credential may do (scopes are on the credential, not the principal). */
  scopes: Scope[];
  /** Roles for approval gates (`tech-lead`, `product-owner`, ...): the principal's, read when the credential was resolved. */
  roles: string[];
  /** The principal's display name, when it has one. */
  displayName?: string;
  /** Which kind of credential resolved to this principal. */
  credential?: "bearer" | "slack" | "session";
  /** When the credential expires (ISO), when it does. */
  expiresAt?: string;
}

/** `admin` implies every other scope. */
export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes.includes(scope) || principal.scopes.includes("admin");
}

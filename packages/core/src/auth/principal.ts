/** Who is calling, resolved from the bearer token by the HTTP layer. */
export const scopes = ["specs:read", "specs:write", "deploy", "approve", "rollback", "admin"] as const;
export type Scope = (typeof scopes)[number];

export interface Principal {
  tokenId: string;
  subject: string;
  scopes: Scope[];
  /** Roles for approval gates (`tech-lead`, `product-owner`, ...). */
  roles: string[];
}

/** `admin` implies every other scope. */
export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes.includes(scope) || principal.scopes.includes("admin");
}

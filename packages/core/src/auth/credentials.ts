import { UnauthenticatedError } from "./errors.js";
import type { Principal } from "./principal.js";
import type { SessionService } from "./sessions.js";
import type { TokenService } from "./tokens.js";

/**
 * What a caller presents. `bearer` is implemented (API tokens); `slack` and `session` are
 * the next two kinds, designed here so that every entry point resolves identity the same
 * way:
 * - `slack`: a Slack request already verified by its signature (section 11); resolved
 *   through the admin's `PUT /v1/slack/users/{slackUserId}` link, whose scopes it carries.
 * - `session`: the dashboard's session cookie (section 13); stored hashed and revoked with
 *   the token it was opened with, so it carries that token's scopes.
 * Whatever the kind, the principal it names must exist and not be disabled, and its roles
 * are read from the principal at resolve time.
 */
export type Credential =
  | { kind: "bearer"; token: string }
  | { kind: "slack"; teamId?: string; userId: string }
  | { kind: "session"; sessionId: string };

/** The one port authentication goes through. Unknown, revoked, expired or disabled: UnauthenticatedError. */
export interface CredentialResolver {
  resolve(credential: Credential): Promise<Principal>;
}

export function createCredentialResolver(deps: { tokens: TokenService; sessions?: SessionService }): CredentialResolver {
  return {
    async resolve(credential) {
      switch (credential.kind) {
        case "bearer":
          return deps.tokens.verify(credential.token);
        case "session":
          if (deps.sessions) return deps.sessions.resolve(credential.sessionId);
          throw new UnauthenticatedError("session credentials are not enabled on this server.");
        case "slack":
          throw new UnauthenticatedError(`${credential.kind} credentials are not enabled on this server.`);
      }
    },
  };
}

export * from "./principal.js";
export * from "./errors.js";
export * from "./schema.js";
export { createTokenService, type TokenService } from "./tokens.js";
export { createPrincipalDirectory, type PrincipalDirectory } from "./principals.js";
export { createSessionService, type OpenedSession, type SessionOptions, type SessionService } from "./sessions.js";
export { createCredentialResolver, type Credential, type CredentialResolver } from "./credentials.js";
export { createAuth, createPrincipalService, type CallerView, type PrincipalService } from "./service.js";
export { withPrincipalCache, defaultPrincipalMaxAgeMs } from "./principal-cache.js";

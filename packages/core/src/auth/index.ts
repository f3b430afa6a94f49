export * from "./principal.js";
export * from "./errors.js";
export * from "./schema.js";
export { createTokenService, type TokenService } from "./tokens.js";

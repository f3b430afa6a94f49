/** Sealing secrets that must be kept and used again (AES-256-GCM under a server key). */
export { createSealer, generateSealingKey, type Sealer } from "./sealer.js";
export { SealingKeyError, UnsealError } from "./errors.js";

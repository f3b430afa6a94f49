/** The platform policy: per-environment floor of guardrails that specs cannot lower (DESIGN section 8). */
export * from "./schema.js";
export * from "./errors.js";
export { createPolicyStore, policyEventStream, type PolicyReader, type PolicyStore } from "./store.js";

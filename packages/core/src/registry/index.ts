export * from "./errors.js";
export * from "./schema.js";
export { createSpecRepository, type SpecRepository, type NewSpecVersion, type Page, type VersionTexts } from "./repository.js";
export { createRegistry, type Registry, type RegisterResult } from "./service.js";

export * from "./errors.js";
export * from "./schema.js";
export { versionEtag } from "./etag.js";
export { createSpecRepository, type SpecRepository, type NewSpecVersion, type Page, type VersionTexts } from "./repository.js";
export { createRegistry, type Registry, type RegisterResult, type VersionRead } from "./service.js";
export { createVersionReadCache, defaultStateMaxAgeMs, type VersionReadCache, type VersionReadCacheOptions } from "./read-cache.js";

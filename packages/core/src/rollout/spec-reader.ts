import type { ItemRead } from "../store/batch-get.js";

/** One registered spec version, as the rollout needs it. */
export interface SpecVersionRecord {
  specId: string;
  version: number;
  state: "active" | "deprecated" | "disabled";
  document: Record<string, unknown>;
}

/**
 * The registry, seen from the rollout side (the registry implements it). Throws a
 * RollgateError with kind "not_found" when the spec or version does not exist.
 */
export interface SpecVersionReader {
  getVersion(specId: string, version: number | "latest"): Promise<SpecVersionRecord>;
  /**
   * A numbered version as an item to read in one round trip with the others a deployment
   * needs (optional: without it, getVersion). Its `decode` throws like getVersion.
   */
  versionRead?(specId: string, version: number): ItemRead<SpecVersionRecord>;
}

import { diffSpecs, readSpec, type SpecDiff, type SpecFormat, type ValidationMode } from "../spec/index.js";
import type { Principal } from "../auth/index.js";
import type { ItemRead } from "../store/index.js";
import { versionItemRead, type Page, type SpecRepository, type VersionTexts } from "./repository.js";
import { createVersionReadCache, stateOf, type TextKind, type VersionReadCache, type VersionReadCacheOptions } from "./read-cache.js";
import { versionSummary, type IssueRef, type LifecycleState, type SpecSummary, type SpecVersion, type SpecVersionSummary, type VersionRef } from "./schema.js";

export interface RegisterResult {
  created: boolean;
  version: SpecVersionSummary;
  /** Warnings of this submission (an identical earlier one may have had the same). */
  warnings: IssueRef[];
  /** The document as submitted (key order kept). */
  document: Record<string, unknown>;
}

/** The spec registry: register, read, list, diff and lifecycle of immutable spec versions. */
export interface Registry {
  register(text: string, options: { format: SpecFormat | "auto"; mode?: ValidationMode; principal: Principal }): Promise<RegisterResult>;
  validate(text: string, options: { format: SpecFormat | "auto"; mode?: ValidationMode }): { specId: string; contentHash: string; warnings: IssueRef[] };
  getVersion(specId: string, version: VersionRef, texts?: VersionTexts): Promise<SpecVersion>;
  getVersionSummary(specId: string, version: VersionRef): Promise<SpecVersionSummary>;
  /** A numbered version as an item to read with others in one round trip (what a deployment reads). */
  versionRead(specId: string, version: number): ItemRead<SpecVersion>;
  /**
   * A version as a reader sees it (the HTTP GET): the text of one representation from the
   * in-process cache, the lifecycle state at most `stateMaxAgeMs` old (at once after a change
   * made through this registry). Which version `latest` is comes from storage on every call.
   * Decisions (deploy, promote) use getVersion, which always reads storage.
   */
  readVersion(specId: string, version: VersionRef, texts: TextKind): Promise<VersionRead>;
  /** How old a lifecycle state readVersion shows may be (changes made in another process). */
  readonly stateMaxAgeMs: number;
  listVersions(specId: string, page: Page): Promise<{ items: SpecVersionSummary[]; nextCursor: string | null }>;
  listSpecs(page: Page): Promise<{ items: SpecSummary[]; nextCursor: string | null }>;
  getSpec(specId: string): Promise<SpecSummary>;
  diff(specId: string, from: VersionRef, to: VersionRef): Promise<SpecDiff & { from: number; to: number }>;
  /** `ifMatch` (If-Match, tested against the current JSON-form ETag) is part of the conditional write: a miss is `SpecVersionChangedError`. */
  setState(specId: string, version: VersionRef, state: LifecycleState, principal: Principal, ifMatch?: (currentETag: string) => boolean): Promise<SpecVersionSummary>;
}

/** One representation's text with the version's summary (state included). */
export type VersionRead = SpecVersionSummary & { text: string };

export function createRegistry(deps: {
  repository: SpecRepository;
  defaultMode?: ValidationMode;
  clock?: () => Date;
  /** The read cache, or its options (default: a cache with the default bounds). */
  readCache?: VersionReadCache | VersionReadCacheOptions;
}): Registry {
  const { repository } = deps;
  const cache = deps.readCache && "getText" in deps.readCache ? deps.readCache : createVersionReadCache(deps.readCache);
  // Concurrent misses of one text share one storage read.
  const loading = new Map<string, Promise<VersionRead>>();
  const clock = deps.clock ?? (() => new Date());
  const defaultMode = deps.defaultMode ?? "lenient";

  const resolve = async (specId: string, ref: VersionRef) =>
    ref === "latest" ? (await repository.getSummary(specId, "latest")).version : ref;

  return {
    stateMaxAgeMs: cache.stateMaxAgeMs,

    async register(text, { format, mode, principal }) {
      const spec = readSpec(text, { format, mode: mode ?? defaultMode });
      const { created, version } = await repository.append({
        specId: spec.specId,
        name: String(spec.document.name),
        contentHash: spec.contentHash,
        format: spec.format,
        raw: text,
        canonical: spec.canonical,
        createdBy: principal.subject,
        createdAt: clock().toISOString(),
        warnings: spec.warnings,
      });
      return { created, version, warnings: spec.warnings, document: spec.document };
    },

    validate(text, { format, mode }) {
      const spec = readSpec(text, { format, mode: mode ?? defaultMode });
      return { specId: spec.specId, contentHash: spec.contentHash, warnings: spec.warnings };
    },

    getVersion: (specId, ref, texts) => repository.get(specId, ref, texts),
    getVersionSummary: (specId, ref) => repository.getSummary(specId, ref),
    versionRead: versionItemRead,

    async readVersion(specId, ref, texts) {
      // `latest` moves: which version it is comes from storage on every call (the spec item,
      // one point read); the version itself is read like a numbered one.
      if (ref === "latest") return readNumbered(specId, (await repository.getSpec(specId)).latestVersion, texts);
      return readNumbered(specId, ref, texts);
    },

    listVersions: (specId, page) => repository.listVersions(specId, page),
    listSpecs: (page) => repository.listSpecs(page),
    getSpec: (specId) => repository.getSpec(specId),

    async diff(specId, fromRef, toRef) {
      const [from, to] = await Promise.all([repository.get(specId, fromRef, "canonical"), repository.get(specId, toRef, "canonical")]);
      return { from: from.version, to: to.version, ...diffSpecs(from.document, to.document) };
    },

    async setState(specId, ref, state, principal, ifMatch) {
      const updated = await repository.setState(specId, await resolve(specId, ref), state, principal.subject, clock().toISOString(), ifMatch);
      cache.changedState(specId, updated.version, stateOf(updated));
      return updated;
    },
  };

  async function readNumbered(specId: string, ref: number, texts: TextKind): Promise<VersionRead> {
    const cached = cache.getText(specId, ref, texts);
    if (!cached) return loadText(specId, ref, texts);
    const state = cache.getState(specId, ref);
    if (state) return { ...cached, ...state };
    const generation = cache.generation(specId, ref);
    const fresh = stateOf(await repository.getSummary(specId, ref));
    cache.putState(specId, ref, fresh, generation);
    return { ...cached, ...(cache.getState(specId, ref) ?? fresh) };
  }

  function loadText(specId: string, version: number, texts: TextKind): Promise<VersionRead> {
    const key = `${specId}\u0000${version}\u0000${texts}`;
    let pending = loading.get(key);
    if (!pending) {
      const generation = cache.generation(specId, version);
      pending = repository
        .get(specId, version, texts)
        .then((read) => {
          const { state: _state, updatedAt: _at, updatedBy: _by, ...immutable } = versionSummary(read);
          const text = texts === "raw" ? read.raw : read.canonical;
          cache.putText(specId, version, texts, { ...immutable, text });
          cache.putState(specId, version, stateOf(read), generation);
          return { ...versionSummary(read), ...(cache.getState(specId, version) ?? {}), text };
        })
        .finally(() => loading.delete(key));
      loading.set(key, pending);
    }
    return pending;
  }
}

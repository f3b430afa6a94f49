import type { LifecycleState, SpecVersionSummary } from "./schema.js";

/**
 * The in-process cache behind version reads. Two parts with different lifetimes:
 * - texts (canonical JSON or raw text, with the immutable summary fields), by spec, version
 *   and representation: versions never change, so these live until evicted (LRU, bounded by
 *   entry count and by bytes);
 * - lifecycle state (state, updatedAt, updatedBy), by spec and version: PATCH changes it, so
 *   a cached state is used for at most `stateMaxAgeMs`, and a change made in this process
 *   replaces it at once. Another process sees the change within `stateMaxAgeMs`.
 */
export interface VersionReadCache {
  getText(specId: string, version: number, texts: TextKind): CachedText | undefined;
  putText(specId: string, version: number, texts: TextKind, entry: CachedText): void;
  /** The cached state if younger than `stateMaxAgeMs`. */
  getState(specId: string, version: number): VersionState | undefined;
  /** A state read from storage; ignored when a newer change was recorded since `generation`. */
  putState(specId: string, version: number, state: VersionState, generation: number): void;
  /** A change made in this process: wins over any read still in flight. */
  changedState(specId: string, version: number, state: VersionState): void;
  /** Taken before a state read starts; passed back to putState. */
  generation(specId: string, version: number): number;
  readonly stateMaxAgeMs: number;
  readonly stats: { entries: number; bytes: number; hits: number; misses: number; evictions: number };
}

export type TextKind = "canonical" | "raw";
export type VersionState = Pick<SpecVersionSummary, "state" | "updatedAt" | "updatedBy">;
/** Everything a version read shows except its lifecycle state. */
export type CachedText = Omit<SpecVersionSummary, "state" | "updatedAt" | "updatedBy"> & { text: string };

export interface VersionReadCacheOptions {
  /** Most text entries kept (default 1000). */
  maxEntries?: number;
  /** Most bytes of text kept, counted as UTF-16 (default 32 MiB). */
  maxBytes?: number;
  /** How long a cached lifecycle state is trusted, i.e. the staleness bound across processes (default 5000). */
  stateMaxAgeMs?: number;
  /** Milliseconds clock (tests). */
  now?: () => number;
}

export const defaultStateMaxAgeMs = 5_000;

export function createVersionReadCache(options: VersionReadCacheOptions = {}): VersionReadCache {
  const maxEntries = options.maxEntries ?? 1000;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const stateMaxAgeMs = options.stateMaxAgeMs ?? defaultStateMaxAgeMs;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on a hit makes the first key the least recently used.
  const texts = new Map<string, CachedText>();
  const states = new Map<string, { state: VersionState; at: number; generation: number }>();
  const generations = new Map<string, number>();
  const stats = { entries: 0, bytes: 0, hits: 0, misses: 0, evictions: 0 };
  const sizeOf = (entry: CachedText) => entry.text.length * 2;
  const versionKey = (specId: string, version: number) => `${specId}\u0000${version}`;

  const evict = (key: string) => {
    const entry = texts.get(key);
    if (!entry) return;
    texts.delete(key);
    stats.bytes -= sizeOf(entry);
    stats.entries = texts.size;
  };

  return {
    stats,
    stateMaxAgeMs,
    getText(specId, version, kind) {
      const key = `${versionKey(specId, version)}\u0000${kind}`;
      const entry = texts.get(key);
      if (!entry) {
        stats.misses++;
        return undefined;
      }
      stats.hits++;
      texts.delete(key);
      texts.set(key, entry);
      return entry;
    },
    putText(specId, version, kind, entry) {
      const key = `${versionKey(specId, version)}\u0000${kind}`;
      const size = sizeOf(entry);
      if (size > maxBytes) return;
      evict(key);
      texts.set(key, entry);
      stats.bytes += size;
      stats.entries = texts.size;
      while (texts.size > maxEntries || stats.bytes > maxBytes) {
        evict(texts.keys().next().value!);
        stats.evictions++;
      }
    },
    getState(specId, version) {
      const cached = states.get(versionKey(specId, version));
      if (!cached || now() - cached.at >= stateMaxAgeMs) return undefined;
      return cached.state;
    },
    putState(specId, version, state, generation) {
      const key = versionKey(specId, version);
      if ((generations.get(key) ?? 0) !== generation) return;
      states.delete(key);
      states.set(key, { state, at: now(), generation });
      // State entries are tiny; bound them alongside the texts.
      while (states.size > maxEntries * 2) states.delete(states.keys().next().value!);
    },
    changedState(specId, version, state) {
      const key = versionKey(specId, version);
      const generation = (generations.get(key) ?? 0) + 1;
      generations.set(key, generation);
      states.delete(key);
      states.set(key, { state, at: now(), generation });
      while (generations.size > maxEntries * 2) generations.delete(generations.keys().next().value!);
    },
    generation: (specId, version) => generations.get(versionKey(specId, version)) ?? 0,
  };
}

export const stateOf = (v: SpecVersionSummary): VersionState => ({
  state: v.state as LifecycleState,
  ...(v.updatedAt ? { updatedAt: v.updatedAt, updatedBy: v.updatedBy } : {}),
});

/**
 * What one store instance wrote about its deliveries' places in the due index, so that its
 * own due lookups read their own writes. The index (gsi1) is eventually consistent: just
 * after a write it can still show the old entry (a delivery that was claimed, delivered or
 * moved to its next attempt) and not yet the new one (a delivery enqueued or rescheduled a
 * moment ago). A value this store replaced is known stale and skipped; a pending value it
 * wrote is offered even before the index shows it. Entries written by anyone else are taken
 * from the index as they are; the conditional claim is what decides in every case.
 */
export interface DueEntry<T> {
  delivery: T;
  nextAttemptAt: string;
}

interface Remembered<T> {
  /** The pending value this store wrote last, if the delivery is still pending as far as it knows. */
  pending?: DueEntry<T>;
  /** `nextAttemptAt` values this store replaced: an index entry with one of them is stale. */
  replaced: Set<string>;
  writtenAt: number;
}

/** Long past any index lag; bounds the memory of a long-running process. */
const keepMs = 60_000;

export function createDueMemory<T>(now: () => number = () => performance.now()) {
  const byChannel = new Map<string, Map<string, Remembered<T>>>();

  function sweep(entries: Map<string, Remembered<T>>) {
    const before = now() - keepMs;
    // Insertion order is write order (a write re-inserts), so the oldest come first.
    for (const [key, entry] of entries) {
      if (entry.writtenAt >= before) break;
      entries.delete(key);
    }
  }

  return {
    /** This store moved the delivery from `from` (if known) to `to` (`undefined`: out of the index). */
    wrote(channel: string, key: string, change: { from?: string | null; to?: DueEntry<T> }) {
      let entries = byChannel.get(channel);
      if (!entries) byChannel.set(channel, (entries = new Map()));
      const entry = entries.get(key) ?? { replaced: new Set<string>(), writtenAt: 0 };
      entries.delete(key);
      if (change.from) entry.replaced.add(change.from);
      if (entry.pending && entry.pending.nextAttemptAt !== change.to?.nextAttemptAt) entry.replaced.add(entry.pending.nextAttemptAt);
      entry.pending = change.to;
      if (change.to) entry.replaced.delete(change.to.nextAttemptAt);
      entry.writtenAt = now();
      entries.set(key, entry);
      sweep(entries);
    },

    /** Whether an index entry shows a value this store has since replaced. */
    isStale(channel: string, key: string, nextAttemptAt: string): boolean {
      return byChannel.get(channel)?.get(key)?.replaced.has(nextAttemptAt) ?? false;
    },

    /** The pending deliveries this store wrote that are due at `now` (ISO time). */
    due(channel: string, nowIso: string): { key: string; entry: DueEntry<T> }[] {
      const entries = byChannel.get(channel);
      if (!entries) return [];
      sweep(entries);
      const found: { key: string; entry: DueEntry<T> }[] = [];
      for (const [key, remembered] of entries) {
        if (remembered.pending && remembered.pending.nextAttemptAt <= nowIso) found.push({ key, entry: remembered.pending });
      }
      return found;
    },
  };
}

export type DueMemory<T> = ReturnType<typeof createDueMemory<T>>;

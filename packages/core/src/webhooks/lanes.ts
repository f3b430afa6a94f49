import type { StoredDelivery, WebhookStore } from "./store.js";

/**
 * One channel's lane: its own due partition, read by one query at a time, and at most
 * `concurrency` attempts in flight. A finished attempt frees its slot for the next due
 * delivery at once, so a receiver that hangs until its timeout holds only its own slots,
 * and nothing waits for "the round" to end. A request for work (a round of `deliverDue`, or
 * a tick of the local worker) says up to which due time it wants work done; the lane keeps
 * going while it has work up to the latest such time and a request that may still start
 * attempts. Lanes share nothing but the table, so no channel's backlog, retries or slowness
 * sits in front of another's.
 */
export interface LaneSettings {
  /** Attempts of this channel in flight at once, in this process. */
  concurrency: number;
  /** Due deliveries one query takes. */
  batchSize: number;
}

/** What became of one candidate: `claimed` false when another took it first or it was not due any more. */
export interface LaneResult {
  claimed: boolean;
  delivered: boolean;
}

interface Round {
  cutoff: string;
  /** performance.now() after which this request starts no attempt. */
  deadline: number;
  /** Whether the caller waits for the attempts (a round of deliverDue) or not (a worker's tick, an offer). */
  collect: boolean;
  attempts: Promise<LaneResult>[];
  reached(attempts: Promise<LaneResult>[]): void;
}

export interface Lane {
  /** Takes what is due up to `cutoff`; resolves with the attempts it started once none is left to start (or past `deadline`). */
  work(cutoff: string, options?: { deadline?: number; collect?: boolean }): Promise<Promise<LaneResult>[]>;
  /** A delivery known to be due (this process just made it so): taken without a query. */
  offer(candidate: StoredDelivery): void;
  /** Whether the lane is at work (then it takes new work without being asked). */
  readonly busy: boolean;
  /** Ends every request: no further attempt starts. */
  halt(): void;
  /** Resolves when nothing of this lane runs. */
  idle(): Promise<void>;
}

export function createLane(
  channelId: string,
  deps: {
    store: Pick<WebhookStore, "due">;
    /** Claims, attempts and records one candidate. Never rejects. */
    deliver(candidate: StoredDelivery): Promise<LaneResult>;
    settings: LaneSettings;
    onError(message: string, details: Record<string, unknown>): void;
  },
): Lane {
  const { concurrency, batchSize } = deps.settings;
  const inFlight = new Set<string>();
  /** Candidates found or offered, not started yet, oldest first. */
  let buffer = new Map<string, StoredDelivery>();
  /** The latest due time anyone asked for, and the latest at which a query found nothing more. */
  let cutoff = "";
  let drainedTo = "";
  const rounds = new Set<Round>();
  let running: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let offers: Round | undefined;
  const keyOf = (d: StoredDelivery) => `${d.eventAt}#${d.eventId}`;

  const mayStart = () => {
    const now = performance.now();
    for (const round of rounds) if (now < round.deadline) return true;
    return false;
  };

  function settle() {
    const now = performance.now();
    for (const round of rounds) {
      if ((buffer.size === 0 && drainedTo >= round.cutoff) || now >= round.deadline) {
        rounds.delete(round);
        round.reached(round.attempts);
      }
    }
  }

  function start(candidate: StoredDelivery) {
    const key = keyOf(candidate);
    inFlight.add(key);
    const attempt = deps.deliver(candidate).finally(() => {
      inFlight.delete(key);
      wake?.();
    });
    for (const round of rounds) if (round.collect) round.attempts.push(attempt);
  }

  async function run() {
    for (;;) {
      while (inFlight.size < concurrency && mayStart()) {
        if (buffer.size === 0) {
          if (drainedTo >= cutoff) break;
          const upTo = cutoff;
          const found = await deps.store.due(channelId, upTo, batchSize);
          let fresh = 0;
          for (const d of found) if (!inFlight.has(keyOf(d)) && !buffer.has(keyOf(d))) (buffer.set(keyOf(d), d), fresh++);
          // A short page is the whole of what is due; a full one of nothing new is as good (its items are running).
          if (found.length < batchSize || fresh === 0) drainedTo = upTo;
          // A request for later work may have come in during the query (it found no waiting
          // lane to wake): look again up to its cutoff rather than wait for a wake that never comes.
          if (buffer.size === 0 && drainedTo < cutoff) continue;
          if (buffer.size === 0) break;
        }
        const [key, next] = buffer.entries().next().value!;
        buffer.delete(key);
        start(next);
      }
      settle();
      if (!mayStart()) buffer.clear();
      if (inFlight.size === 0 && (!mayStart() || (buffer.size === 0 && drainedTo >= cutoff))) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  }

  function ensureRunning() {
    running ??= run()
      .catch((error: unknown) => {
        // A failed due query: the next request tries again; nothing was claimed.
        deps.onError("webhook delivery lane failed", { channelId, error: error instanceof Error ? error.message : String(error) });
        buffer.clear();
        drainedTo = cutoff;
      })
      .finally(() => {
        running = undefined;
        settle();
        // A request that came while the lane was ending.
        if (rounds.size > 0 && drainedTo < cutoff) ensureRunning();
        else for (const round of rounds) (rounds.delete(round), round.reached(round.attempts));
      });
  }

  return {
    work(upTo, { deadline = Infinity, collect = true } = {}) {
      if (upTo > cutoff) cutoff = upTo;
      const reached = new Promise<Promise<LaneResult>[]>((resolve) => rounds.add({ cutoff: upTo, deadline, collect, attempts: [], reached: resolve }));
      ensureRunning();
      wake?.();
      return reached;
    },
    offer(candidate) {
      const key = keyOf(candidate);
      if (inFlight.has(key) || buffer.has(key)) return;
      // One request for all offers, done once the buffer is (and the partition, if a backlog went there).
      if (!offers || !rounds.has(offers)) rounds.add((offers = { cutoff: "", deadline: Infinity, collect: false, attempts: [], reached: () => undefined }));
      if (buffer.size < 4 * batchSize) {
        buffer.set(key, candidate);
      } else if (candidate.nextAttemptAt) {
        // A backlog (a receiver that hangs) stays in the table, not here: the lane reads it when it gets to it.
        if (candidate.nextAttemptAt > offers.cutoff) offers.cutoff = candidate.nextAttemptAt;
        if (candidate.nextAttemptAt > cutoff) cutoff = candidate.nextAttemptAt;
      }
      ensureRunning();
      wake?.();
    },
    get busy() {
      return running !== undefined;
    },
    halt() {
      for (const round of rounds) round.deadline = 0;
      wake?.();
    },
    idle: async () => {
      while (running) await running;
    },
  };
}

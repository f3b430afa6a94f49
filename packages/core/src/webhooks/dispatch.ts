import type { Notifier, OutboxEvent } from "../events/types.js";
import { systemResolver, type Resolver } from "../target/http-call.js";
import { attemptDelivery, type AttemptSettings, type AttemptTarget, type DeliveryChannel } from "./attempt.js";
import { toCloudEvent } from "./cloudevent.js";
import { createLane, type Lane, type LaneResult } from "./lanes.js";
import { eventMatches } from "./schema.js";
import type { AttemptOutcome, StoredDelivery, StoredWebhook, WebhookStore } from "./store.js";

export type { ChannelOutcome, DeliveryChannel } from "./attempt.js";

/**
 * Outbound webhook delivery, one channel per subscription (and per other channel: Slack,
 * approval links). The relay's part (`fanOut`) only writes a delivery item per matching
 * subscription and event, idempotently, so a retried stream record never sends anything
 * twice. Each channel has its own lane (lanes.ts): its own due partition, its own attempts
 * in flight, its own retries, backoff and dead letter (status `failed`), so a receiver that
 * is down or slow never holds up another. What one attempt does is attempt.ts.
 *
 * Two ways to run the same lanes: `deliverDue` is one round (the deliveries Lambda, from the
 * stream and a schedule; the tests); `poll` + `follow` keep them going in a long-running
 * process (the local runtime's delivery loop), where nothing waits for a slow round.
 */
export interface DispatcherOptions {
  /** Per attempt. Default 5,000. */
  timeoutMs?: number;
  /** Default 8 (with the default delays: about 10 minutes of trying). */
  maxAttempts?: number;
  /** Default 5,000 and 300,000. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How many due deliveries one query of a channel takes. Default 25. */
  batchSize?: number;
  /** Attempts of one channel in flight at once, in this process. Default 8. */
  concurrency?: number;
}

export interface DeliveryRound {
  /** Deliveries claimed and attempted. */
  attempted: number;
  delivered: number;
}

export interface WebhookDispatcher {
  /** The relay's channel: writes one delivery per matching subscription (never sends). */
  fanOut: Notifier;
  /**
   * Attempts every delivery due now, every channel in its own lane; resolves when this
   * round's attempts are recorded. `startWithinMs`: no attempt starts later than this
   * (a Lambda's remaining time); what is left stays due for the next round.
   */
  deliverDue(options?: { startWithinMs?: number }): Promise<DeliveryRound>;
  /** Sets every channel's lane going on what is due now and returns without waiting for attempts (a worker's tick). */
  poll(): Promise<void>;
  /** Until the returned function is called, a delivery this process makes due sets its lane going at its due time. */
  follow(): () => void;
  /** Starts nothing more; resolves when the running attempts are recorded. */
  stop(): Promise<void>;
}

/** How old the list of subscriptions (the channels, with their URL and secret) may be in a worker. */
const subscriptionsMaxAgeMs = 1_000;

export function createWebhookDispatcher(deps: {
  store: WebhookStore;
  resolver?: Resolver;
  clock?: () => Date;
  options?: DispatcherOptions;
  /** Channels other than webhook subscriptions, by the id their delivery items carry. */
  channels?: Record<string, DeliveryChannel>;
  onError?: (message: string, details: Record<string, unknown>) => void;
}): WebhookDispatcher {
  const { store } = deps;
  const clock = deps.clock ?? (() => new Date());
  const settings: AttemptSettings = {
    timeoutMs: deps.options?.timeoutMs ?? 5_000,
    maxAttempts: deps.options?.maxAttempts ?? 8,
    baseDelayMs: deps.options?.baseDelayMs ?? 5_000,
    maxDelayMs: deps.options?.maxDelayMs ?? 300_000,
    resolver: deps.resolver ?? systemResolver,
    clock,
  };
  const laneSettings = { batchSize: deps.options?.batchSize ?? 25, concurrency: deps.options?.concurrency ?? 8 };
  const onError = deps.onError ?? ((message, details) => console.error(JSON.stringify({ level: "ERROR", message, ...details })));

  const fanOut: Notifier = {
    async publish(event: OutboxEvent) {
      const subscriptions = (await store.active()).filter((s) => eventMatches(s.events, event.type));
      if (subscriptions.length === 0) return;
      const body = JSON.stringify(toCloudEvent(event));
      const at = clock().toISOString();
      await Promise.all(
        subscriptions.map((s) => store.enqueue({ webhookId: s.id, eventId: event.id, eventType: event.type, eventAt: event.at, body }, at)),
      );
    },
  };

  /** The subscriptions as last listed; an attempt uses its subscription from here, not one read per attempt. */
  let subscriptions = new Map<string, StoredWebhook>();
  let listedAt = -Infinity;
  async function listSubscriptions(maxAgeMs: number) {
    if (performance.now() - listedAt <= maxAgeMs) return;
    const startedAt = performance.now();
    subscriptions = new Map((await store.subscriptions()).map((s) => [s.id, s]));
    listedAt = startedAt;
  }

  async function targetOf(channelId: string): Promise<AttemptTarget> {
    const channel = deps.channels?.[channelId];
    if (channel) return { kind: "channel", channel };
    // Listed a moment ago, or not listed yet (created since): then read it.
    const webhook = subscriptions.get(channelId) ?? (await store.load(channelId));
    return {
      kind: "webhook",
      webhook,
      async disable(reason) {
        await store.disable(channelId, reason);
        if (webhook) subscriptions.set(channelId, { ...webhook, status: "disabled", disabledReason: reason });
      },
    };
  }

  async function deliver(candidate: StoredDelivery): Promise<LaneResult> {
    try {
      // The lease keeps other lanes (and other processes) off it while this attempt runs.
      const claimed = await store.claim(candidate, new Date(clock().getTime() + settings.timeoutMs + 30_000).toISOString());
      if (!claimed) return { claimed: false, delivered: false };
      let outcome: AttemptOutcome;
      try {
        outcome = await attemptDelivery(claimed, await targetOf(claimed.webhookId), settings);
      } catch (error) {
        outcome = {
          at: clock().toISOString(),
          status: "pending",
          nextAttemptAt: new Date(clock().getTime() + settings.baseDelayMs).toISOString(),
          lastStatus: null,
          lastError: { code: "INTERNAL", message: "the attempt failed inside Rollgate" },
        };
        onError("webhook delivery attempt failed", { webhookId: claimed.webhookId, eventId: claimed.eventId, error: error instanceof Error ? error.message : String(error) });
      }
      await store.record(claimed, outcome);
      return { claimed: true, delivered: outcome.status === "delivered" };
    } catch (error) {
      // Not recorded: the lease runs out and the delivery is due again.
      onError("webhook delivery could not be recorded", { webhookId: candidate.webhookId, eventId: candidate.eventId, error: error instanceof Error ? error.message : String(error) });
      return { claimed: true, delivered: false };
    }
  }

  const lanes = new Map<string, Lane>();
  // Channels this process made a delivery due for, whether or not the (eventually consistent) list shows them yet.
  const seenChannels = new Set<string>();
  store.onDue((delivery) => void seenChannels.add(delivery.webhookId));
  function laneOf(channelId: string): Lane {
    let lane = lanes.get(channelId);
    if (!lane) lanes.set(channelId, (lane = createLane(channelId, { store, deliver, settings: laneSettings, onError })));
    return lane;
  }
  /** Every channel: the other channels, each subscription (a disabled one's pending deliveries end as failed), and any lane already set going. */
  const channelIds = () => new Set([...Object.keys(deps.channels ?? {}), ...subscriptions.keys(), ...seenChannels, ...lanes.keys()]);

  return {
    fanOut,

    async deliverDue(options = {}) {
      const deadline = performance.now() + (options.startWithinMs ?? Infinity);
      const cutoff = clock().toISOString();
      await listSubscriptions(0);
      const started = await Promise.all([...channelIds()].map((id) => laneOf(id).work(cutoff, { deadline })));
      const results = await Promise.all(started.flat());
      return { attempted: results.filter((r) => r.claimed).length, delivered: results.filter((r) => r.delivered).length };
    },

    async poll() {
      await listSubscriptions(subscriptionsMaxAgeMs);
      const cutoff = clock().toISOString();
      // A lane at work is left to it (a tick each would make it query once per attempt); it is back on the next tick after.
      for (const id of channelIds()) if (!laneOf(id).busy) void laneOf(id).work(cutoff, { collect: false });
    },

    follow() {
      // One timer per channel, for its earliest known due time; the worker's ticks take the rest.
      const timers = new Map<string, { at: number; timer: ReturnType<typeof setTimeout> }>();
      const unsubscribe = store.onDue((delivery) => {
        const channelId = delivery.webhookId;
        const due = Date.parse(delivery.nextAttemptAt!);
        const wait = due - clock().getTime();
        if (wait <= 0) return laneOf(channelId).offer(delivery);
        const current = timers.get(channelId);
        if (current && current.at <= due) return;
        if (current) clearTimeout(current.timer);
        const timer = setTimeout(() => {
          timers.delete(channelId);
          void laneOf(channelId).work(clock().toISOString(), { collect: false });
        }, wait);
        timer.unref();
        timers.set(channelId, { at: due, timer });
      });
      return () => {
        unsubscribe();
        for (const { timer } of timers.values()) clearTimeout(timer);
        timers.clear();
      };
    },

    async stop() {
      for (const lane of lanes.values()) lane.halt();
      await Promise.all([...lanes.values()].map((lane) => lane.idle()));
    },
  };
}

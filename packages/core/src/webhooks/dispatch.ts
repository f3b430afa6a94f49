import type { Notifier, OutboxEvent } from "../events/types.js";
import { postJson, systemResolver, TransportFailure, type Resolver } from "../target/http-call.js";
import { standardWebhookHeaders } from "../target/webhook.js";
import { toCloudEvent } from "./cloudevent.js";
import { eventMatches } from "./schema.js";
import type { AttemptOutcome, StoredDelivery, WebhookStore } from "./store.js";

/**
 * Outbound webhook delivery, one channel per subscription. The relay's part (`fanOut`) only
 * writes a delivery item per matching subscription and event, idempotently; `deliverDue`
 * attempts whatever is due, each delivery on its own: its own attempts, backoff and dead
 * letter (status `failed`), so a receiver that is down or slow never holds up another, and a
 * retried stream record never sends anything twice. The stream Lambda and the local runtime
 * run this same code.
 *
 * An attempt: POST the CloudEvent (structured mode) through the target module's guarded
 * client (address rules of DESIGN.md section 9, no redirects), signed per Standard Webhooks
 * (`webhook-id` = the event id on every attempt). 2xx: delivered. 410: failed, and the
 * subscription is disabled. Anything else (3xx, 4xx, 5xx, timeout, refused address):
 * retried after `baseDelayMs * 2^(attempt-1)` (capped at `maxDelayMs`) until `maxAttempts`.
 */
export interface DispatcherOptions {
  /** Per attempt. Default 5,000. */
  timeoutMs?: number;
  /** Default 8 (with the default delays: about 10 minutes of trying). */
  maxAttempts?: number;
  /** Default 5,000 and 300,000. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How many due deliveries one round takes. Default 25. */
  batchSize?: number;
}

/**
 * Another channel on the same delivery machinery (Slack release cards): its delivery items
 * carry the channel's id where a subscription id would be, and it attempts them itself.
 * `retry` without `countsAsAttempt: false` counts toward `maxAttempts` and backs off like a
 * webhook; with it (the channel was busy, not failing) it waits `delayMs` and costs nothing.
 */
export type ChannelOutcome =
  | { status: "delivered" }
  | { status: "retry"; code: string; message: string; delayMs?: number; countsAsAttempt?: boolean };

export interface DeliveryChannel {
  attempt(delivery: StoredDelivery): Promise<ChannelOutcome>;
}

export interface WebhookDispatcher {
  /** The relay's channel: writes one delivery per matching subscription (never sends). */
  fanOut: Notifier;
  /** Attempts every due delivery, concurrently; resolves when this round's attempts are recorded. */
  deliverDue(): Promise<{ attempted: number; delivered: number }>;
}

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
  const resolver = deps.resolver ?? systemResolver;
  const clock = deps.clock ?? (() => new Date());
  const timeoutMs = deps.options?.timeoutMs ?? 5_000;
  const maxAttempts = deps.options?.maxAttempts ?? 8;
  const baseDelayMs = deps.options?.baseDelayMs ?? 5_000;
  const maxDelayMs = deps.options?.maxDelayMs ?? 300_000;
  const batchSize = deps.options?.batchSize ?? 25;
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

  async function attempt(delivery: StoredDelivery): Promise<AttemptOutcome> {
    const now = clock();
    const at = now.toISOString();
    const attemptNo = delivery.attempts + 1;
    const retryOrFail = (lastStatus: number | null, code: string, message: string): AttemptOutcome =>
      attemptNo >= maxAttempts
        ? { at, status: "failed", nextAttemptAt: null, lastStatus, lastError: { code, message: `${message}; gave up after ${attemptNo} attempts` } }
        : {
            at,
            status: "pending",
            nextAttemptAt: new Date(now.getTime() + Math.min(maxDelayMs, baseDelayMs * 2 ** (attemptNo - 1))).toISOString(),
            lastStatus,
            lastError: { code, message },
          };

    const channel = deps.channels?.[delivery.webhookId];
    if (channel) {
      const result = await channel.attempt(delivery);
      if (result.status === "delivered") return { at, status: "delivered", nextAttemptAt: null, lastStatus: null, lastError: null };
      if (result.countsAsAttempt === false) {
        // A deferral keeps the last real failure in the log, if there was one.
        return {
          at,
          status: "pending",
          nextAttemptAt: new Date(now.getTime() + (result.delayMs ?? 1_000)).toISOString(),
          lastStatus: delivery.lastStatus,
          lastError: delivery.lastError ?? { code: result.code, message: result.message },
          countsAsAttempt: false,
        };
      }
      return retryOrFail(null, result.code, result.message);
    }
    const webhook = await store.load(delivery.webhookId);
    if (!webhook) return { at, status: "failed", nextAttemptAt: null, lastStatus: null, lastError: { code: "WEBHOOK_DELETED", message: "the subscription was deleted" } };
    if (webhook.status !== "active") {
      return { at, status: "failed", nextAttemptAt: null, lastStatus: null, lastError: { code: "WEBHOOK_DISABLED", message: webhook.disabledReason ?? "the subscription is disabled" } };
    }
    try {
      const answer = await postJson({
        url: new URL(webhook.url),
        headers: {
          "content-type": "application/cloudevents+json",
          "user-agent": "Rollgate-Webhooks/1",
          ...standardWebhookHeaders(webhook.secret, delivery.eventId, now, delivery.body),
        },
        body: delivery.body,
        timeoutMs,
        allowPrivateNetwork: webhook.allowPrivateNetwork,
        resolver,
        maxResponseBytes: 16 * 1024,
      });
      if (answer.status >= 200 && answer.status < 300) {
        return { at, status: "delivered", nextAttemptAt: null, lastStatus: answer.status, lastError: null };
      }
      if (answer.status === 410) {
        await store.disable(webhook.id, `the receiver answered 410 Gone at ${at}`);
        return { at, status: "failed", nextAttemptAt: null, lastStatus: 410, lastError: { code: "WEBHOOK_GONE", message: "the receiver answered 410 Gone: the subscription is disabled" } };
      }
      const redirect = answer.status >= 300 && answer.status < 400;
      return retryOrFail(answer.status, `HTTP_${answer.status}`, redirect ? `the receiver answered ${answer.status} (redirects are not followed)` : `the receiver answered ${answer.status}`);
    } catch (error) {
      if (!(error instanceof TransportFailure)) throw error;
      return retryOrFail(null, error.reason.toUpperCase(), error.message);
    }
  }

  async function deliverOne(delivery: StoredDelivery): Promise<boolean> {
    // The lease keeps other rounds (and other processes) off it while this attempt runs.
    const lease = new Date(clock().getTime() + timeoutMs + 30_000).toISOString();
    if (!(await store.claim(delivery, lease))) return false;
    const claimed = { ...delivery, nextAttemptAt: lease };
    let outcome: AttemptOutcome;
    try {
      outcome = await attempt(claimed);
    } catch (error) {
      outcome = {
        at: clock().toISOString(),
        status: "pending",
        nextAttemptAt: new Date(clock().getTime() + baseDelayMs).toISOString(),
        lastStatus: null,
        lastError: { code: "INTERNAL", message: "the attempt failed inside Rollgate" },
      };
      onError("webhook delivery attempt failed", { webhookId: delivery.webhookId, eventId: delivery.eventId, error: error instanceof Error ? error.message : String(error) });
    }
    await store.record(claimed, outcome);
    return outcome.status === "delivered";
  }

  return {
    fanOut,
    async deliverDue() {
      const due = await store.due(clock().toISOString(), batchSize);
      const results = await Promise.allSettled(due.map(deliverOne));
      for (const result of results) {
        if (result.status === "rejected") onError("webhook delivery could not be recorded", { error: String(result.reason) });
      }
      return { attempted: due.length, delivered: results.filter((r) => r.status === "fulfilled" && r.value).length };
    },
  };
}

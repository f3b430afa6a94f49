import { postJson, TransportFailure, type Resolver } from "../target/http-call.js";
import { standardWebhookHeaders } from "../target/webhook.js";
import type { AttemptOutcome, StoredDelivery, StoredWebhook } from "./store.js";

/**
 * One attempt of one delivery, turned into the outcome its item records. A subscription's
 * attempt: POST the CloudEvent (structured mode) through the target module's guarded client
 * (address rules of DESIGN.md section 9, no redirects), signed per Standard Webhooks
 * (`webhook-id` = the event id on every attempt). 2xx: delivered. 410: failed, and the
 * subscription is disabled. Anything else (3xx, 4xx, 5xx, timeout, refused address):
 * retried after `baseDelayMs * 2^(attempt-1)` (capped at `maxDelayMs`) until `maxAttempts`.
 * Another channel (Slack, approval links) attempts its deliveries itself.
 */

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

export interface AttemptSettings {
  timeoutMs: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  resolver: Resolver;
  clock: () => Date;
}

/** What an attempt needs to know about its channel: a subscription (undefined: deleted) or another channel. */
export type AttemptTarget = { kind: "channel"; channel: DeliveryChannel } | { kind: "webhook"; webhook: StoredWebhook | undefined; disable(reason: string): Promise<void> };

export async function attemptDelivery(delivery: StoredDelivery, target: AttemptTarget, settings: AttemptSettings): Promise<AttemptOutcome> {
  const { clock, maxAttempts, baseDelayMs, maxDelayMs } = settings;
  const now = clock();
  const at = now.toISOString();
  // Never due again at the instant it was tried: a round takes what is due up to its start.
  const later = (ms: number) => new Date(now.getTime() + Math.max(1, ms)).toISOString();
  const attemptNo = delivery.attempts + 1;
  const retryOrFail = (lastStatus: number | null, code: string, message: string): AttemptOutcome =>
    attemptNo >= maxAttempts
      ? { at, status: "failed", nextAttemptAt: null, lastStatus, lastError: { code, message: `${message}; gave up after ${attemptNo} attempts` } }
      : { at, status: "pending", nextAttemptAt: later(Math.min(maxDelayMs, baseDelayMs * 2 ** (attemptNo - 1))), lastStatus, lastError: { code, message } };

  if (target.kind === "channel") {
    const result = await target.channel.attempt(delivery);
    if (result.status === "delivered") return { at, status: "delivered", nextAttemptAt: null, lastStatus: null, lastError: null };
    if (result.countsAsAttempt === false) {
      // A deferral keeps the last real failure in the log, if there was one.
      return {
        at,
        status: "pending",
        nextAttemptAt: later(result.delayMs ?? 1_000),
        lastStatus: delivery.lastStatus,
        lastError: delivery.lastError ?? { code: result.code, message: result.message },
        countsAsAttempt: false,
      };
    }
    return retryOrFail(null, result.code, result.message);
  }

  const { webhook } = target;
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
      timeoutMs: settings.timeoutMs,
      allowPrivateNetwork: webhook.allowPrivateNetwork,
      resolver: settings.resolver,
      maxResponseBytes: 16 * 1024,
    });
    if (answer.status >= 200 && answer.status < 300) {
      return { at, status: "delivered", nextAttemptAt: null, lastStatus: answer.status, lastError: null };
    }
    if (answer.status === 410) {
      await target.disable(`the receiver answered 410 Gone at ${at}`);
      return { at, status: "failed", nextAttemptAt: null, lastStatus: 410, lastError: { code: "WEBHOOK_GONE", message: "the receiver answered 410 Gone: the subscription is disabled" } };
    }
    const redirect = answer.status >= 300 && answer.status < 400;
    return retryOrFail(answer.status, `HTTP_${answer.status}`, redirect ? `the receiver answered ${answer.status} (redirects are not followed)` : `the receiver answered ${answer.status}`);
  } catch (error) {
    if (!(error instanceof TransportFailure)) throw error;
    return retryOrFail(null, error.reason.toUpperCase(), error.message);
  }
}

/** Outbound webhooks: subscriptions, per-subscription delivery with its own retries, CloudEvents signed per Standard Webhooks. */
export * from "./schema.js";
export * from "./errors.js";
export { toCloudEvent, type CloudEvent } from "./cloudevent.js";
export { createWebhookStore, type WebhookStore, type StoredWebhook, type StoredDelivery, type AttemptOutcome } from "./store.js";
export { createWebhookDispatcher, type WebhookDispatcher, type DispatcherOptions, type DeliveryRound, type DeliveryChannel, type ChannelOutcome } from "./dispatch.js";

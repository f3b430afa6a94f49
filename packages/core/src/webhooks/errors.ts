import { RollgateError, type ErrorKind } from "../errors/index.js";

/** Errors of outbound webhook subscriptions and their delivery log. */
export class WebhookError extends RollgateError {
  override name = "WebhookError";
  readonly code: string = "WEBHOOK_FAILED";
  readonly kind: ErrorKind = "unavailable";
}

export class WebhookNotFoundError extends WebhookError {
  override name = "WebhookNotFoundError";
  override readonly code = "WEBHOOK_NOT_FOUND";
  override readonly kind: ErrorKind = "not_found";
  constructor(id: string) {
    super(`No webhook subscription ${id}.`, { context: { webhookId: id } });
  }
}

export class DeliveryNotFoundError extends WebhookError {
  override name = "DeliveryNotFoundError";
  override readonly code = "WEBHOOK_DELIVERY_NOT_FOUND";
  override readonly kind: ErrorKind = "not_found";
  constructor(webhookId: string, deliveryId: string) {
    super(`Webhook ${webhookId} has no delivery ${deliveryId}.`, { context: { webhookId, deliveryId } });
  }
}

/** A manual retry of a delivery that already arrived. */
export class DeliveryNotRetryableError extends WebhookError {
  override name = "DeliveryNotRetryableError";
  override readonly code = "WEBHOOK_DELIVERY_DELIVERED";
  override readonly kind: ErrorKind = "conflict";
  constructor(webhookId: string, deliveryId: string) {
    super(`Delivery ${deliveryId} of webhook ${webhookId} was delivered already; only a pending or failed one can be retried.`, {
      context: { webhookId, deliveryId },
    });
  }
}

/** An attempt of this delivery is running right now: a manual retry would send the event twice at once. */
export class DeliveryInFlightError extends WebhookError {
  override name = "DeliveryInFlightError";
  override readonly code = "WEBHOOK_DELIVERY_IN_FLIGHT";
  override readonly kind: ErrorKind = "conflict";
  constructor(webhookId: string, deliveryId: string) {
    super(`An attempt of delivery ${deliveryId} of webhook ${webhookId} is running; its outcome is in the delivery log shortly. Retry after it, if it failed.`, {
      context: { webhookId, deliveryId },
    });
  }
}

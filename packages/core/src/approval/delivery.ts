import { withBackoff } from "../store/retry.js";
import { signedJsonHeaders } from "../target/webhook.js";
import type { ApprovalLinkDelivery } from "./links.js";

/** Delivery failed for good; the gate stays open (links can be re-sent by re-opening it). */
export class LinkDeliveryError extends Error {
  override name = "LinkDeliveryError";
}

/**
 * Sends new approval links to a webhook (the chat-ops bot, a Slack workflow, an incident
 * tool): a JSON POST `{type: "approval.requested", ...delivery}` signed like the webhook
 * target's calls (`x-rollgate-signature: sha256=<HMAC(secret, timestamp + "." + body)>`),
 * retried on network errors and 5xx. The links are bearer secrets: the receiver is trusted.
 */
export function createWebhookLinkDelivery(options: {
  url: string;
  secret: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retries?: number;
  clock?: () => Date;
}): (delivery: ApprovalLinkDelivery) => Promise<void> {
  const fetchImpl = options.fetch ?? fetch;
  const clock = options.clock ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 5_000;
  return async (delivery) => {
    const body = JSON.stringify({ type: "approval.requested", ...delivery });
    await withBackoff(
      async () => {
        let response: Response;
        try {
          response = await fetchImpl(options.url, {
            method: "POST",
            headers: signedJsonHeaders(options.secret, body, clock()),
            body,
            signal: AbortSignal.timeout(timeoutMs),
          });
          await response.arrayBuffer();
        } catch (error) {
          throw new LinkDeliveryError(`approval links could not be sent: ${(error as Error).message}`, { cause: error });
        }
        if (!response.ok) {
          const error = new LinkDeliveryError(`approval links were refused: HTTP ${response.status}`);
          (error as { retryable?: boolean }).retryable = response.status >= 500 || response.status === 429;
          throw error;
        }
      },
      {
        retries: options.retries ?? 3,
        baseMs: 200,
        maxMs: 2_000,
        shouldRetry: (error) => (error as { retryable?: boolean }).retryable !== false,
      },
    );
  };
}

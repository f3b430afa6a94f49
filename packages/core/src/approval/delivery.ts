import { signedJsonHeaders } from "../target/webhook.js";
import type { ApprovalLinkSink } from "./link-channel.js";

/** One attempt at sending approval links failed; the approval-link channel retries it. Never carries a link. */
export class LinkDeliveryError extends Error {
  override name = "LinkDeliveryError";
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Sends a gate's new links to a webhook (the chat-ops bot, a Slack workflow, an incident
 * tool): one JSON POST `{type: "approval.requested", id, ...delivery}` per attempt (`id` is
 * the gate's `deployment.approval_requested` event id, the same on every retry, for the
 * receiver to deduplicate), signed like the webhook target's calls
 * (`x-rollgate-signature: sha256=<HMAC(secret, timestamp + "." + body)>`). 2xx delivers;
 * anything else, a redirect included (links never follow one), throws for the channel to
 * retry. The links are bearer secrets: the receiver is trusted.
 */
export function createWebhookLinkSink(options: { url: string; secret: string; fetch?: typeof fetch; timeoutMs?: number; clock?: () => Date }): ApprovalLinkSink {
  const fetchImpl = options.fetch ?? fetch;
  const clock = options.clock ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 5_000;
  return async (delivery, attempt) => {
    const body = JSON.stringify({ type: "approval.requested", id: attempt.eventId, ...delivery });
    let response: Response;
    try {
      response = await fetchImpl(options.url, {
        method: "POST",
        headers: signedJsonHeaders(options.secret, body, clock()),
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer();
    } catch (error) {
      const timedOut = (error as Error).name === "TimeoutError";
      throw new LinkDeliveryError(`approval links could not be sent: ${timedOut ? `no answer within ${timeoutMs} ms` : (error as Error).message}`, timedOut ? "TIMEOUT" : "UNREACHABLE", { cause: error });
    }
    if (!response.ok) throw new LinkDeliveryError(`approval links were refused: HTTP ${response.status}`, `HTTP_${response.status}`);
  };
}

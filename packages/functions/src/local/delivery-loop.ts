import type { WebhookDispatcher } from "@rollgate/core/webhooks";

/**
 * Locally, the worker that attempts webhook (and Slack, approval-link) deliveries; in AWS the
 * deliveries Lambda runs the same lanes one round at a time (`deliverDue`). Each channel has
 * its own lane with its own attempts in flight: a finished attempt makes room for that
 * channel's next one at once, and a receiver that hangs until its timeout holds only its own
 * lane. A delivery this process makes due (the relay's fan-out, a backoff, a manual retry)
 * sets its lane going at its due time; every `intervalMs` each lane also looks at its due
 * partition for what other processes wrote.
 */
export function startDeliveryLoop(dispatcher: WebhookDispatcher, options: { intervalMs?: number; onError?: (message: string, details: Record<string, unknown>) => void } = {}) {
  const intervalMs = options.intervalMs ?? 250;
  const unfollow = dispatcher.follow();
  let polling = false;
  const timer = setInterval(() => {
    if (polling) return;
    polling = true;
    dispatcher
      .poll()
      .catch((error: unknown) => options.onError?.("webhook delivery poll failed", { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => (polling = false));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      unfollow();
      await dispatcher.stop();
    },
  };
}

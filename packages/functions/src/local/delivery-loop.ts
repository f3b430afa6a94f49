import type { WebhookDispatcher } from "@rollgate/core/webhooks";

/**
 * Locally, the rounds that attempt due webhook deliveries (in AWS: the stream Lambda and a
 * schedule run the same `deliverDue`). A round does not wait for the previous one: each
 * claimed delivery is leased, so a receiver that hangs until its timeout keeps only its own
 * deliveries waiting, never another subscription's.
 */
export function startDeliveryLoop(dispatcher: WebhookDispatcher, options: { intervalMs?: number; maxRounds?: number; onError?: (message: string, details: Record<string, unknown>) => void } = {}) {
  const intervalMs = options.intervalMs ?? 250;
  const maxRounds = options.maxRounds ?? 8;
  const running = new Set<Promise<unknown>>();
  const timer = setInterval(() => {
    if (running.size >= maxRounds) return;
    const round = dispatcher
      .deliverDue()
      .catch((error: unknown) => options.onError?.("webhook delivery round failed", { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => running.delete(round));
    running.add(round);
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await Promise.allSettled([...running]);
    },
  };
}

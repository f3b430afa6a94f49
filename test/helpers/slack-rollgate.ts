import { inject } from "vitest";
import { createFanoutNotifier, type Notifier, type OutboxEvent } from "@rollgate/core/events";
import type { TableContext } from "@rollgate/core/store";
import type { DispatcherOptions } from "@rollgate/core/webhooks";
import { createLogger } from "../../packages/functions/src/logger.js";
import { startDeliveryLoop } from "../../packages/functions/src/local/delivery-loop.js";
import { startStreamPoller } from "../../packages/functions/src/local/stream-poller.js";
import { createRuntime, localOrchestration, type Runtime, type SlackSettings } from "../../packages/functions/src/wiring.js";

/**
 * One Rollgate process as `npm start` wires it (the app, the local engine, the stream relay
 * with its channels: the log, webhooks, Slack; the delivery loop), over a given table, so a
 * test can stop it and start another over the same table (a restart).
 */
export interface SlackRollgate {
  runtime: Runtime;
  /** Every event the log channel saw, in relay order. */
  logged: OutboxEvent[];
  request(path: string, init?: RequestInit & { token?: string | null; json?: unknown }): Promise<Response>;
  stop(): Promise<void>;
}

export const adminToken = "rg_test_admin_token_0123456789";

export async function startSlackRollgate(
  table: TableContext,
  slack: SlackSettings,
  options: { delivery?: DispatcherOptions; logChannel?: Notifier } = {},
): Promise<SlackRollgate> {
  const logged: OutboxEvent[] = [];
  // Retries at most 1 s apart and many of them: an outage test's rollout may take a while on a
  // loaded machine, and its Slack deliveries must still be pending (not dead-lettered) when Slack is back.
  const runtime = createRuntime(
    { tableName: table.tableName, cursorSecret: "test-secret", publicBaseUrl: "http://rollgate.test", slack },
    await localOrchestration({ waitScale: 0 }),
    { table, logger: createLogger("rollgate-test"), deliverApprovalLink: () => undefined, webhookDelivery: options.delivery ?? { baseDelayMs: 200, maxDelayMs: 1_000, maxAttempts: 300, timeoutMs: 2_000 } },
  );
  await runtime.services.tokens.ensure(adminToken, { subject: "admin", scopes: ["admin"] }, "test");
  const logChannel: Notifier = options.logChannel ?? { publish: async (event) => void logged.push(event) };
  const notifier = createFanoutNotifier([logChannel, runtime.webhookDispatcher.fanOut, ...(runtime.slackChannel ? [runtime.slackChannel.fanOut] : [])]);
  const poller = await startStreamPoller({ endpoint: inject("dynamoEndpoint"), tableName: table.tableName, notifier, intervalMs: 50, onError: () => undefined });
  const loop = startDeliveryLoop(runtime.webhookDispatcher, { intervalMs: 50 });
  await runtime.services.deployments!.resumeInFlight();
  return {
    runtime,
    logged,
    async request(path, init = {}) {
      const { token = adminToken, json, headers, ...rest } = init;
      const h = new Headers(headers);
      if (token) h.set("authorization", `Bearer ${token}`);
      let body = rest.body;
      if (json !== undefined) {
        h.set("content-type", "application/json");
        body = JSON.stringify(json);
      }
      return runtime.app.request(path, { ...rest, headers: h, body });
    },
    async stop() {
      await runtime.localOrchestrator?.stopAll("restart");
      await poller.stop();
      await runtime.slackJobs.drain();
      await loop.stop();
    },
  };
}

/** Polls until `check` returns something truthy; a generous deadline, not a timing check. */
export async function eventually<T>(check: () => T | Promise<T>, what: string, timeoutMs = 45_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

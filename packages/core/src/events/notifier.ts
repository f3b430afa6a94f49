import type { DomainEvent, Notifier } from "./types.js";
import { alertEventTypes } from "./types.js";

/** The part of a structured logger the logging notifier needs (Powertools Logger fits). */
export interface EventLogger {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
}

/** One JSON object per line on stdout: what CloudWatch Logs Insights and `jq` read. */
const jsonLineLogger: EventLogger = {
  info: (message, attributes) => console.log(JSON.stringify({ level: "INFO", message, ...attributes })),
  warn: (message, attributes) => console.log(JSON.stringify({ level: "WARN", message, ...attributes })),
};

export function isAlertEvent(event: Pick<DomainEvent, "type">): boolean {
  return (alertEventTypes as readonly string[]).includes(event.type);
}

/**
 * Writes each event as a structured log entry; alert events (see `alertEventTypes`) are
 * logged at WARN with `alert: true` so a log filter can find them without knowing the types.
 */
export function createLoggingNotifier(options: { logger?: EventLogger } = {}): Notifier {
  const logger = options.logger ?? jsonLineLogger;
  return {
    async publish(event) {
      const attributes = { domainEvent: event, alert: isAlertEvent(event) };
      if (attributes.alert) logger.warn(`alert: ${event.type}`, attributes);
      else logger.info(`event: ${event.type}`, attributes);
    },
  };
}

/**
 * Publishes to every notifier in order; the first failure rejects, so the relay retries the
 * record and each notifier must tolerate seeing an event again (events carry a stable `id`).
 */
export function createFanoutNotifier(notifiers: readonly Notifier[]): Notifier {
  return {
    async publish(event) {
      for (const notifier of notifiers) await notifier.publish(event);
    },
  };
}

/**
 * Domain events. Each state change is written together with its event item in one
 * transaction (the outbox); the stream relay publishes them. Most events belong to a
 * deployment (its timeline is read from them); a few belong to the platform itself
 * (`policy.changed`) and live in a stream of their own.
 *
 * Deployment event item: pk DEP#<deploymentId>, sk EVT#<seq>, { entity: "event", event: DomainEvent }.
 * Platform event item:   pk EVENTS#<stream>,    sk EVT#<seq>, { entity: "event", event: PlatformEvent }.
 */
import type { EventType } from "./catalog.js";

export interface DomainEvent {
  /** Unique, stable across retries: `<deploymentId>:<seq>`. */
  id: string;
  /** A catalog type (catalog.ts), e.g. deployment.started, deployment.rolled_back, deployment.rollback_failed (an alert). */
  type: EventType;
  deploymentId: string;
  specId: string;
  environment: string;
  at: string;
  actor?: string;
  data: Record<string, unknown>;
}

/** An event about no deployment, e.g. `policy.changed` (stream `policy`). */
export interface PlatformEvent {
  /** Unique, stable across retries: `<stream>:<seq>`. */
  id: string;
  type: EventType;
  /** Which platform stream it belongs to (`policy`). */
  stream: string;
  at: string;
  actor?: string;
  data: Record<string, unknown>;
  deploymentId?: never;
}

/** Whatever the outbox holds and the relay publishes. */
export type OutboxEvent = DomainEvent | PlatformEvent;

export function isDeploymentEvent(event: OutboxEvent): event is DomainEvent {
  return typeof event.deploymentId === "string";
}

/** Event types that need a human: the relay raises them as alerts and the stack alarms on them. */
export const alertEventTypes = ["deployment.rollback_failed"] as const;

/** Where relayed events go (logs + metrics in AWS, logs locally; Slack later). */
export interface Notifier {
  publish(event: OutboxEvent): Promise<void>;
}

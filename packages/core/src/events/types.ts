/**
 * Domain events. Each state change of a deployment is written together with its event
 * item in one transaction (the outbox); the stream relay publishes them and the
 * deployment timeline is read from them.
 *
 * Event item: pk DEP#<deploymentId>, sk EVT#<seq>, attributes { entity: "event", event: DomainEvent }.
 */
export interface DomainEvent {
  /** Unique, stable across retries: `<deploymentId>:<seq>`. */
  id: string;
  /** e.g. deployment.started, deployment.step_completed, deployment.rolled_back, deployment.rollback_failed (an alert). */
  type: string;
  deploymentId: string;
  specId: string;
  environment: string;
  at: string;
  actor?: string;
  data: Record<string, unknown>;
}

/** Event types that need a human: the relay raises them as alerts and the stack alarms on them. */
export const alertEventTypes = ["deployment.rollback_failed"] as const;

/** Where relayed events go (logs + metrics in AWS, logs locally; Slack later). */
export interface Notifier {
  publish(event: DomainEvent): Promise<void>;
}

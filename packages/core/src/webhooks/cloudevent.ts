import { isDeploymentEvent, type OutboxEvent } from "../events/types.js";

/** A CloudEvents 1.0 event in structured mode (`application/cloudevents+json`). */
export interface CloudEvent {
  specversion: "1.0";
  id: string;
  source: string;
  type: string;
  time: string;
  subject?: string;
  datacontenttype: "application/json";
  /** Extension attribute: who caused the event, when a principal did. */
  actor?: string;
  data: Record<string, unknown>;
}

/**
 * The CloudEvent of an outbox event. `id` is the event id (what receivers deduplicate on,
 * and the `webhook-id`); `source` says which thing it is about: a deployment, a spec, or
 * a registered target, or the platform policy.
 */
export function toCloudEvent(event: OutboxEvent): CloudEvent {
  let source: string;
  let subject: string | undefined;
  if (isDeploymentEvent(event)) {
    source = `/rollgate/deployments/${event.deploymentId}`;
    subject = `${event.specId}/${event.environment}`;
  } else if (event.stream.startsWith("spec:")) {
    const specId = event.stream.slice("spec:".length);
    source = `/rollgate/specs/${specId}`;
    subject = typeof event.data.version === "number" ? `${specId}/v${event.data.version}` : specId;
  } else if (event.stream.startsWith("target:")) {
    const name = event.stream.slice("target:".length);
    source = `/rollgate/targets/${name}`;
    subject = name;
  } else {
    source = `/rollgate/${event.stream}`;
  }
  return {
    specversion: "1.0",
    id: event.id,
    source,
    type: `dev.rollgate.${event.type}`,
    time: event.at,
    ...(subject ? { subject } : {}),
    datacontenttype: "application/json",
    ...(event.actor ? { actor: event.actor } : {}),
    data: event.data,
  };
}

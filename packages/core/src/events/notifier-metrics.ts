import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { isDeploymentEvent, type Notifier, type OutboxEvent } from "./types.js";
import { alertEventTypes } from "./types.js";

type AlertEventType = (typeof alertEventTypes)[number];

const SERVICE = "rollgate";

/**
 * The CloudWatch metrics the relay emits for alert events (EMF, so no PutMetricData call and
 * no IAM permission). The stack's alarms are built from this object: namespace, metric names
 * and dimensions must match exactly or the alarm watches a metric that never arrives.
 */
export const alertMetrics = {
  namespace: "Rollgate",
  serviceDimension: SERVICE,
  /** Metric name per alert event type. */
  names: {
    "deployment.rollback_failed": "RollbackFailed",
  } satisfies Record<AlertEventType, string>,
  /** Dimensions on every alert metric: the app's service name and its deployment stage. */
  dimensions: (stage: string) => ({ service: SERVICE, stage }),
} as const;

/** The subset of Powertools `Metrics` used here, so tests can pass a recorder. */
export type AlertMetricsSink = Pick<Metrics, "addMetric" | "addMetadata" | "publishStoredMetrics">;

/**
 * Emits one count metric per alert event (`RollbackFailed` for `deployment.rollback_failed`),
 * flushed at once: alerts are rare and must not wait for the end of a batch that may fail.
 * Other events pass through untouched.
 */
export function createAlertMetricsNotifier(options: { stage: string; metrics?: AlertMetricsSink }): Notifier {
  const metrics =
    options.metrics ??
    new Metrics({
      namespace: alertMetrics.namespace,
      serviceName: alertMetrics.serviceDimension,
      defaultDimensions: { stage: options.stage },
    });
  return {
    async publish(event: OutboxEvent) {
      const name = (alertMetrics.names as Record<string, string | undefined>)[event.type];
      if (!name) return;
      if (isDeploymentEvent(event)) metrics.addMetadata("deploymentId", event.deploymentId);
      metrics.addMetadata("eventId", event.id);
      metrics.addMetric(name, MetricUnit.Count, 1);
      metrics.publishStoredMetrics();
    },
  };
}

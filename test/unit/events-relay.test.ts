import { describe, expect, it, vi } from "vitest";
import { marshall } from "@aws-sdk/util-dynamodb";
import {
  alertMetrics,
  createAlertMetricsNotifier,
  createFanoutNotifier,
  createLoggingNotifier,
  decodeEventRecord,
  isDeploymentEvent,
  processStreamBatch,
  type AlertMetricsSink,
  type DomainEvent,
  type Notifier,
  type OutboxEvent,
} from "@rollgate/core/events";
import { keys } from "@rollgate/core/store";

function domainEvent(seq: number, type: string = "deployment.step_completed"): DomainEvent {
  return {
    id: `dep-1:${seq}`,
    type: type as DomainEvent["type"],
    deploymentId: "dep-1",
    specId: "checkout",
    environment: "production",
    at: "2026-01-01T00:00:00.000Z",
    data: { step: seq },
  };
}

/** A stream record shaped as Lambda delivers it (AttributeValue JSON images). */
function streamRecord(seq: number, image: Record<string, unknown>, eventName = "INSERT") {
  return {
    eventID: `e${seq}`,
    eventName,
    dynamodb: { SequenceNumber: String(1000 + seq), NewImage: marshall(image, { removeUndefinedValues: true }) },
  };
}

const eventRecord = (seq: number, type?: string) =>
  streamRecord(seq, { ...keys.deploymentEvent("dep-1", seq), entity: "event", event: domainEvent(seq, type) });

function recordingNotifier(failOn?: (event: OutboxEvent) => boolean) {
  const published: OutboxEvent[] = [];
  const notifier: Notifier = {
    async publish(event) {
      if (failOn?.(event)) throw new Error(`notifier down for ${event.id}`);
      published.push(event);
    },
  };
  return { published, notifier };
}

describe("outbox relay: decoding stream records", () => {
  it("decodes an INSERT of an event item into the domain event", () => {
    expect(decodeEventRecord(eventRecord(1))).toEqual(domainEvent(1));
  });

  it("ignores other entities, updates and deletions of events", () => {
    const deployment = streamRecord(2, { ...keys.deployment("dep-1"), entity: "deployment", status: "in_progress" });
    expect(decodeEventRecord(deployment)).toBeUndefined();
    expect(decodeEventRecord({ ...eventRecord(3), eventName: "MODIFY" })).toBeUndefined();
    expect(decodeEventRecord({ ...eventRecord(4), eventName: "REMOVE" })).toBeUndefined();
    // an EVT# sort key on an item that is not an event (defensive: the entity decides)
    expect(decodeEventRecord(streamRecord(5, { ...keys.deploymentEvent("dep-1", 5), entity: "vote" }))).toBeUndefined();
  });

  it("decodes a platform event (pk EVENTS#<stream>), which belongs to no deployment", () => {
    const event = { id: "policy:3", type: "policy.changed", stream: "policy", at: "2026-01-01T00:00:00.000Z", actor: "admin", data: { revision: 3 } };
    const record = streamRecord(7, { ...keys.platformEvent("policy", 3), entity: "event", event });
    const decoded = decodeEventRecord(record);
    expect(decoded).toEqual(event);
    expect(isDeploymentEvent(decoded!)).toBe(false);
    expect(isDeploymentEvent(domainEvent(1))).toBe(true);
  });

  it("rejects an event item whose event does not parse instead of skipping it", () => {
    const broken = streamRecord(6, { ...keys.deploymentEvent("dep-1", 6), entity: "event", event: { type: "x" } });
    expect(() => decodeEventRecord(broken)).toThrow();
  });
});

describe("outbox relay: processStreamBatch", () => {
  it("publishes each event in stream order and reports no failures", async () => {
    const { published, notifier } = recordingNotifier();
    const other = streamRecord(2, { ...keys.spec("checkout"), entity: "spec" });
    const result = await processStreamBatch([eventRecord(1), other, eventRecord(3)], notifier);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(published.map((e) => e.id)).toEqual(["dep-1:1", "dep-1:3"]);
  });

  it("stops at the first failing record and reports it and every later record", async () => {
    const { published, notifier } = recordingNotifier((e) => e.id === "dep-1:2");
    const onFailure = vi.fn();
    const result = await processStreamBatch([eventRecord(1), eventRecord(2), eventRecord(3)], notifier, { onFailure });
    expect(published.map((e) => e.id)).toEqual(["dep-1:1"]);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: "1002" }, { itemIdentifier: "1003" }]);
    expect(onFailure).toHaveBeenCalledWith(expect.objectContaining({ sequenceNumber: "1002" }));
  });

  it("reports a malformed event item as a failure (so it is retried, then dead-lettered)", async () => {
    const { notifier } = recordingNotifier();
    const broken = streamRecord(2, { ...keys.deploymentEvent("dep-1", 2), entity: "event", event: "oops" });
    const result = await processStreamBatch([eventRecord(1), broken], notifier);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: "1002" }]);
  });

  it("fails the whole batch when a record has no sequence number, before publishing anything", async () => {
    const { published, notifier } = recordingNotifier();
    await expect(processStreamBatch([eventRecord(1), { eventName: "INSERT", dynamodb: {} }], notifier)).rejects.toThrow(
      /SequenceNumber/,
    );
    expect(published).toEqual([]);
  });
});

describe("notifiers", () => {
  it("logs every event, alerts at WARN with alert: true", async () => {
    const logger = { info: vi.fn(), warn: vi.fn() };
    const notifier = createLoggingNotifier({ logger });
    await notifier.publish(domainEvent(1));
    await notifier.publish(domainEvent(2, "deployment.rollback_failed"));
    expect(logger.info).toHaveBeenCalledWith("event: deployment.step_completed", { domainEvent: domainEvent(1), alert: false });
    expect(logger.warn).toHaveBeenCalledWith("alert: deployment.rollback_failed", expect.objectContaining({ alert: true }));
  });

  it("counts RollbackFailed for rollback_failed events only, flushed at once", async () => {
    const sink = { addMetric: vi.fn(), addMetadata: vi.fn(), publishStoredMetrics: vi.fn() };
    const notifier = createAlertMetricsNotifier({ stage: "prod", metrics: sink as unknown as AlertMetricsSink });
    await notifier.publish(domainEvent(1));
    expect(sink.addMetric).not.toHaveBeenCalled();
    await notifier.publish(domainEvent(2, "deployment.rollback_failed"));
    expect(sink.addMetric).toHaveBeenCalledWith("RollbackFailed", "Count", 1);
    expect(sink.publishStoredMetrics).toHaveBeenCalledTimes(1);
  });

  it("writes an EMF document the alarm's metric matches (namespace, name, dimensions)", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      await createAlertMetricsNotifier({ stage: "prod" }).publish(domainEvent(3, "deployment.rollback_failed"));
    } finally {
      spy.mockRestore();
    }
    const emf = JSON.parse(lines.find((l) => l.includes("_aws"))!);
    const directive = emf._aws.CloudWatchMetrics[0];
    expect(directive.Namespace).toBe(alertMetrics.namespace);
    expect(directive.Metrics).toEqual([{ Name: "RollbackFailed", Unit: "Count" }]);
    const dimensions = alertMetrics.dimensions("prod");
    expect([...directive.Dimensions[0]].sort()).toEqual(Object.keys(dimensions).sort());
    expect(emf).toMatchObject({ ...dimensions, RollbackFailed: 1, deploymentId: "dep-1" });
  });

  it("fans out in order and rejects when one notifier fails", async () => {
    const calls: string[] = [];
    const ok: Notifier = { publish: async (e) => void calls.push(`a:${e.id}`) };
    const down: Notifier = { publish: async () => Promise.reject(new Error("down")) };
    await createFanoutNotifier([ok, ok]).publish(domainEvent(1));
    expect(calls).toEqual(["a:dep-1:1", "a:dep-1:1"]);
    await expect(createFanoutNotifier([ok, down]).publish(domainEvent(2))).rejects.toThrow("down");
  });
});

import { describe, expect, it } from "vitest";
import { buildDomainEvent, checkEvent, EventCatalogError, eventTypes, platformEventPut, type PendingEvent } from "@rollgate/core/events";
import { eventMatches, toCloudEvent } from "@rollgate/core/webhooks";

const subject = { deploymentId: "dep-1", specId: "checkout", environment: "production" };

describe("the event catalog", () => {
  it("covers at least the types DESIGN.md section 10 lists", () => {
    for (const type of ["spec.version_registered", "spec.version_state_changed", "deployment.started", "deployment.approval_requested", "deployment.approval_decided", "deployment.succeeded", "deployment.rolled_back", "deployment.aborted", "deployment.rollback_failed", "policy.changed"]) {
      expect(eventTypes).toContain(type);
    }
  });

  it("the outbox refuses an event outside the catalog, or data its schema refuses, before anything is written", () => {
    expect(() => buildDomainEvent(subject, 1, { type: "deployment.teleported", data: {} } as unknown as PendingEvent, "2026-01-01T00:00:00Z")).toThrow(EventCatalogError);
    const bad = { type: "deployment.succeeded", data: { version: "two" } } as unknown as PendingEvent;
    expect(() => buildDomainEvent(subject, 1, bad, "2026-01-01T00:00:00Z")).toThrow(/deployment.succeeded does not match the catalog: version/);
    expect(() => platformEventPut("t", "policy", 1, { type: "policy.changed", data: { revision: 1 } } as unknown as PendingEvent, "2026-01-01T00:00:00Z")).toThrow(EventCatalogError);
    expect(() => checkEvent({ type: "deployment.succeeded", data: { version: 2, previousVersion: null } })).not.toThrow();
  });

  it("a webhook subscription's patterns: *, a namespace wildcard, or one type", () => {
    expect(eventMatches(["deployment.*"], "deployment.succeeded")).toBe(true);
    expect(eventMatches(["deployment.*"], "policy.changed")).toBe(false);
    expect(eventMatches(["policy.changed"], "policy.changed")).toBe(true);
    expect(eventMatches(["*"], "spec.version_registered")).toBe(true);
  });

  it("maps events to CloudEvents sources by what they are about", () => {
    const deployment = buildDomainEvent(subject, 7, { type: "deployment.started", data: { steps: 3 } }, "2026-01-01T00:00:00.000Z");
    expect(toCloudEvent(deployment)).toMatchObject({ id: "dep-1:7", source: "/rollgate/deployments/dep-1", subject: "checkout/production", type: "dev.rollgate.deployment.started" });
    const spec = { id: "spec:checkout:2", type: "spec.version_registered" as const, stream: "spec:checkout", at: "2026-01-01T00:00:00.000Z", data: { specId: "checkout", version: 2 } };
    expect(toCloudEvent(spec)).toMatchObject({ source: "/rollgate/specs/checkout", subject: "checkout/v2" });
    const policy = { id: "policy:3", type: "policy.changed" as const, stream: "policy", at: "2026-01-01T00:00:00.000Z", data: {} };
    expect(toCloudEvent(policy)).toMatchObject({ source: "/rollgate/policy", type: "dev.rollgate.policy.changed" });
    expect(toCloudEvent(policy)).not.toHaveProperty("subject");
  });
});

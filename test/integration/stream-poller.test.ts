import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { inject } from "vitest";
import type { DomainEvent, Notifier, OutboxEvent } from "@rollgate/core/events";
import { createPolicyStore } from "@rollgate/core/policy";
import { keys, marshallItem } from "@rollgate/core/store";
import { startStreamPoller, type StreamPoller } from "../../packages/functions/src/local/stream-poller.js";
import { createTestTable } from "../helpers/table.js";

// Written straight to the table (not through the outbox), so types outside the catalog can stand for failing ones.
function domainEvent(deploymentId: string, seq: number, type: string = "deployment.started", at = new Date().toISOString()): DomainEvent {
  return { id: `${deploymentId}:${seq}`, type: type as DomainEvent["type"], deploymentId, specId: "checkout", environment: "staging", at, data: {} };
}

async function waitFor(check: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the poller");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("local outbox relay on DynamoDB Local's stream", () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let poller: StreamPoller;
  const published: OutboxEvent[] = [];
  const errors: string[] = [];
  let failuresLeft = 0;
  const notifier: Notifier = {
    async publish(event) {
      if ((event.type as string) === "deployment.flaky" && failuresLeft-- > 0) throw new Error("notifier down");
      if ((event.type as string) === "deployment.poison") throw new Error("cannot publish this one");
      published.push(event);
    },
  };

  beforeAll(async () => {
    table = await createTestTable();
    poller = await startStreamPoller({
      endpoint: inject("dynamoEndpoint"),
      tableName: table.tableName,
      notifier,
      intervalMs: 50,
      maxAttempts: 3,
      onError: (message) => void errors.push(message),
    });
  });
  afterAll(async () => {
    await poller?.stop();
    await table?.drop();
  });

  const putEvent = (event: DomainEvent, seq: number) =>
    table.client.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: marshallItem({ ...keys.deploymentEvent(event.deploymentId, seq), entity: "event", event }),
      }),
    );

  it("publishes an event item written to the table, and nothing for other items", async () => {
    await table.client.send(
      new PutItemCommand({ TableName: table.tableName, Item: marshallItem({ ...keys.spec("checkout"), entity: "spec" }) }),
    );
    await putEvent(domainEvent("dep-a", 1), 1);
    await putEvent(domainEvent("dep-a", 2, "deployment.step_completed"), 2);
    await waitFor(() => published.length >= 2);
    expect(published.map((e) => e.id)).toEqual(["dep-a:1", "dep-a:2"]);
    // an empty map survives the trip (DynamoDB Local drops its type tag in stream images)
    expect(published[0]).toEqual(domainEvent("dep-a", 1, "deployment.started", published[0]!.at));
  });

  it("retries from the failed record, keeping order, when the notifier fails", async () => {
    published.length = 0;
    failuresLeft = 1;
    await putEvent(domainEvent("dep-b", 1, "deployment.flaky"), 1);
    await putEvent(domainEvent("dep-b", 2), 2);
    await waitFor(() => published.length >= 2);
    expect(published.map((e) => e.id)).toEqual(["dep-b:1", "dep-b:2"]);
    expect(failuresLeft).toBe(-1);
    expect(errors).toEqual(["relay failed on a stream record; retrying from it"]);
  });

  it("gives up on a record after maxAttempts, logs it as dead-lettered and moves on", async () => {
    published.length = 0;
    errors.length = 0;
    await putEvent(domainEvent("dep-d", 1, "deployment.poison"), 1);
    await putEvent(domainEvent("dep-d", 2), 2);
    await waitFor(() => published.length >= 1);
    expect(published.map((e) => e.id)).toEqual(["dep-d:2"]);
    expect(errors.filter((e) => e.startsWith("relay failed"))).toHaveLength(3);
    expect(errors).toContain("stream record dead-lettered after repeated failures");
  });

  it("publishes platform events too: a policy change arrives as policy.changed with its actor", async () => {
    published.length = 0;
    const store = createPolicyStore({ table });
    const admin = { tokenId: "t-admin", subject: "platform-admin", scopes: ["admin" as const], roles: [] };
    await store.put({ environments: { production: { requiresApproval: true, strategies: ["canary"] } } }, admin);
    await waitFor(() => published.length >= 1);
    expect(published).toEqual([
      {
        id: "policy:1",
        type: "policy.changed",
        stream: "policy",
        actor: "platform-admin",
        at: expect.any(String),
        data: expect.objectContaining({ revision: 1, previousRevision: 0, changedEnvironments: ["production"] }),
      },
    ]);
  });

  it("stop() ends polling: later writes are not published", async () => {
    await poller.stop();
    published.length = 0;
    await putEvent(domainEvent("dep-c", 1), 1);
    // A control: a poller started now does see that write. Once it has published it, the
    // stopped one had every chance to, and did not.
    const seen: OutboxEvent[] = [];
    const control = await startStreamPoller({
      endpoint: inject("dynamoEndpoint"),
      tableName: table.tableName,
      notifier: { publish: async (event) => void seen.push(event) },
      startingPosition: "TRIM_HORIZON",
      intervalMs: 50,
      maxAttempts: 3,
      onError: () => undefined,
    });
    try {
      await waitFor(() => seen.some((e) => e.id === "dep-c:1"), 30_000);
    } finally {
      await control.stop();
    }
    expect(published).toEqual([]);
  });
});

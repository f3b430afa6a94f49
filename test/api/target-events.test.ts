import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { decodeEventRecord, type OutboxEvent } from "@rollgate/core/events";
import { keys, marshallItem, unmarshallItem } from "@rollgate/core/store";
import { toCloudEvent } from "@rollgate/core/webhooks";
import { createTestApi, type TestApi } from "../helpers/app.js";

/**
 * Registered targets emit catalog events (target.registered, target.changed,
 * target.removed) in the transaction that changes them, on the stream `target:<name>`:
 * what the target points at and who may use it, never its secret, and of a webhook URL only
 * the origin.
 */
describe("registered target events", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => api.close());

  const secret = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
  const otherSecret = `whsec_${Buffer.alloc(32, 9).toString("base64")}`;
  // A deployer token in the query string: part of where the target points, not for event readers.
  const webhook = { type: "webhook", url: "https://deployer.example.com:8443/rollgate?token=deployer-query-token", specs: ["payments-*"], secret };

  /** The raw event items of a target's stream, oldest first, as the relay receives them from the table's stream. */
  async function streamOf(name: string): Promise<{ raw: Record<string, unknown>; event: OutboxEvent }[]> {
    const { Items = [] } = await api.runtime.table.client.send(
      new QueryCommand({
        TableName: api.runtime.table.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: marshallItem({ ":pk": keys.targetEvent(name, 0, 0).pk }),
        ConsistentRead: true,
      }),
    );
    return Items.map((item, i) => {
      const event = decodeEventRecord({ eventName: "INSERT", dynamodb: { SequenceNumber: String(i + 1), NewImage: item } });
      if (!event) throw new Error("not an event item");
      return { raw: unmarshallItem(item), event };
    });
  }

  const put = (name: string, body: unknown) => api.request(`/v1/targets/${name}`, { method: "PUT", json: body });

  it("registering, changing and removing a webhook target each write one event; none carries the secret or the URL's path and query", async () => {
    expect((await put("payments-prod", webhook)).status).toBe(201);
    expect((await put("payments-prod", { ...webhook, specs: ["payments-*", "ledger-*"], secret: otherSecret })).status).toBe(200);
    expect((await put("payments-prod", { ...webhook, specs: ["payments-*", "ledger-*"], secret: otherSecret })).status).toBe(200); // nothing changed
    expect((await api.request("/v1/targets/payments-prod", { method: "DELETE" })).status).toBe(204);

    const events = await streamOf("payments-prod");
    expect(events.map(({ event }) => event.type)).toEqual(["target.registered", "target.changed", "target.removed"]);
    const [registered, changed, removed] = events.map(({ event }) => event);
    expect(registered).toMatchObject({
      stream: "target:payments-prod",
      actor: "admin",
      data: { name: "payments-prod", type: "webhook", revision: 1, specs: ["payments-*"], origin: "https://deployer.example.com:8443", allowPrivateNetwork: false },
    });
    expect(changed).toMatchObject({
      actor: "admin",
      data: { revision: 2, previousRevision: 1, changed: ["secret", "specs"], specs: ["payments-*", "ledger-*"] },
    });
    // The identical PUT wrote revision 3 without an event; the removal names the revision it removed.
    expect(removed).toMatchObject({ actor: "admin", data: { name: "payments-prod", type: "webhook", revision: 3 } });
    for (const { raw } of events) {
      const written = JSON.stringify(raw);
      for (const hidden of [secret, otherSecret, "deployer-query-token", "/rollgate"]) expect(written).not.toContain(hidden);
    }
    // As outbound webhooks and Slack get it: about the target, by name.
    expect(toCloudEvent(registered!)).toMatchObject({ source: "/rollgate/targets/payments-prod", subject: "payments-prod", type: "dev.rollgate.target.registered", id: registered!.id });
    expect(new Set(events.map(({ event }) => event.id)).size).toBe(3);
  });

  it("a name registered again after its removal starts a new run of events (no collision with the old ones)", async () => {
    const lambda = { type: "lambda-alias", functionName: "checkout-api", alias: "live", region: "eu-west-1", specs: ["checkout-*"] };
    expect((await put("checkout-live", lambda)).status).toBe(201);
    expect((await api.request("/v1/targets/checkout-live", { method: "DELETE" })).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 5)); // a later registration: another createdAt
    expect((await put("checkout-live", { ...lambda, alias: "blue" })).status).toBe(201);
    const events = (await streamOf("checkout-live")).map(({ event }) => event);
    expect(events.map((e) => [e.type, e.data.revision])).toEqual([
      ["target.registered", 1],
      ["target.removed", 1],
      ["target.registered", 1],
    ]);
    expect(events[2]!.data).toMatchObject({ functionName: "checkout-api", alias: "blue", region: "eu-west-1" });
  });

  it("concurrent first PUTs of one name: one registers, the other changes it on top, each with its event", async () => {
    const [a, b] = await Promise.all([put("race-target", { ...webhook, specs: ["a-*"] }), put("race-target", { ...webhook, specs: ["b-*"] })]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const events = (await streamOf("race-target")).map(({ event }) => event);
    expect(events.map((e) => [e.type, e.data.revision])).toEqual([
      ["target.registered", 1],
      ["target.changed", 2],
    ]);
    expect(events[1]!.data.changed).toEqual(["specs"]);
  });

  it("a refused change writes no event", async () => {
    expect((await put("refused-target", { ...webhook, url: "http://169.254.169.254/" })).status).toBe(422);
    expect((await api.request("/v1/targets/refused-target", { method: "DELETE" })).status).toBe(404);
    expect(await streamOf("refused-target")).toEqual([]);
  });
});

import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DomainEvent, PlatformEvent } from "@rollgate/core/events";
import { createCursorCodec } from "@rollgate/core/store";
import type { Resolver } from "@rollgate/core/target";
import { createWebhookDispatcher, createWebhookStore, DeliveryInFlightError, DeliveryNotRetryableError, type WebhookDispatcher, type WebhookStore } from "@rollgate/core/webhooks";
import { createTestTable } from "../helpers/table.js";

/**
 * Outbound webhooks against receivers on 127.0.0.1: the relay's fan-out writes delivery
 * items, `deliverDue` attempts them. The clock is fake, so backoff is checked exactly.
 */
interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  raw: string;
}

let server: Server;
let base: string;
let received: Received[];
/** Per path: the status to answer (a function may vary it), or "hang" (never answer). */
let behaviour: Record<string, number | "hang" | (() => number)>;

/**
 * Standard Webhooks verification written from the spec, not with the package that signs:
 * HMAC-SHA256 keyed with the base64-decoded secret (after `whsec_`) over "<id>.<timestamp>.<body>".
 */
function signatureValid(secret: string, headers: IncomingMessage["headers"], raw: string): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${headers["webhook-id"]}.${headers["webhook-timestamp"]}.${raw}`).digest();
  return String(headers["webhook-signature"] ?? "")
    .split(" ")
    .some((candidate) => {
      const [version, value] = candidate.split(",");
      const given = Buffer.from(value ?? "", "base64");
      return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

beforeAll(async () => {
  server = createServer((req, res: ServerResponse) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers, raw });
      const rule = behaviour[path] ?? 404;
      if (rule === "hang") return; // never answers; the dispatcher's timeout ends it
      const status = typeof rule === "function" ? rule() : rule;
      res.writeHead(status, status >= 300 && status < 400 ? { location: `${base}/ok` } : {}).end(status === 204 ? undefined : "receiver says: secret-internal-detail");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let table: Awaited<ReturnType<typeof createTestTable>>;
let store: WebhookStore;
let dispatcher: WebhookDispatcher;
let now: Date;
const clock = () => now;
const advance = (ms: number) => (now = new Date(now.getTime() + ms));
// Names resolve as a test says (metadata.internal points at the cloud metadata address).
const resolver: Resolver = async (host) => [{ address: host === "metadata.internal" ? "169.254.169.254" : "127.0.0.1", family: 4 }];

let seq = 0;
function deploymentEvent(type: DomainEvent["type"] = "deployment.succeeded", data: Record<string, unknown> = { version: 2, previousVersion: 1 }): DomainEvent {
  seq++;
  return { id: `dep-1:${seq}`, type, deploymentId: "dep-1", specId: "checkout", environment: "production", at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(), actor: "ci-bot", data };
}

/**
 * Subscribes and waits until the fan-out can see the subscription: it is found through the
 * index (gsi1), which even DynamoDB Local updates a moment after the write (a known limit,
 * in the closing note: a subscription created that moment before an event can miss it).
 */
async function subscribe(path: string, events = ["deployment.*"]) {
  const created = await store.create({ url: `${base}${path}`, events, allowPrivateNetwork: true }, "admin");
  for (let i = 0; i < 400 && !(await store.active()).some((w) => w.id === created.webhook.id); i++) await new Promise((r) => setTimeout(r, 25));
  return created;
}

const deliveriesOf = async (id: string) => (await store.deliveries(id, { limit: 100 })).items;
const sentTo = (path: string) => received.filter((r) => r.path === path);

beforeAll(async () => {
  table = await createTestTable();
});
afterAll(async () => table.drop());

beforeEach(async () => {
  received = [];
  behaviour = { "/ok": 204 };
  // Whole seconds (webhook-timestamp), and now rather than a fixed date: a delivery item expires
  // (TTL) 30 days after the clock that wrote it, and DynamoDB Local's TTL sweeper deleted the
  // items of a clock months in the past at random moments (the "retries 5xx" flake).
  now = new Date(Math.floor(Date.now() / 1000) * 1000);
  store = createWebhookStore({ table, cursors: createCursorCodec("test"), clock });
  // Every earlier test's subscriptions are removed, so each test sees only its own.
  for (const webhook of (await store.list({ limit: 100 })).items) await store.remove(webhook.id);
  dispatcher = dispatcherWithTimeout(10_000);
});

/**
 * A receiver that answers must never hit the timeout, even on a loaded machine (10 s); the
 * tests of a receiver that hangs use a shorter one, still long enough for a healthy answer.
 */
function dispatcherWithTimeout(timeoutMs: number) {
  return createWebhookDispatcher({ store, resolver, clock, options: { timeoutMs, maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 8_000 }, onError: (message, details) => console.error(message, details) });
}

describe("outbound webhooks", () => {
  it("delivers a CloudEvent signed per Standard Webhooks (verified independently) to matching subscriptions only", async () => {
    const { webhook, secret } = await subscribe("/ok");
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const event = deploymentEvent();
    await dispatcher.fanOut.publish(event);
    const policy: PlatformEvent = { id: "policy:1", type: "policy.changed", stream: "policy", at: now.toISOString(), data: { revision: 1, previousRevision: 0, changedEnvironments: [], environments: {} } };
    await dispatcher.fanOut.publish(policy);
    expect(await dispatcher.deliverDue()).toEqual({ attempted: 1, delivered: 1 });

    const [request] = sentTo("/ok");
    expect(sentTo("/ok")).toHaveLength(1);
    expect(request!.headers["content-type"]).toBe("application/cloudevents+json");
    expect(request!.headers["webhook-id"]).toBe(event.id);
    expect(request!.headers["webhook-timestamp"]).toBe(String(now.getTime() / 1000));
    expect(signatureValid(secret, request!.headers, request!.raw)).toBe(true);
    expect(signatureValid(secret, request!.headers, request!.raw.replace("checkout", "checkouT"))).toBe(false);
    expect(JSON.parse(request!.raw)).toEqual({
      specversion: "1.0",
      id: event.id,
      source: "/rollgate/deployments/dep-1",
      type: "dev.rollgate.deployment.succeeded",
      time: event.at,
      subject: "checkout/production",
      datacontenttype: "application/json",
      actor: "ci-bot",
      data: { version: 2, previousVersion: 1 },
    });
    const [delivery] = await deliveriesOf(webhook.id);
    expect(delivery).toMatchObject({ eventId: event.id, eventType: "deployment.succeeded", status: "delivered", attempts: 1, lastStatus: 204, lastError: null });
    expect(JSON.stringify(await store.list({ limit: 100 }))).not.toContain(secret);
  });

  it("retries 5xx with exponential backoff, the same webhook-id and body each time, until a 2xx", async () => {
    const answers = [503, 500];
    behaviour["/flaky"] = () => answers.shift() ?? 200;
    const { webhook, secret } = await subscribe("/flaky");
    await dispatcher.fanOut.publish(deploymentEvent());

    await dispatcher.deliverDue();
    let [delivery] = await deliveriesOf(webhook.id);
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, lastStatus: 503, lastError: { code: "HTTP_503" } });
    expect(delivery!.nextAttemptAt).toBe(new Date(now.getTime() + 1_000).toISOString());
    expect(delivery!.lastError!.message).not.toContain("secret-internal-detail");

    advance(999);
    expect((await dispatcher.deliverDue()).attempted).toBe(0);
    advance(1);
    await dispatcher.deliverDue();
    [delivery] = await deliveriesOf(webhook.id);
    expect(delivery).toMatchObject({ status: "pending", attempts: 2, lastStatus: 500 });
    expect(delivery!.nextAttemptAt).toBe(new Date(now.getTime() + 2_000).toISOString()); // doubled

    advance(1_999);
    expect((await dispatcher.deliverDue()).attempted).toBe(0);
    advance(1);
    expect(await dispatcher.deliverDue()).toEqual({ attempted: 1, delivered: 1 });
    [delivery] = await deliveriesOf(webhook.id);
    expect(delivery).toMatchObject({ status: "delivered", attempts: 3, lastStatus: 200, nextAttemptAt: null });

    const sent = sentTo("/flaky");
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((r) => r.headers["webhook-id"])).size).toBe(1);
    expect(new Set(sent.map((r) => r.raw)).size).toBe(1);
    expect(sent.every((r) => signatureValid(secret, r.headers, r.raw))).toBe(true);
  });

  it("retries a receiver that does not answer in time, and gives up after maxAttempts (failed, kept in the log)", async () => {
    behaviour["/hang"] = "hang";
    dispatcher = dispatcherWithTimeout(1_500);
    const { webhook } = await subscribe("/hang");
    await dispatcher.fanOut.publish(deploymentEvent());
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      await dispatcher.deliverDue();
      const [delivery] = await deliveriesOf(webhook.id);
      expect(delivery).toMatchObject({ attempts: attempt, lastStatus: null, lastError: { code: "TIMEOUT" } });
      if (attempt < 4) {
        expect(delivery!.status).toBe("pending");
        const delay = Date.parse(delivery!.nextAttemptAt!) - now.getTime();
        delays.push(delay);
        advance(delay);
      } else {
        expect(delivery).toMatchObject({ status: "failed", nextAttemptAt: null });
        expect(delivery!.lastError!.message).toContain("gave up after 4 attempts");
      }
    }
    expect(delays).toEqual([1_000, 2_000, 4_000]);
    advance(60_000);
    expect((await dispatcher.deliverDue()).attempted).toBe(0); // out of the due index
  });

  it("410 Gone fails the delivery and disables the subscription: nothing more is queued for it", async () => {
    behaviour["/gone"] = 410;
    const { webhook } = await subscribe("/gone");
    await dispatcher.fanOut.publish(deploymentEvent());
    await dispatcher.deliverDue();
    expect((await deliveriesOf(webhook.id))[0]).toMatchObject({ status: "failed", attempts: 1, lastStatus: 410, lastError: { code: "WEBHOOK_GONE" } });
    expect(await store.get(webhook.id)).toMatchObject({ status: "disabled" });

    await dispatcher.fanOut.publish(deploymentEvent());
    expect(await deliveriesOf(webhook.id)).toHaveLength(1);
    expect(sentTo("/gone")).toHaveLength(1);
  });

  it("does not follow a redirect: a 3xx is a failed attempt, retried later, and the Location is never called", async () => {
    behaviour["/moved"] = 302;
    const { webhook } = await subscribe("/moved");
    await dispatcher.fanOut.publish(deploymentEvent());
    await dispatcher.deliverDue();
    expect((await deliveriesOf(webhook.id))[0]).toMatchObject({ status: "pending", lastStatus: 302, lastError: { code: "HTTP_302" } });
    expect(sentTo("/moved")).toHaveLength(1);
    expect(sentTo("/ok")).toHaveLength(0);
  });

  it("refuses cloud-metadata addresses whatever the subscription says, without sending", async () => {
    const { webhook } = await store.create({ url: "http://metadata.internal/hook", events: ["*"], allowPrivateNetwork: true }, "admin");
    await dispatcher.fanOut.publish(deploymentEvent());
    await dispatcher.deliverDue();
    const [delivery] = await deliveriesOf(webhook.id);
    expect(delivery).toMatchObject({ status: "pending", lastStatus: null, lastError: { code: "ADDRESS_REFUSED" } });
    expect(delivery!.lastError!.message).toContain("cloud metadata");
    expect(received).toHaveLength(0);
  });

  it("a failed delivery can be retried by hand: same webhook-id, delivered once the receiver is back", async () => {
    let up = false;
    behaviour["/later"] = () => (up ? 200 : 500);
    const { webhook } = await subscribe("/later");
    const event = deploymentEvent();
    await dispatcher.fanOut.publish(event);
    for (let attempt = 0; attempt < 4; attempt++) {
      await dispatcher.deliverDue();
      advance(10_000);
    }
    const [failed] = await deliveriesOf(webhook.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 4 });

    up = true;
    expect(await store.retry(webhook.id, failed!.id, now.toISOString())).toMatchObject({ status: "pending" });
    expect(await dispatcher.deliverDue()).toEqual({ attempted: 1, delivered: 1 });
    const [delivered] = await deliveriesOf(webhook.id);
    expect(delivered).toMatchObject({ status: "delivered", attempts: 5, lastStatus: 200 });
    expect(sentTo("/later").map((r) => r.headers["webhook-id"])).toEqual(Array(5).fill(event.id));
    await expect(store.retry(webhook.id, failed!.id, now.toISOString())).rejects.toBeInstanceOf(DeliveryNotRetryableError);
  });

  it("a manual retry while an attempt runs is refused (409 in flight), so the event is never sent twice at once; after the attempt it is taken", async () => {
    behaviour["/slow"] = "hang";
    dispatcher = dispatcherWithTimeout(1_500);
    const { webhook } = await subscribe("/slow");
    await dispatcher.fanOut.publish(deploymentEvent());
    const round = dispatcher.deliverDue();
    while (sentTo("/slow").length === 0) await new Promise((r) => setTimeout(r, 10));
    const [running] = await deliveriesOf(webhook.id);
    await expect(store.retry(webhook.id, running!.id, now.toISOString())).rejects.toBeInstanceOf(DeliveryInFlightError);
    await round;
    expect(sentTo("/slow")).toHaveLength(1);
    const [timedOut] = await deliveriesOf(webhook.id);
    expect(timedOut).toMatchObject({ status: "pending", attempts: 1, lastError: { code: "TIMEOUT" } });
    // The attempt is recorded: a retry by hand is allowed again and makes it due now.
    expect(await store.retry(webhook.id, timedOut!.id, now.toISOString())).toMatchObject({ status: "pending", nextAttemptAt: now.toISOString() });
  });

  it("a failing channel's retries never crowd out another channel's work: each channel has its own due partition", async () => {
    behaviour["/down"] = 500;
    // One query takes 2 due deliveries: with one shared partition the 6 older retries came first.
    dispatcher = createWebhookDispatcher({ store, resolver, clock, options: { timeoutMs: 10_000, maxAttempts: 4, baseDelayMs: 1_000, batchSize: 2, concurrency: 1 }, onError: () => undefined });
    const failing = await subscribe("/down");
    for (let i = 0; i < 6; i++) await dispatcher.fanOut.publish(deploymentEvent());
    await dispatcher.deliverDue();
    const healthy = await subscribe("/ok");
    advance(1_000); // the failing channel's retries are due, older than the next event
    await dispatcher.fanOut.publish(deploymentEvent());
    // 6 retries and 1 first attempt on the failing channel, and the healthy one's first attempt.
    expect(await dispatcher.deliverDue()).toEqual({ attempted: 8, delivered: 1 });
    expect((await deliveriesOf(healthy.webhook.id)).map((d) => d.status)).toEqual(["delivered"]);
    expect((await deliveriesOf(failing.webhook.id)).map((d) => d.attempts)).toEqual([1, 2, 2, 2, 2, 2, 2]);
  });

  it("a stale due entry is re-checked against the item: claimed with the item's own value when due, never when done", async () => {
    const { webhook } = await subscribe("/ok");
    const event = deploymentEvent();
    await dispatcher.fanOut.publish(event);
    const [due] = await store.due(webhook.id, now.toISOString(), 10);
    expect(due).toMatchObject({ eventId: event.id, status: "pending" });
    // Another process (its own store, so no memory of these writes) with an index entry older than the item.
    const other = createWebhookStore({ table, cursors: createCursorCodec("test"), clock });
    const stale = { ...due!, nextAttemptAt: new Date(now.getTime() - 60_000).toISOString() };
    const claimed = await other.claim(stale, new Date(now.getTime() + 40_000).toISOString());
    expect(claimed).toMatchObject({ eventId: event.id, nextAttemptAt: new Date(now.getTime() + 40_000).toISOString() });
    await other.record(claimed!, { at: now.toISOString(), status: "delivered", nextAttemptAt: null, lastStatus: 204, lastError: null });
    // The entry as the index showed it before: the item is delivered, so nobody may claim it again.
    expect(await store.claim(due!, new Date(now.getTime() + 40_000).toISOString())).toBeUndefined();
    expect(await other.claim(stale, new Date(now.getTime() + 40_000).toISOString())).toBeUndefined();
    expect((await deliveriesOf(webhook.id)).map((d) => [d.status, d.attempts])).toEqual([["delivered", 1]]);
    expect(sentTo("/ok")).toHaveLength(0);
  });

  it("an always-failing subscription neither delays nor re-sends to a healthy one, also when the relay hands the same events again", async () => {
    behaviour["/hang"] = "hang";
    dispatcher = dispatcherWithTimeout(1_500);
    const healthy = await subscribe("/ok");
    const failing = await subscribe("/hang");
    const events = [deploymentEvent(), deploymentEvent(), deploymentEvent()];
    for (const event of events) await dispatcher.fanOut.publish(event);

    let roundDone = false;
    const round = dispatcher.deliverDue().then((result) => ((roundDone = true), result));
    // The healthy receiver has every event while the failing one's attempts still wait for their timeout.
    while (sentTo("/ok").length < 3) await new Promise((r) => setTimeout(r, 10));
    expect(roundDone).toBe(false);
    expect(await round).toEqual({ attempted: 6, delivered: 3 });

    // A relay retry (the stream record handed over again) writes nothing new and sends nothing twice.
    for (const event of events) await dispatcher.fanOut.publish(event);
    advance(1_000);
    await dispatcher.deliverDue();
    expect(sentTo("/ok")).toHaveLength(3);
    expect((await deliveriesOf(healthy.webhook.id)).map((d) => [d.status, d.attempts])).toEqual([["delivered", 1], ["delivered", 1], ["delivered", 1]]);
    expect((await deliveriesOf(failing.webhook.id)).map((d) => [d.status, d.attempts])).toEqual([["pending", 2], ["pending", 2], ["pending", 2]]);
  });
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { Logger } from "@aws-lambda-powertools/logger";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import { createWebhookLinkSink, type ApprovalLinkDelivery } from "@rollgate/core/approval";
import { createFanoutNotifier, createLoggingNotifier } from "@rollgate/core/events";
import { keys, marshallItem, unmarshallItem } from "@rollgate/core/store";
import { signWebhookBody } from "@rollgate/core/target";
import { startDeliveryLoop } from "../../packages/functions/src/local/delivery-loop.js";
import { startStreamPoller } from "../../packages/functions/src/local/stream-poller.js";
import { createRuntime, localOrchestration, type Runtime } from "../../packages/functions/src/wiring.js";
import { loadTestFixture } from "../helpers/fixtures.js";
import { createTestTable } from "../helpers/table.js";

/**
 * Approval links on the relay path, as `npm start` wires it: the gate seals its links, the
 * stream relay queues one delivery item for the gate's event, the delivery loop's
 * approval-link channel POSTs them to a real receiver on loopback, with the dispatcher's
 * retries and backoff; the outcome lands on the timeline.
 */
const secret = "approval-webhook-secret";
const maxAttempts = 4;
const baseDelayMs = 150;

interface Received {
  at: number;
  body: string;
  signature: string;
  timestamp: string;
}
let server: Server;
let url: string;
let received: Received[] = [];
/** What the receiver answers, request by request (then 200); `hold` keeps the first answer back until released. */
let script: { statuses: number[]; hold?: Promise<void> } = { statuses: [] };
let answered = 0;

let table: Awaited<ReturnType<typeof createTestTable>>;
let runtime: Runtime;
let stopAll: () => Promise<void>;
const output: string[] = [];
const restoreOutput: (() => void)[] = [];
const adminToken = "rg_test_admin_token_0123456789";

const request = (path: string, init: RequestInit & { json?: unknown; token?: string | null } = {}) => {
  const { json, token = adminToken, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (json !== undefined) headers.set("content-type", "application/json");
  return runtime.app.request(path, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", async () => {
      const first = received.length === 0;
      received.push({ at: Date.now(), body, signature: String(req.headers["x-rollgate-signature"]), timestamp: String(req.headers["x-rollgate-timestamp"]) });
      if (first && script.hold) await script.hold;
      res.writeHead(script.statuses.shift() ?? 200).end();
      answered++;
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/approvals`;

  // Everything written to stdout/stderr while this file runs (the log channel at DEBUG included) is kept, to look for tokens.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write;
    restoreOutput.push(() => (stream.write = write));
    stream.write = ((chunk: string | Uint8Array) => output.push(String(chunk)) > 0) as typeof stream.write;
  }
  const logger = new Logger({ serviceName: "rollgate-test", logLevel: "DEBUG" });

  table = await createTestTable();
  runtime = createRuntime(
    { tableName: table.tableName, cursorSecret: "test-secret", publicBaseUrl: "http://rollgate.test" },
    await localOrchestration({ waitScale: 0 }),
    { table, logger, deliverApprovalLink: createWebhookLinkSink({ url, secret }), webhookDelivery: { baseDelayMs, maxDelayMs: 2_000, maxAttempts, timeoutMs: 10_000 } },
  );
  await runtime.services.tokens.ensure(adminToken, { subject: "admin", scopes: ["admin"] }, "test");
  const notifier = createFanoutNotifier([createLoggingNotifier({ logger }), runtime.webhookDispatcher.fanOut, runtime.approvalLinkChannel!.fanOut]);
  const poller = await startStreamPoller({ endpoint: inject("dynamoEndpoint"), tableName: table.tableName, notifier, intervalMs: 50, onError: () => undefined });
  const loop = startDeliveryLoop(runtime.webhookDispatcher, { intervalMs: 50 });
  stopAll = async () => {
    await runtime.localOrchestrator?.stopAll("test over");
    await poller.stop();
    await loop.stop();
  };

  expect((await request("/v1/principals/tess", { method: "PUT", json: { roles: ["tech-lead"] } })).status).toBeLessThan(300);
  expect((await request("/v1/principals/lee", { method: "PUT", json: { roles: ["tech-lead"] } })).status).toBeLessThan(300);
  for (const specId of ["relayed-links", "undelivered-links"]) {
    const doc = { ...parse(loadTestFixture("canary-service.yaml")), id: specId, environments: { dev: { requires_approval: true, approvers: ["tech-lead"] } } };
    expect((await request("/v1/specs", { method: "POST", json: doc })).status).toBe(201);
  }
});
afterAll(async () => {
  await stopAll?.();
  for (const restore of restoreOutput) restore();
  await new Promise<void>((r) => server.close(() => r()));
  await table?.drop();
});

async function eventually<T>(check: () => Promise<T | undefined | false>, what: string): Promise<T> {
  // A generous deadline, not a timing check.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const deployment = async (id: string): Promise<any> => (await request(`/v1/deployments/${id}`)).json();
const timelineEvent = (id: string, type: string) =>
  eventually(async () => (await deployment(id)).timeline.find((e: { type: string }) => e.type === type) as { data: Record<string, unknown> } | undefined, type);

async function deploy(specId: string): Promise<string> {
  const res = await request("/v1/deployments", { method: "POST", json: { specId, version: 1, environment: "dev" } });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

async function tableDump(): Promise<string> {
  const items: string[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await table.client.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []).map((item) => JSON.stringify(item)));
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return items.join("\n");
}

/** The approval-link channel's delivery item for an event (a scan: this file does not depend on the store's key layout). */
async function deliveryItem(eventId: string) {
  const { Items = [] } = await table.client.send(
    new ScanCommand({ TableName: table.tableName, ConsistentRead: true, FilterExpression: "entity = :e AND eventId = :id", ExpressionAttributeValues: marshallItem({ ":e": "webhookDelivery", ":id": eventId }) }),
  );
  return Items.map((item) => unmarshallItem<Record<string, unknown>>(item)).find((item) => item.webhookId === keys.approvalLinkDeliveryChannel());
}

describe("approval links on the relay path", () => {
  it("opens the gate without waiting for the receiver, retries its 500s with backoff, delivers once, and the links work", async () => {
    let release!: () => void;
    received = [];
    answered = 0;
    script = { statuses: [500, 500], hold: new Promise<void>((r) => (release = r)) };
    const id = await deploy("relayed-links");

    // The gate is open and the receiver has answered nothing: the step never waited for it.
    const gated = await eventually(async () => {
      const view = await deployment(id);
      return view.status === "awaiting_approval" && view;
    }, "the gate");
    expect(answered).toBe(0);
    const requested = gated.timeline.find((e: { type: string }) => e.type === "deployment.approval_requested");
    expect(requested.data.links).toBe(2);

    // The first attempt arrives while the gate waits; its links are in nothing the table holds.
    await eventually(async () => received.length === 1, "the first attempt");
    const sent = JSON.parse(received[0]!.body) as ApprovalLinkDelivery & { type: string; id: string };
    expect(sent).toMatchObject({ type: "approval.requested", id: requested.id, deploymentId: id, gate: requested.data.gate });
    const tokens = sent.links.map((l) => l.token);
    expect(tokens).toHaveLength(2);
    const atRest = await tableDump();
    expect(atRest).toContain("LINKSEND#"); // the sealed links are there...
    for (const token of tokens) expect(atRest).not.toContain(token); // ...but never a token
    release();

    const delivered = await timelineEvent(id, "deployment.approval_links_delivered");
    expect(delivered.data).toEqual({ gate: requested.data.gate, links: 2, attempts: 3 });
    expect(received).toHaveLength(3);
    // The same links and event id on every attempt, each signed.
    for (const attempt of received) {
      expect(JSON.parse(attempt.body)).toMatchObject({ id: requested.id, links: sent.links });
      expect(attempt.signature).toBe(`sha256=${signWebhookBody(secret, attempt.timestamp, attempt.body)}`);
    }
    // Backoff: baseDelayMs after the first failure, twice that after the second (lower bounds only).
    // Measured where the receiver sees them: the backoff runs from an attempt's start, so each
    // side carries its request's latency; the second wait (2 x base) still exceeds one base delay.
    expect(received[1]!.at - received[0]!.at).toBeGreaterThan(0);
    expect(received[2]!.at - received[1]!.at).toBeGreaterThanOrEqual(baseDelayMs);
    // The channel writes the event, then the dispatcher records the attempt.
    await eventually(async () => (await deliveryItem(requested.id))?.status === "delivered", "the delivery item's outcome");
    expect(await deliveryItem(requested.id)).toMatchObject({ status: "delivered", attempts: 3 });

    // Settled: the sealed links are gone; more delivery rounds send nothing again.
    await new Promise((r) => setTimeout(r, 8 * 50));
    expect(received).toHaveLength(3);
    const settled = await tableDump();
    expect(settled).not.toContain('"sealed"');
    for (const token of tokens) expect(settled).not.toContain(token);

    // The delivered links decide the gate.
    const form = { "content-type": "application/x-www-form-urlencoded" };
    expect((await request(`/approvals/${tokens[0]}`, { method: "POST", token: null, headers: form, body: "decision=approve" })).status).toBeLessThan(400);
    await eventually(async () => (await deployment(id)).status === "succeeded", "success");

    // No token in what readers see (the deployment, its events) or in anything logged.
    expect(output.join("")).toContain("deployment.approval_links_delivered"); // the log channel did log
    const seen = JSON.stringify(await deployment(id)) + JSON.stringify(await (await request(`/v1/deployments/${id}/events`)).json()) + output.join("");
    for (const token of tokens) expect(seen).not.toContain(token);
  });

  it("after the last attempt fails, puts approval_links_undelivered on the timeline; the gate stays open for the API", async () => {
    received = [];
    answered = 0;
    script = { statuses: Array.from({ length: 50 }, () => 500) };
    const id = await deploy("undelivered-links");

    const undelivered = await timelineEvent(id, "deployment.approval_links_undelivered");
    expect(received).toHaveLength(maxAttempts);
    expect(undelivered.data).toMatchObject({ links: 2, attempts: maxAttempts });
    expect(String(undelivered.data.error)).toContain("HTTP 500");
    expect(String(undelivered.data.error)).toContain(`gave up after ${maxAttempts} attempts`);
    const view = await deployment(id);
    expect(view.status).toBe("awaiting_approval");
    expect(view.timeline.some((e: { type: string }) => e.type === "deployment.approval_links_delivered")).toBe(false);
    const requested = view.timeline.find((e: { type: string }) => e.type === "deployment.approval_requested");
    await eventually(async () => (await deliveryItem(requested.id))?.status === "failed" && true, "the dead letter");
    expect(await deliveryItem(requested.id)).toMatchObject({ status: "failed", attempts: maxAttempts, lastError: { code: "HTTP_500" } });

    // The dead letter is final: no more attempts, and nothing sealed is left behind.
    await new Promise((r) => setTimeout(r, 8 * 50));
    expect(received).toHaveLength(maxAttempts);
    const tokens = (JSON.parse(received[0]!.body) as ApprovalLinkDelivery).links.map((l) => l.token);
    const atRest = await tableDump();
    for (const token of tokens) expect(atRest).not.toContain(token);
    expect(atRest).not.toContain('"sealed"');

    const approverToken = (await runtime.services.tokens.issue({ subject: "lee", scopes: ["approve"] }, "test")).token;
    expect((await request(`/v1/deployments/${id}/approvals`, { method: "POST", token: approverToken, json: { decision: "approve" } })).status).toBeLessThan(400);
    await eventually(async () => (await deployment(id)).status === "succeeded", "success");
  });
});

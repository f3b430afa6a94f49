/**
 * Slack figures: (1) how long /slack/commands takes from receiving a signed slash command to
 * answering it, while the work it starts is slow (the response_url answers after 1 s, so
 * every background job lasts over a second); Slack wants the answer within 3 s. (2) Relay
 * throughput across channels: events/s delivered to two healthy webhook channels while a
 * third always fails (answers 500) or hangs until its timeout, against the same with no
 * failing channel; one failing channel must not slow the others (target ≥ 90 %).
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { signSlackRequest } from "@rollgate/core/slack";
import { createCursorCodec, createDynamoClient, ensureTable, type TableContext } from "@rollgate/core/store";
import { createWebhookDispatcher, createWebhookStore } from "@rollgate/core/webhooks";
import type { DomainEvent } from "@rollgate/core/events";
import { startDeliveryLoop } from "../packages/functions/src/local/delivery-loop.js";
import { createLogger } from "../packages/functions/src/logger.js";
import { createRuntime, localOrchestration } from "../packages/functions/src/wiring.js";
import { fmt, percentile, runConcurrent } from "./stats.js";

async function table(endpoint: string): Promise<TableContext> {
  const t = { client: createDynamoClient({ endpoint }), tableName: `bench-slack-${randomUUID().slice(0, 8)}` };
  await ensureTable(t);
  return t;
}

async function listen(handler: (path: string, body: string, res: import("node:http").ServerResponse) => void): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => handler(req.url ?? "/", body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
const close = async (server: Server) => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
};

async function benchSlashCommands(endpoint: string): Promise<string[]> {
  const signingSecret = "bench-signing-secret";
  const answered: number[] = [];
  const { server, base } = await listen((_path, _body, res) => setTimeout(() => (answered.push(performance.now()), res.writeHead(200).end("ok")), 1_000));
  process.env.ROLLGATE_LOG_LEVEL ??= "SILENT";
  const runtime = createRuntime(
    { tableName: "unused", cursorSecret: "bench", slack: { signingSecret, responseUrlPrefixes: [`${base}/hooks/`] } },
    await localOrchestration({ waitScale: 0 }),
    { table: await table(endpoint), logger: createLogger("rollgate-bench") },
  );
  await runtime.services.principals.put("bench", { roles: [] }, "bench");
  await runtime.services.slackLinks!.put("U0BENCH", { subject: "bench", scopes: ["specs:read", "rollback"] }, "bench");
  const send = (i: number) => {
    const body = new URLSearchParams({ command: "/rollgate", text: i % 2 ? "status nothing-here" : "rollback nothing-here production", user_id: "U0BENCH", response_url: `${base}/hooks/${i}`, trigger_id: `bench-${randomUUID()}` }).toString();
    const ts = Math.floor(Date.now() / 1000);
    return runtime.app.request("/slack/commands", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(ts), "x-slack-signature": signSlackRequest(signingSecret, ts, body) },
      body,
    });
  };
  for (let i = 0; i < 20; i++) await send(i); // warm-up
  await runtime.slackJobs.drain();
  const started = performance.now();
  const { latencies } = await runConcurrent(4, 400, async (i) => {
    const res = await send(i);
    if (res.status !== 200) throw new Error(`slash command answered ${res.status}`);
    await res.arrayBuffer();
  });
  await runtime.slackJobs.drain();
  const jobsDone = (Math.max(...answered) - started) / 1000;
  await close(server);
  return [
    "Slack: slash command, received -> answered (400 signed commands, 4 at a time; each one's work then takes > 1 s: response_url answers after 1 s)",
    `  answer  p50 ${fmt(percentile(latencies, 50))} ms   p99 ${fmt(percentile(latencies, 99))} ms   max ${fmt(Math.max(...latencies))} ms   (Slack's limit: 3,000 ms)`,
    `  the background work (identity, use case, response_url) finished ${fmt(jobsDone, 1)} s after the first command`,
  ];
}

async function relayThroughput(endpoint: string, failing: "none" | "500" | "hang", events: number): Promise<{ perSecond: number; seconds: number; callsPerDelivery: number }> {
  const t = await table(endpoint);
  // DynamoDB calls while the events are relayed and delivered: the one figure here the shared machine cannot blur.
  let calls = 0;
  let counting = false;
  t.client.middlewareStack.add((next) => (args) => ((calls += counting ? 1 : 0), next(args)), { step: "initialize", name: "benchCallCounter" });
  const store = createWebhookStore({ table: t, cursors: createCursorCodec("bench") });
  const healthyDelivered = new Set<string>();
  const { server, base } = await listen((path, body, res) => {
    if (path === "/bad" && failing === "hang") return; // never answers: the dispatcher's timeout ends it
    if (path === "/bad" && failing === "500") return res.writeHead(500).end();
    if (path !== "/bad") healthyDelivered.add(`${path}:${JSON.parse(body).id}`);
    res.writeHead(204).end();
  });
  const ids: string[] = [];
  for (const path of ["/a", "/b", "/bad"]) ids.push((await store.create({ url: `${base}${path}`, events: ["deployment.*"], allowPrivateNetwork: true }, "bench")).webhook.id);
  while ((await store.active()).length < 3) await new Promise((r) => setTimeout(r, 20));
  const dispatcher = createWebhookDispatcher({ store, options: { timeoutMs: 2_000 }, onError: () => undefined });
  const loop = startDeliveryLoop(dispatcher, { intervalMs: 20 });
  const started = performance.now();
  counting = true;
  // The relay's part, as the stream handler runs it: one fan-out per event, in order.
  for (let i = 0; i < events; i++) {
    const event: DomainEvent = { id: `dep:${i}`, type: "deployment.step_completed", deploymentId: "dep", specId: "bench", environment: "prod", at: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString(), data: { step: i, kind: "traffic" } };
    await dispatcher.fanOut.publish(event);
  }
  while (healthyDelivered.size < 2 * events) await new Promise((r) => setTimeout(r, 10));
  const seconds = (performance.now() - started) / 1000;
  counting = false;
  await loop.stop();
  await close(server);
  return { perSecond: (2 * events) / seconds, seconds, callsPerDelivery: calls / (2 * events) };
}

export async function benchSlack(endpoint: string): Promise<string[]> {
  const rows = await benchSlashCommands(endpoint);
  const events = 150;
  // Interleaved, best of two per case: the machine is shared and the fan-out's table writes dominate.
  const best = { none: 0, "500": 0, hang: 0 } as Record<"none" | "500" | "hang", number>;
  const took = { ...best };
  const calls = { ...best };
  for (let round = 0; round < 2; round++) {
    for (const kind of ["none", "500", "hang"] as const) {
      const result = await relayThroughput(endpoint, kind, events);
      if (result.perSecond > best[kind]) [best[kind], took[kind], calls[kind]] = [result.perSecond, result.seconds, result.callsPerDelivery];
    }
  }
  const none = { perSecond: best.none, seconds: took.none };
  const failing = { perSecond: best["500"], seconds: took["500"] };
  const hanging = { perSecond: best.hang, seconds: took.hang };
  const ratio = (x: { perSecond: number }) => `${fmt((100 * x.perSecond) / none.perSecond, 0)} %`;
  rows.push(
    "",
    `Relay channels: ${events} events fanned out to 3 webhook channels; events/s delivered to the 2 healthy ones, best of 2 (target ≥ 90 % of "none failing")`,
    `  none failing              ${fmt(none.perSecond, 0)} events/s   (${fmt(none.seconds, 1)} s)`,
    `  one always answers 500    ${fmt(failing.perSecond, 0)} events/s   (${fmt(failing.seconds, 1)} s)   ${ratio(failing)}`,
    `  one hangs (2 s timeout)   ${fmt(hanging.perSecond, 0)} events/s   (${fmt(hanging.seconds, 1)} s)   ${ratio(hanging)}`,
    `  DynamoDB calls per healthy delivery (relay and all channels): none ${fmt(calls.none, 1)}, 500 ${fmt(calls["500"], 1)}, hang ${fmt(calls.hang, 1)}`,
  );
  return rows;
}

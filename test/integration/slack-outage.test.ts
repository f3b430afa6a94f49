import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { keys, marshallItem, unmarshallItem } from "@rollgate/core/store";
import { createTestTable } from "../helpers/table.js";
import { loadTestFixture } from "../helpers/fixtures.js";
import { startSlackStandIn, type SlackStandIn } from "../helpers/slack-standin.js";
import { eventually, startSlackRollgate, type SlackRollgate } from "../helpers/slack-rollgate.js";

/**
 * Slack is one channel among several: while its Web API answers 5xx, webhooks and the log
 * get every event and the rollout runs on; Slack's deliveries wait with their own backoff
 * and catch up when it is back. A 429 is waited out for its Retry-After.
 */
let standIn: SlackStandIn;
let table: Awaited<ReturnType<typeof createTestTable>>;
let rollgate: SlackRollgate;
let receiver: Server;
let receiverUrl: string;
const webhookEvents: string[] = [];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (res: Response): Promise<any> => res.json();

beforeAll(async () => {
  standIn = await startSlackStandIn();
  receiver = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    req.on("end", () => {
      webhookEvents.push(JSON.parse(raw).type as string);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  table = await createTestTable();
  rollgate = await startSlackRollgate(table, { botToken: "xoxb-test", apiUrl: standIn.apiUrl, defaultChannel: "C0REL" });
  const sub = await rollgate.request("/v1/webhooks", { method: "POST", json: { url: receiverUrl, events: ["deployment.*"], allowPrivateNetwork: true } });
  expect(sub.status).toBe(201);
  const id = (await json(sub)).id;
  await eventually(async () => (await rollgate.runtime.services.webhooks!.active()).some((w) => w.id === id), "the subscription in the index");
  for (const n of [1, 2, 3]) {
    const doc = { ...parse(loadTestFixture("canary-service.yaml")), id: "outage-pay", description: `r${n}`, environments: { production: { requires_approval: false } } };
    doc.guardrails.deployment.human_approval_required = [];
    expect((await rollgate.request("/v1/specs", { method: "POST", json: doc })).status).toBe(201);
  }
});
afterAll(async () => {
  await rollgate?.stop();
  await table?.drop();
  await standIn?.close();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
});

async function slackDeliveries(deploymentId: string) {
  const { Items = [] } = await table.client.send(
    new QueryCommand({ TableName: table.tableName, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: marshallItem({ ":pk": keys.webhook(keys.slackDeliveryChannel()).pk }) }),
  );
  return Items.map((i) => unmarshallItem<{ eventId: string; eventType: string; status: string; attempts: number; lastError?: { code: string } }>(i)).filter((d) => d.eventId.startsWith(`${deploymentId}:`));
}

describe("a Slack outage delays only Slack", () => {
  it("while Slack answers 503 the rollout, webhooks and the log go on; the card catches up afterwards", async () => {
    standIn.mode = { kind: "status", status: 503 };
    const res = await rollgate.request("/v1/deployments", { method: "POST", json: { specId: "outage-pay", version: 1, environment: "production" } });
    expect(res.status).toBe(202);
    const id = (await json(res)).id as string;
    let status = "";
    await eventually(async () => ((status = (await json(await rollgate.request(`/v1/deployments/${id}`))).status) === "succeeded" ? true : undefined), "the rollout").catch((e) => { throw new Error(`${e} (status ${status})`); });
    await eventually(() => webhookEvents.includes("dev.rollgate.deployment.succeeded"), "the webhook of the success");
    await eventually(() => rollgate.logged.some((e) => e.type === "deployment.succeeded" && "deploymentId" in e && e.deploymentId === id), "the log of the success");
    // Slack was tried, failed, and waits with its own retry state.
    const waiting = await eventually(async () => { const d = await slackDeliveries(id); return d.some((x) => x.attempts >= 2) ? d : undefined; }, "Slack retries");
    expect(waiting.every((d) => d.status === "pending")).toBe(true);
    expect(waiting.map((d) => d.lastError?.code)).toContain("SLACK_HTTP_503");
    expect(standIn.ok("chat.postMessage")).toEqual([]);

    standIn.mode = { kind: "ok" };
    const card = await eventually(() => standIn.ok("chat.postMessage").find((c) => !c.params.thread_ts && JSON.stringify(c.blocks).includes(id)), "the card after the outage");
    await eventually(async () => ((await slackDeliveries(id)).every((d) => d.status === "delivered") ? true : undefined), "every Slack delivery");
    const shown = JSON.stringify(standIn.ok("chat.update").filter((c) => c.params.ts === card.ts).at(-1)?.blocks ?? card.blocks);
    expect(shown).toContain("succeeded");
    expect(standIn.ok("chat.postMessage").filter((c) => !c.params.thread_ts && JSON.stringify(c.blocks).includes(id))).toHaveLength(1);
    expect(standIn.ok("chat.postMessage").filter((c) => c.params.thread_ts === card.ts).map((c) => c.params.text)).toEqual([expect.stringContaining("succeeded")]);
  });

  it("a 429 is retried after its Retry-After, inside the same delivery", async () => {
    standIn.mode = { kind: "rate_limited", retryAfterSeconds: 1, times: 1 };
    const before = standIn.calls.length;
    const res = await rollgate.request("/v1/deployments", { method: "POST", json: { specId: "outage-pay", version: 2, environment: "production" } });
    const id = (await json(res)).id as string;
    const card = await eventually(() => standIn.ok("chat.postMessage").find((c) => !c.params.thread_ts && JSON.stringify(c.blocks).includes(id)), "the card");
    const limited = standIn.calls.slice(before).find((c) => c.status === 429)!;
    expect(limited).toBeDefined();
    expect(card.at - limited.at).toBeGreaterThanOrEqual(1_000);
    expect(standIn.ok("chat.postMessage").filter((c) => !c.params.thread_ts && JSON.stringify(c.blocks).includes(id))).toHaveLength(1);
  });

  it("Slack posts the card and a reply but its answers are lost: the delivery's retry finds them, no second card, no duplicate reply", async () => {
    const cardPosts = (id: string) => standIn.ok("chat.postMessage").filter((c) => !c.params.thread_ts && JSON.stringify(c.blocks).includes(id));
    // The first post of the card and the first of a thread reply: each reaches Slack, its answer does not.
    const lost = new Set<string>();
    standIn.mode = {
      kind: "lose_answer",
      times: 2,
      match: (call) => {
        const kind = call.params.thread_ts ? "reply" : "card";
        // Only this release's messages (the card and the outcome name it), not a late one of the previous test.
        if (call.method !== "chat.postMessage" || !(call.params.text ?? "").includes("outage-pay v3") || lost.has(kind)) return false;
        lost.add(kind);
        return true;
      },
    };
    // After the previous test's rollout has let go of the environment.
    const res = await eventually(async () => { const r = await rollgate.request("/v1/deployments", { method: "POST", json: { specId: "outage-pay", version: 3, environment: "production" } }); return r.status === 202 ? r : undefined; }, "the deployment of v3");
    const id = (await json(res)).id as string;
    await eventually(async () => ((await json(await rollgate.request(`/v1/deployments/${id}`))).status === "succeeded" ? true : undefined), "the rollout");
    const outcome = () => standIn.messages.filter((m) => m.threadTs && m.metadata?.event_payload.deployment_id === id && m.text.includes("succeeded"));
    await eventually(() => outcome().length > 0, "the outcome reply");
    await eventually(async () => { const d = await slackDeliveries(id); return d.some((x) => x.eventType === "deployment.succeeded") && d.every((x) => x.status === "delivered") ? true : undefined; }, "every Slack delivery");
    expect(standIn.calls.filter((c) => c.answerLost).map((c) => (c.params.thread_ts ? "reply" : "card"))).toEqual(["card", "reply"]);
    const card = cardPosts(id)[0]!;
    expect(cardPosts(id)).toHaveLength(1);
    expect(standIn.messages.filter((m) => m.threadTs === card.ts).map((m) => m.text)).toEqual([expect.stringContaining("succeeded")]);
    standIn.mode = { kind: "ok" };
  });
});

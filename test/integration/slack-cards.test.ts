import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { keys, marshallItem } from "@rollgate/core/store";
import { createTestTable } from "../helpers/table.js";
import { loadTestFixture } from "../helpers/fixtures.js";
import { buttonPayload, slackRequest, startSlackStandIn, type SlackCall, type SlackStandIn } from "../helpers/slack-standin.js";
import { eventually, startSlackRollgate, type SlackRollgate } from "../helpers/slack-rollgate.js";

/**
 * The Slack app end to end: Rollgate (app, local engine, stream relay, delivery loop) on
 * DynamoDB Local, Slack's Web API and response_url played by a stand-in on loopback that
 * records every call. Requests are signed as Slack signs them.
 */
const signingSecret = "slack-signing-secret-for-tests";
const specId = "slack-pay";
let standIn: SlackStandIn;
let table: Awaited<ReturnType<typeof createTestTable>>;
let rollgate: SlackRollgate;
let ciToken: string;
let triggers = 0;

const settings = () => ({ signingSecret, botToken: "xoxb-test-token", apiUrl: standIn.apiUrl, responseUrlPrefixes: [standIn.hooksPrefix], teamId: "T0TEAM" });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (res: Response): Promise<any> => res.json();

/** The card of a deployment: the one top-level message whose blocks name it. */
const cardsOf = (deploymentId: string) => standIn.ok("chat.postMessage").filter((c) => !c.params.thread_ts && JSON.stringify(c.blocks ?? []).includes(deploymentId));
const repliesTo = (card: SlackCall) => standIn.ok("chat.postMessage").filter((c) => c.params.thread_ts === card.ts);
const updatesOf = (card: SlackCall) => standIn.ok("chat.update").filter((c) => c.params.ts === card.ts);
const lastCardText = (card: SlackCall) => JSON.stringify((updatesOf(card).at(-1) ?? card).blocks);

async function command(userId: string, text: string, responseId = `cmd-${++triggers}`) {
  const res = await rollgate.runtime.app.request(
    "/slack/commands",
    slackRequest(signingSecret, { command: "/rollgate", text, user_id: userId, team_id: "T0TEAM", response_url: standIn.responseUrl(responseId), trigger_id: `trig-${responseId}` }),
  );
  return { res, responseId };
}

async function click(userId: string, actionId: string, value: string, id = `click-${++triggers}`, app = rollgate.runtime.app) {
  const res = await app.request(
    "/slack/interactions",
    slackRequest(signingSecret, buttonPayload({ userId, actionId, value, responseUrl: standIn.responseUrl(id), triggerId: `trig-${id}`, actionTs: `1700000000.${triggers}` })),
  );
  return { res, id };
}

/** The data of a deployment's timeline events of one type. */
const eventData = (view: { timeline: { type: string; data: unknown }[] }, type: string) => view.timeline.filter((e) => e.type === type).map((e) => e.data);

const answerTo = (id: string) => eventually(() => standIn.responses.find((r) => r.path === `/hooks/${id}`)?.body, `the response_url answer ${id}`);

async function register(n: number) {
  const doc = {
    ...parse(loadTestFixture("canary-service.yaml")),
    id: specId,
    description: `release ${n}`,
    environments: { production: { requires_approval: true, approvers: ["tech-lead"] } },
  };
  doc.deployment.analysis = { ...doc.deployment.analysis, step_weight: 10, max_weight: 100 };
  expect((await rollgate.request("/v1/specs", { method: "POST", json: doc })).status).toBe(201);
}

async function deploy(version: number) {
  const res = await rollgate.request("/v1/deployments", { method: "POST", token: ciToken, json: { specId, version, environment: "production" } });
  expect(res.status).toBe(202);
  return (await json(res)).id as string;
}

const deployment = async (id: string) => json(await rollgate.request(`/v1/deployments/${id}`));
const waitFor = (id: string, status: string) => eventually(async () => ((await deployment(id)).status === status ? true : undefined), `${id} to be ${status}`);
/** Waits until the card shows `text` (the Slack channel has caught up with the deployment). */
const cardShows = (id: string, text: string) => eventually(() => { const card = cardsOf(id)[0]; return card && lastCardText(card).includes(text) ? card : undefined; }, `the card of ${id} to show ${text}`);

beforeAll(async () => {
  standIn = await startSlackStandIn();
  table = await createTestTable();
  rollgate = await startSlackRollgate(table, settings());
  for (const [subject, roles] of [["tess", ["tech-lead"]], ["ci-bot", []]] as const) {
    expect((await rollgate.request(`/v1/principals/${subject}`, { method: "PUT", json: { roles } })).status).toBe(201);
  }
  ciToken = (await rollgate.runtime.services.tokens.issue({ subject: "ci-bot", scopes: ["deploy", "specs:read"] }, "test")).token;
  expect((await rollgate.request("/v1/slack/users/U0TESS", { method: "PUT", json: { subject: "tess", scopes: ["approve", "rollback", "specs:read"] } })).status).toBe(201);
  expect((await rollgate.request("/v1/slack/users/U0CIBOT", { method: "PUT", json: { subject: "ci-bot", scopes: ["approve", "deploy"] } })).status).toBe(201);
  expect((await rollgate.request("/v1/policy", { method: "PUT", json: { environments: { production: { slackChannel: "C0PROD" } } } })).status).toBe(200);
  for (const n of [1, 2, 3, 4]) await register(n);
  // v1 in production first, approved with the slash command, so later releases have a version to go back to.
  const first = await deploy(1);
  await waitFor(first, "awaiting_approval");
  await eventually(() => (mentionsOf(first), repliesOfType(first, "Approval needed").length > 0), "the approval request of v1");
  const { res, responseId } = await command("U0TESS", `approve ${first} looks fine`);
  expect(res.status).toBe(200);
  expect(await json(res)).toMatchObject({ response_type: "ephemeral" });
  expect((await answerTo(responseId)).text).toContain("recorded as tess");
  await waitFor(first, "succeeded");
  // The slash command's vote is a Slack vote too.
  expect((await deployment(first)).approvals[0].votes).toEqual([expect.objectContaining({ subject: "tess", via: "slack", comment: "looks fine" })]);
});

afterAll(async () => {
  await rollgate?.stop();
  await table?.drop();
  await standIn?.close();
});

function repliesOfType(deploymentId: string, text: string) {
  const card = cardsOf(deploymentId)[0];
  return card ? repliesTo(card).filter((r) => JSON.stringify(r.blocks ?? r.params.text).includes(text)) : [];
}
function mentionsOf(deploymentId: string) {
  return repliesOfType(deploymentId, "Approval needed").map((r) => JSON.stringify(r.blocks));
}

describe("release cards and buttons", () => {
  let v2: string;

  it("a canary to production with an approval: one card, updated in place, a few thread replies; the buttons decide as the linked principal", async () => {
    v2 = await deploy(2);
    const plan = (await deployment(v2)).plan;
    expect(plan.steps.length).toBeGreaterThanOrEqual(10);
    await waitFor(v2, "awaiting_approval");
    const [request] = await eventually(() => { const r = repliesOfType(v2, "Approval needed"); return r.length ? r : undefined; }, "the approval request");
    // The eligible approver is mentioned by their Slack user; the buttons carry the deployment id, no token.
    expect(JSON.stringify(request!.blocks)).toContain("<@U0TESS>");
    const buttons = request!.blocks!.find((b) => b.type === "actions").elements;
    expect(buttons.map((b: { action_id: string; value: string }) => [b.action_id, b.value])).toEqual([["rollgate.approve", v2], ["rollgate.reject", v2]]);

    // The requester's own click: refused, ephemerally; nothing recorded.
    const own = await click("U0CIBOT", "rollgate.approve", v2);
    expect(own.res.status).toBe(200);
    const refusal = await answerTo(own.id);
    expect(refusal).toMatchObject({ response_type: "ephemeral" });
    expect(refusal.text).toContain("SELF_APPROVAL");
    // An unlinked user: refused, told how to get access.
    const stranger = await click("U0STRANGER", "rollgate.approve", v2);
    expect((await answerTo(stranger.id)).text).toContain("PUT /v1/slack/users/U0STRANGER");
    expect((await deployment(v2)).approvals[0].votes).toEqual([]);

    // The linked approver decides the gate, once, even when Slack sends the click twice.
    const yes = await click("U0TESS", "rollgate.approve", v2, "tess-yes");
    expect(yes.res.status).toBe(200);
    expect((await answerTo("tess-yes")).text).toContain("recorded as tess");
    const again = await rollgate.runtime.app.request(
      "/slack/interactions",
      slackRequest(signingSecret, buttonPayload({ userId: "U0TESS", actionId: "rollgate.approve", value: v2, responseUrl: standIn.responseUrl("tess-yes"), triggerId: "trig-tess-yes", actionTs: `1700000000.${triggers}` })),
    );
    expect(again.status).toBe(200);
    await waitFor(v2, "succeeded");
    const view = await deployment(v2);
    // Recorded as a Slack vote, on the gate and on the timeline.
    expect(view.approvals[0].votes).toEqual([expect.objectContaining({ subject: "tess", decision: "approve", via: "slack" })]);
    expect(eventData(view, "deployment.approval_recorded")).toEqual([expect.objectContaining({ subject: "tess", via: "slack" })]);
    expect(eventData(view, "deployment.approval_decided")).toEqual([expect.objectContaining({ decision: "approved", by: "tess", via: "slack" })]);

    const card = await cardShows(v2, "rollgate.rollback");
    await eventually(() => repliesOfType(v2, "succeeded").length === 1, "the outcome reply");
    await rollgate.runtime.slackJobs.drain();
    expect(standIn.responses.filter((r) => r.path === "/hooks/tess-yes")).toHaveLength(1);
    expect(cardsOf(v2)).toHaveLength(1);
    expect(card.params.channel).toBe("C0PROD");
    expect(updatesOf(card).length).toBeGreaterThan(0);
    const final = lastCardText(card);
    for (const field of ["slack-pay v2 → production", "canary", "succeeded", "ci-bot", "tess", "stable 0% / candidate 100%"]) expect(final).toContain(field);
    const replies = repliesTo(card);
    expect(replies.length).toBeLessThanOrEqual(8);
    expect(replies.map((r) => r.params.text)).toEqual([expect.stringContaining("Approval needed"), expect.stringContaining("tess"), expect.stringContaining("succeeded")]);
    for (const call of standIn.calls.filter((c) => c.blocks)) {
      expect(call.blocks!.length).toBeLessThanOrEqual(50);
    }
  });

  it("the reject button decides the gate as the linked principal and the card says so", async () => {
    const v3 = await deploy(3);
    await waitFor(v3, "awaiting_approval");
    await eventually(() => repliesOfType(v3, "Approval needed").length > 0, "the approval request");
    const no = await click("U0TESS", "rollgate.reject", v3);
    expect((await answerTo(no.id)).text).toContain("rejection");
    const done = await eventually(async () => { const d = await deployment(v3); return ["rolled_back", "aborted"].includes(d.status) ? d : undefined; }, "the rejection to finish");
    expect(done.approvals[0]).toMatchObject({ status: "rejected", votes: [expect.objectContaining({ subject: "tess", decision: "reject", via: "slack" })] });
    expect(eventData(done, "deployment.approval_decided")).toEqual([expect.objectContaining({ decision: "rejected", by: "tess", via: "slack" })]);
    await cardShows(v3, "rejected");
    expect(cardsOf(v3)).toHaveLength(1);
  });

  it("/rollgate rollback restores the previous version and says so in the release thread", async () => {
    const before = await json(await rollgate.request(`/v1/specs/${specId}/environments`));
    expect(JSON.stringify(before)).toContain('"currentVersion":2');
    const { res, responseId } = await command("U0TESS", "rollback slack-pay production error rate is up");
    expect(await json(res)).toMatchObject({ response_type: "ephemeral" });
    const answer = await answerTo(responseId);
    expect(answer.text).toContain("back to v1");
    const rollbackId = /deployment `([^`]+)`/.exec(answer.text)![1]!;
    await waitFor(rollbackId, "succeeded");
    const restored = await json(await rollgate.request(`/v1/specs/${specId}/environments`));
    expect(restored.items.find((e: { name: string }) => e.name === "production")).toMatchObject({ currentVersion: 1, previousVersion: 2 });
    const origin = (await deployment(rollbackId)).rollbackOf as string;
    const thread = await eventually(() => { const card = cardsOf(origin)[0]; const r = card ? repliesTo(card) : []; return r.some((m) => (m.params.text ?? "").includes("Rollback done")) ? r : undefined; }, "the rollback in the release thread");
    expect(thread.filter((m) => (m.params.text ?? "").includes("started a rollback")).map((m) => m.params.text)).toEqual([expect.stringContaining("tess started a rollback: restoring v1")]);
  });

  it("a restart mid-rollout and a relay retry add no second card and no duplicate reply", async () => {
    const v4 = await deploy(4);
    await waitFor(v4, "awaiting_approval");
    await eventually(() => repliesOfType(v4, "Approval needed").length > 0, "the approval request");
    await rollgate.stop();
    // A new process over the same table: it resumes the deployment (the gate re-opens).
    rollgate = await startSlackRollgate(table, settings());
    const yes = await click("U0TESS", "rollgate.approve", v4);
    expect((await answerTo(yes.id)).text).toContain("recorded as tess");
    await waitFor(v4, "succeeded");
    const card = await cardShows(v4, "rollgate.rollback");
    await eventually(() => repliesOfType(v4, "succeeded").length === 1, "the outcome reply");
    // A relay retry: the same events handed to the Slack channel again, and a sync on top.
    const { Items = [] } = await table.client.send(new QueryCommand({ TableName: table.tableName, KeyConditionExpression: "pk = :pk AND begins_with(sk, :evt)", ExpressionAttributeValues: marshallItem({ ":pk": keys.deployment(v4).pk, ":evt": "EVT#" }) }));
    const view = await deployment(v4);
    for (const event of view.timeline) await rollgate.runtime.slackChannel!.fanOut.publish(event);
    // The re-published events are deliveries the loop may be attempting right now: a sync that
    // finds the card busy defers (SLACK_CARD_BUSY) and is tried again, as the dispatcher would.
    await eventually(async () => (await rollgate.runtime.slackChannel!.sync(v4)).status === "delivered", "a sync of the card");
    await new Promise((r) => setTimeout(r, 300));
    expect(Items.length).toBe(view.timeline.length);
    expect(cardsOf(v4)).toHaveLength(1);
    const replies = repliesTo(card);
    expect(replies.map((r) => r.params.text)).toEqual([expect.stringContaining("Approval needed"), expect.stringContaining("tess"), expect.stringContaining("succeeded")]);
  });
});

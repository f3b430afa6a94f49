import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCardStore, createSlackChannel, createSlackWebApi, type CardStore, type SlackChannel } from "@rollgate/core/slack";
import type { DomainEvent } from "@rollgate/core/events";
import type { DeploymentView } from "@rollgate/core/rollout";
import { createTestTable } from "../helpers/table.js";
import { startSlackStandIn, type SlackStandIn } from "../helpers/slack-standin.js";
import { eventually } from "../helpers/slack-rollgate.js";

/**
 * A release card and its thread replies are posted once even when the post reaches Slack
 * and its record does not reach the table: the process dies between the two, or Slack's
 * answer is lost on the way back. The Slack channel runs on DynamoDB Local (the real card
 * store) and the real @slack/web-api adapter against the stand-in, which keeps the messages
 * and answers conversations.history / conversations.replies with their metadata.
 */
let standIn: SlackStandIn;
let table: Awaited<ReturnType<typeof createTestTable>>;
let views: Map<string, DeploymentView>;
let n = 0;

const event = (deploymentId: string, seq: number, type: string, data: Record<string, unknown> = {}, actor?: string): DomainEvent =>
  ({ id: `${deploymentId}:${seq}`, type, deploymentId, specId: "pay", environment: "production", at: new Date().toISOString(), data, ...(actor ? { actor } : {}) }) as DomainEvent;

function view(id: string, status: string, timeline: DomainEvent[]): DeploymentView {
  return {
    id, specId: "pay", version: 2, environment: "production", strategy: "canary", purpose: "deploy", status, requestedBy: "ci-bot",
    plan: { steps: Array.from({ length: 4 }, (_, index) => ({ index, kind: "traffic" })) }, currentStep: null, trafficWeights: { stable: 50, candidate: 50 }, stableVersion: 1,
    approvals: [], timeline, pendingCompensations: [],
  } as unknown as DeploymentView;
}

/** One Rollgate process's Slack channel; `cards` may be wrapped to make it die at a chosen write. */
function channel(cards: CardStore = createCardStore(table), leaseMs = 60_000): SlackChannel {
  return createSlackChannel({
    store: { enqueue: async () => undefined } as never,
    cards,
    api: createSlackWebApi({ botToken: "xoxb-test", apiUrl: standIn.apiUrl }),
    deployments: { get: async (id) => views.get(id)! },
    channelFor: async () => "C0PROD",
    slackUsersOf: async () => new Map(),
    leaseMs,
    busyDelayMs: 10,
  });
}

class ProcessDied extends Error {}

/** A card store whose process dies right before `write` (nothing written, no lease released: as a crash leaves it). */
function dyingAt(write: "setPosted" | "addReply"): CardStore {
  const real = createCardStore(table);
  let dead = false;
  return {
    ...real,
    async [write](...args: never[]) {
      dead = true;
      throw new ProcessDied(`died before ${write}`);
      return (real[write] as (...a: never[]) => Promise<void>)(...args);
    },
    async release(id, owner) {
      if (!dead) await real.release(id, owner);
    },
  };
}

const messagesOf = (deploymentId: string) => standIn.messages.filter((m) => m.metadata?.event_payload.deployment_id === deploymentId);
const cardsOf = (deploymentId: string) => messagesOf(deploymentId).filter((m) => !m.threadTs);
/** Retries a sync (as the delivery loop would) until it delivers, e.g. once a dead process's lease ran out. */
const delivered = (slack: SlackChannel, id: string) => eventually(async () => ((await slack.sync(id)).status === "delivered" ? true : undefined), `the card of ${id} to be delivered`);

beforeAll(async () => {
  standIn = await startSlackStandIn();
  table = await createTestTable();
});
afterAll(async () => {
  await table?.drop();
  await standIn?.close();
});
beforeEach(() => {
  views = new Map();
  standIn.mode = { kind: "ok" };
});

describe("a release card is posted once, whatever happens between the post and its record", () => {
  it("the process dies after Slack took the card: the next process finds it by its metadata and posts no second card", async () => {
    const id = `dep-crash-card-${++n}`;
    views.set(id, view(id, "in_progress", [event(id, 1, "deployment.created"), event(id, 2, "deployment.started")]));
    await expect(channel(dyingAt("setPosted"), 300).sync(id)).rejects.toThrow(ProcessDied);
    expect(cardsOf(id)).toHaveLength(1);
    expect(cardsOf(id)[0]!.metadata).toEqual({ event_type: "rollgate_release", event_payload: { deployment_id: id, slot: "card" } });
    const left = await createCardStore(table).get(id);
    expect(left?.ts).toBeUndefined();
    expect(left?.claims).toEqual({ card: expect.any(String) });

    // The restarted process (the dead one's lease runs out first), then the deployment moves on.
    views.set(id, view(id, "succeeded", [...views.get(id)!.timeline, event(id, 3, "deployment.succeeded", { version: 2, previousVersion: 1 })]));
    const next = channel();
    await delivered(next, id);
    expect(cardsOf(id)).toHaveLength(1);
    const card = cardsOf(id)[0]!;
    expect(standIn.ok("conversations.history").some((c) => c.params.channel === "C0PROD" && c.params.include_all_metadata === "true")).toBe(true);
    expect(await createCardStore(table).get(id)).toMatchObject({ ts: card.ts });
    // The found card was updated to what the deployment shows now; the outcome went into its thread, once.
    expect(JSON.stringify(card.blocks)).toContain("succeeded");
    expect(messagesOf(id).filter((m) => m.threadTs === card.ts).map((m) => m.text)).toEqual([expect.stringContaining("succeeded")]);
    // A relay retry on top adds nothing.
    await delivered(next, id);
    expect(messagesOf(id)).toHaveLength(2);
  });

  it("Slack's answer to the card's post is lost: the next attempt finds the card instead of posting another", async () => {
    const id = `dep-lost-card-${++n}`;
    views.set(id, view(id, "in_progress", [event(id, 1, "deployment.created")]));
    standIn.mode = { kind: "lose_answer", times: 1, match: (call) => call.method === "chat.postMessage" && !call.params.thread_ts };
    const slack = channel();
    expect(await slack.sync(id)).toMatchObject({ status: "retry", code: "SLACK_REQUEST_FAILED" });
    expect(cardsOf(id)).toHaveLength(1);
    // The SDK does not retry the post on its own (that alone would post twice).
    expect(standIn.calls.filter((c) => c.method === "chat.postMessage" && c.answerLost)).toHaveLength(1);
    expect(await slack.sync(id)).toEqual({ status: "delivered" });
    expect(cardsOf(id)).toHaveLength(1);
    expect(await createCardStore(table).get(id)).toMatchObject({ ts: cardsOf(id)[0]!.ts });
  });

  it("a thread reply whose record was lost (crash, then a lost answer) is found in the thread, not posted again", async () => {
    const id = `dep-crash-reply-${++n}`;
    const approval = event(id, 2, "deployment.approval_requested", { gate: 0, requiredRoles: [], expiresAt: "2026-12-03T00:00:00Z", links: 0, approvers: [], rolesWithoutApprovers: [] });
    views.set(id, view(id, "awaiting_approval", [event(id, 1, "deployment.created"), approval]));
    await expect(channel(dyingAt("addReply"), 300).sync(id)).rejects.toThrow(ProcessDied);
    const card = cardsOf(id)[0]!;
    const replies = () => messagesOf(id).filter((m) => m.threadTs === card.ts);
    expect(replies().map((m) => m.metadata?.event_payload)).toEqual([{ deployment_id: id, slot: approval.id }]);

    const vote = event(id, 3, "deployment.approval_recorded", { gate: 0, subject: "tess", role: null, decision: "approve", at: new Date().toISOString(), via: "slack" }, "tess");
    views.set(id, view(id, "awaiting_approval", [...views.get(id)!.timeline, vote]));
    // The restarted process's answer to the vote's reply is lost too.
    standIn.mode = { kind: "lose_answer", times: 1, match: (call) => call.method === "chat.postMessage" && call.params.thread_ts === card.ts };
    const next = channel();
    await delivered(next, id);
    expect(cardsOf(id)).toHaveLength(1);
    expect(standIn.ok("conversations.replies").some((c) => c.params.ts === card.ts && c.params.include_all_metadata === "true")).toBe(true);
    expect(replies().map((m) => m.metadata?.event_payload.slot)).toEqual([approval.id, vote.id]);
    expect(replies().filter((m) => m.text.includes("Approval needed"))).toHaveLength(1);
    const stored = await createCardStore(table).get(id);
    expect(stored?.replies).toEqual({ [approval.id]: replies()[0]!.ts, [vote.id]: replies()[1]!.ts });
  });
});

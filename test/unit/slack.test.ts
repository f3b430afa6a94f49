import { describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { mockClient } from "aws-sdk-client-mock";
import { blockKitLimits, createSlackResponder, parseSlackCommand, renderCard, renderThreadReply, signSlackRequest, verifySlackSignature, type SlackJob } from "@rollgate/core/slack";
import type { DeploymentView } from "@rollgate/core/rollout";
import type { DomainEvent } from "@rollgate/core/events";
import { createSlackSelfInvoke, isSlackJobEvent } from "../../packages/functions/src/slack-jobs.js";

// The root holds SST's older client-lambda; the mock matches by class, so load the copy functions resolves (loosely typed: the copies' types do not unify).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const { InvokeCommand, LambdaClient }: any = createRequire(new URL("../../packages/functions/package.json", import.meta.url))("@aws-sdk/client-lambda");

const secret = "s3cret";
const body = new TextEncoder().encode("token=x&text=status%20pay");

describe("Slack request signature v0", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const ts = Math.floor(now.getTime() / 1000);
  const verify = (signature: string | undefined, timestamp = String(ts), raw = body) => verifySlackSignature({ signingSecret: secret, timestamp, signature, rawBody: raw, now });
  it("accepts Slack's signature within 300 s either way, and nothing else", () => {
    expect(verify(signSlackRequest(secret, ts, body))).toEqual({ ok: true });
    expect(verify(signSlackRequest(secret, ts - 300, body), String(ts - 300))).toEqual({ ok: true });
    expect(verify(signSlackRequest(secret, ts + 300, body), String(ts + 300))).toEqual({ ok: true });
    expect(verify(signSlackRequest(secret, ts - 301, body), String(ts - 301))).toEqual({ ok: false, reason: "stale" });
    expect(verify(signSlackRequest(secret, ts + 301, body), String(ts + 301))).toEqual({ ok: false, reason: "stale" });
    expect(verify(signSlackRequest("other", ts, body))).toEqual({ ok: false, reason: "mismatch" });
    expect(verify(signSlackRequest(secret, ts, body), String(ts), new TextEncoder().encode("token=x&text=status%20paY"))).toEqual({ ok: false, reason: "mismatch" });
    expect(verify(undefined)).toEqual({ ok: false, reason: "missing" });
    expect(verify("v1=abc")).toEqual({ ok: false, reason: "missing" });
  });
});

describe("/rollgate text", () => {
  it("parses the five commands and answers anything else with help", () => {
    expect(parseSlackCommand("status pay")).toEqual({ kind: "status", specId: "pay" });
    expect(parseSlackCommand("  STATUS pay prod ")).toEqual({ kind: "status", specId: "pay", environment: "prod" });
    expect(parseSlackCommand("rollback pay prod error rate up")).toEqual({ kind: "rollback", specId: "pay", environment: "prod", reason: "error rate up" });
    expect(parseSlackCommand("approve dep-1 ship it")).toEqual({ kind: "approve", deploymentId: "dep-1", comment: "ship it" });
    expect(parseSlackCommand("reject dep-1")).toEqual({ kind: "reject", deploymentId: "dep-1" });
    expect(parseSlackCommand("help")).toEqual({ kind: "help" });
    expect(parseSlackCommand("")).toEqual({ kind: "help" });
    expect(parseSlackCommand("rollback pay")).toMatchObject({ kind: "help", unknown: "rollback pay" });
    expect(parseSlackCommand("status <!channel>")).toMatchObject({ kind: "help" });
  });
});

describe("release cards keep within Block Kit's limits", () => {
  it("at most 50 blocks and 3,000 characters per text, whatever the deployment holds", () => {
    const gate = (n: number) => ({ gate: n, step: n, requiredRoles: ["tech-lead"], openedAt: "", expiresAt: "", status: "approved" as const, approvedRoles: ["tech-lead"], votes: Array.from({ length: 40 }, (_, i) => ({ subject: `approver-${i}-${"x".repeat(80)}`, role: "tech-lead", decision: "approve" as const, at: "", via: "api" as const })), links: 1 });
    const view = {
      id: "dep-1", specId: "pay", version: 2, environment: "production", strategy: "canary", purpose: "deploy", status: "succeeded", requestedBy: "ci", reason: "r".repeat(5_000),
      plan: { steps: Array.from({ length: 12 }, (_, index) => ({ index, kind: "traffic" })) }, currentStep: null, trafficWeights: { stable: 0, candidate: 100 }, stableVersion: 1,
      approvals: Array.from({ length: 80 }, (_, i) => gate(i)), failure: { code: "X", message: "m".repeat(4_000) }, timeline: [], pendingCompensations: [],
    } as unknown as DeploymentView;
    const card = renderCard(view);
    expect(card.blocks.length).toBeLessThanOrEqual(blockKitLimits.blocks);
    const texts: string[] = [];
    JSON.stringify(card.blocks, (key, value) => (key === "text" && typeof value === "string" && texts.push(value), value));
    expect(texts.length).toBeGreaterThan(3);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(blockKitLimits.text);
    expect(JSON.stringify(card.blocks)).toContain('"action_id":"rollgate.rollback","text":{"type":"plain_text","text":"Roll back to v1"},"value":"dep-1"');
  });
});

describe("response_url", () => {
  it("is only answered on Slack's hooks host (or the configured prefixes)", () => {
    const slack = createSlackResponder();
    expect(slack.allowed("https://hooks.slack.com/commands/T0/1/abc")).toBe(true);
    for (const url of ["http://hooks.slack.com/x", "https://hooks.slack.com.evil.example/x", "https://evil.example/https://hooks.slack.com/", "https://user:pw@hooks.slack.com/x", "not a url"]) {
      expect(slack.allowed(url), url).toBe(false);
    }
    expect(createSlackResponder({ allowedPrefixes: ["http://127.0.0.1:9/hooks/"] }).allowed("http://127.0.0.1:9/hooks/a")).toBe(true);
  });
});

describe("AWS: Slack work continues in an async invoke of the API function", () => {
  const job: SlackJob = { kind: "button", input: { actionId: "rollgate.approve", value: "dep-1", userId: "U1", responseUrl: "https://hooks.slack.com/a" } };
  it("invokes itself with InvocationType Event and the job, and the handler recognises the event", async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const lambda: any = mockClient(LambdaClient);
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    await createSlackSelfInvoke({ client: new LambdaClient({ region: "us-east-1" }), functionName: "dev-rollgate-ApiHandler" })(job);
    const [call] = lambda.commandCalls(InvokeCommand);
    expect(call!.args[0].input).toMatchObject({ FunctionName: "dev-rollgate-ApiHandler", InvocationType: "Event" });
    const event = JSON.parse(new TextDecoder().decode(call!.args[0].input.Payload as Uint8Array));
    expect(isSlackJobEvent(event)).toBe(true);
    expect(event.rollgateSlackJob).toEqual(job);
    expect(isSlackJobEvent({ version: "2.0", rawPath: "/slack/commands" })).toBe(false);
    lambda.on(InvokeCommand).resolves({ StatusCode: 500 });
    await expect(createSlackSelfInvoke({ client: new LambdaClient({ region: "us-east-1" }), functionName: "f" })(job)).rejects.toThrow("500");
    lambda.restore();
  });
});

describe("every Slack message keeps within Block Kit's limits, however long the deployment's strings", () => {
  const huge = (c: string) => c.repeat(10_000);
  /** Slack's limits: 50 blocks; 3,000 per text (2,000 per section field); 2,000 per button value; 75 per button label; 255 per block_id. */
  function limitsBroken(message: { text: string; blocks: Record<string, unknown>[] }): string[] {
    const broken: string[] = [];
    if (message.text.length > blockKitLimits.text) broken.push(`text ${message.text.length}`);
    if (message.blocks.length > blockKitLimits.blocks) broken.push(`${message.blocks.length} blocks`);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const walk = (node: any, path: string) => {
      if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${path}[${i}]`));
      if (!node || typeof node !== "object") return;
      if (typeof node.block_id === "string" && node.block_id.length > 255) broken.push(`${path}.block_id`);
      if (node.type === "button") {
        if (node.value.length > blockKitLimits.buttonValue) broken.push(`${path}.value ${node.value.length}`);
        if (node.text.text.length > 75) broken.push(`${path} label ${node.text.text.length}`);
      }
      for (const field of node.fields ?? []) if (field.text.length > blockKitLimits.fieldText) broken.push(`${path} field ${field.text.length}`);
      if (typeof node.text === "string" && node.text.length > blockKitLimits.text) broken.push(`${path}.text ${node.text.length}`);
      for (const [key, value] of Object.entries(node)) walk(value, `${path}.${key}`);
    };
    walk(message.blocks, "blocks");
    return broken;
  }
  const subject = huge("s");
  const vote = { subject, role: huge("r"), decision: "reject" as const, at: "", via: "slack" as const, comment: huge("c") };
  const view = {
    id: huge("d").slice(0, 3_000), specId: huge("p"), version: 2, environment: huge("e"), strategy: huge("t"), purpose: "deploy", status: "succeeded", requestedBy: subject,
    reason: huge("why "), rollbackOf: huge("o"), plan: { steps: [{ index: 0, kind: huge("k") }] }, currentStep: { index: 0, kind: huge("k") }, trafficWeights: { stable: 0, candidate: 100 }, stableVersion: 1,
    approvals: [{ gate: 0, step: 0, requiredRoles: [huge("role ")], openedAt: "", expiresAt: "", status: "rejected", approvedRoles: [], votes: Array.from({ length: 30 }, () => vote), links: 0 }],
    failure: { code: huge("C"), message: huge("m") }, timeline: [], pendingCompensations: [],
  } as unknown as DeploymentView;
  const event = (type: string, data: Record<string, unknown>) => ({ id: "e:1", type, deploymentId: "d", specId: "p", environment: "e", at: "", actor: subject, data }) as DomainEvent;
  const replies: [string, Record<string, unknown>][] = [
    ["deployment.approval_requested", { gate: 0, requiredRoles: [huge("role ")], expiresAt: huge("x"), links: 1, approvers: Array.from({ length: 200 }, () => ({ subject, roles: [huge("r")] })), rolesWithoutApprovers: [huge("n")] }],
    ["deployment.approval_recorded", { gate: 0, ...vote }],
    ["deployment.rollback_started", { failure: { code: huge("C"), message: huge("m"), step: 3 } }],
    ["deployment.succeeded", { version: 2, previousVersion: 1 }],
    ["deployment.rolled_back", {}],
    ["deployment.aborted", {}],
    ["deployment.rollback_failed", { rollbackError: huge("err "), pendingCompensations: [], lockHeld: true }],
  ];

  it("the card", () => {
    expect(limitsBroken(renderCard(view))).toEqual([]);
    expect(limitsBroken(renderCard({ ...view, status: "in_progress" }))).toEqual([]);
  });
  it.each(replies)("the thread reply to %s", (type, data) => {
    const mentions = new Map([[subject, Array.from({ length: 50 }, (_, i) => `U0${i}`)]]);
    const reply = renderThreadReply(event(type, data), view, mentions);
    expect(reply).toBeDefined();
    expect(limitsBroken(reply!)).toEqual([]);
  });
});

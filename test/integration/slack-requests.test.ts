import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueryCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { handle } from "hono/aws-lambda";
import type { Context } from "aws-lambda";
import { unmarshallItem } from "@rollgate/core/store";
import { createTestTable } from "../helpers/table.js";
import { slackRequest, startSlackStandIn, type SlackStandIn } from "../helpers/slack-standin.js";
import { eventually, startSlackRollgate, type SlackRollgate } from "../helpers/slack-rollgate.js";

/**
 * What /slack/* accepts before it acts: Slack's signature over the raw bytes (also when API
 * Gateway hands the body over base64), a timestamp within 300 s, one action per trigger,
 * this workspace, a response_url Rollgate may answer to. Refusals change nothing.
 */
const signingSecret = "another-signing-secret";
let standIn: SlackStandIn;
let table: Awaited<ReturnType<typeof createTestTable>>;
let rollgate: SlackRollgate;
let n = 0;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (res: Response): Promise<any> => res.json();

const fields = (text: string, extra: Record<string, string> = {}) => {
  const id = `r${++n}`;
  return { command: "/deploybot", text, user_id: "U0TESS", team_id: "T0TEAM", response_url: standIn.responseUrl(id), trigger_id: `trigger-${id}`, ...extra };
};
const post = (path: string, init: RequestInit) => rollgate.runtime.app.request(path, init);

/** Items of the Slack request log (trigger ids seen). */
async function seenRequests(): Promise<string[]> {
  const { Items = [] } = await table.client.send(new ScanCommand({ TableName: table.tableName }));
  return Items.map((i) => unmarshallItem<{ pk: string }>(i).pk).filter((pk) => pk.startsWith("SLACKREQ#"));
}

beforeAll(async () => {
  standIn = await startSlackStandIn();
  table = await createTestTable();
  rollgate = await startSlackRollgate(table, { signingSecret, teamId: "T0TEAM", responseUrlPrefixes: [standIn.hooksPrefix] });
  expect((await rollgate.request("/v1/principals/tess", { method: "PUT", json: { roles: ["tech-lead"] } })).status).toBe(201);
  expect((await rollgate.request("/v1/principals/ops", { method: "PUT", json: { roles: [] } })).status).toBe(201);
  expect((await rollgate.request("/v1/slack/users/U0TESS", { method: "PUT", json: { subject: "tess", scopes: ["rollback"] } })).status).toBe(201);
});
afterAll(async () => {
  await rollgate?.stop();
  await table?.drop();
  await standIn?.close();
});

describe("POST /slack/* verifies before it parses, and a refusal changes nothing", () => {
  it("a forged signature, a timestamp 301 s old or ahead, a body changed after signing, no headers: 401, nothing recorded or sent", async () => {
    const now = Math.floor(Date.now() / 1000);
    const attempts = [
      slackRequest("not-the-secret", fields("rollback pay production")),
      slackRequest(signingSecret, fields("rollback pay production"), { timestamp: now - 301 }),
      slackRequest(signingSecret, fields("rollback pay production"), { timestamp: now + 301 }),
      slackRequest(signingSecret, fields("status pay"), { tamper: (body) => body.replace("status", "rollback") }),
      slackRequest(signingSecret, fields("rollback pay production"), { signature: "v0=" + "0".repeat(64) }),
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields("help")).toString() },
    ];
    for (const [i, init] of attempts.entries()) {
      for (const path of ["/slack/commands", "/slack/interactions"]) {
        const res = await post(path, init);
        expect(res.status, `attempt ${i} on ${path}`).toBe(401);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        expect((await json(res)).code).toBe("SLACK_SIGNATURE_INVALID");
      }
    }
    await rollgate.runtime.slackJobs.drain();
    expect(await seenRequests()).toEqual([]);
    expect(standIn.responses).toEqual([]);
    expect(standIn.calls).toEqual([]);
  });

  it("a timestamp exactly 300 s away is still accepted; ssl_check is answered", async () => {
    const old = await post("/slack/commands", slackRequest(signingSecret, fields("help"), { timestamp: Math.floor(Date.now() / 1000) - 299 }));
    expect(old.status).toBe(200);
    expect((await json(old)).text).toContain("/deploybot status <spec> [env]");
    const ssl = await post("/slack/commands", slackRequest(signingSecret, { ssl_check: "1", token: "legacy" }));
    expect(ssl.status).toBe(200);
  });

  it("verifies the raw bytes API Gateway hands over base64-encoded", async () => {
    const init = slackRequest(signingSecret, fields("help"));
    const event = {
      version: "2.0",
      routeKey: "$default",
      rawPath: "/slack/commands",
      rawQueryString: "",
      headers: { ...init.headers, host: "api.example" },
      requestContext: { http: { method: "POST", path: "/slack/commands", sourceIp: "127.0.0.1", protocol: "HTTP/1.1", userAgent: "Slackbot" }, requestId: "r", stage: "$default", domainName: "api.example", timeEpoch: Date.now() },
      body: Buffer.from(init.body).toString("base64"),
      isBase64Encoded: true,
    } as unknown as Parameters<ReturnType<typeof handle>>[0];
    const lambda = handle(rollgate.runtime.app);
    const answer = (await lambda(event, {} as Context)) as { statusCode: number; body: string };
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ response_type: "ephemeral" });
    const tampered = { ...(event as object), body: Buffer.from(init.body.replace("help", "hel")).toString("base64") } as typeof event;
    expect(((await lambda(tampered, {} as Context)) as { statusCode: number }).statusCode).toBe(401);
  });
});

describe("commands", () => {
  it("unknown input answers help, ephemerally", async () => {
    for (const text of ["", "deploy everything", "rollback onlyone", "status a b c"]) {
      const res = await post("/slack/commands", slackRequest(signingSecret, fields(text)));
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body.response_type).toBe("ephemeral");
      expect(body.text).toContain("/deploybot rollback <spec> <env> [reason…]");
    }
  });

  it("a linked user lacking the scope and an unlinked user are refused with how to get access; a repeated trigger acts once", async () => {
    const noScope = fields("status pay");
    expect((await post("/slack/commands", slackRequest(signingSecret, noScope))).status).toBe(200);
    const unlinked = fields("rollback pay production", { user_id: "U0NOBODY" });
    expect((await post("/slack/commands", slackRequest(signingSecret, unlinked))).status).toBe(200);
    // Slack retries when it thinks we were slow: the same trigger_id, acted on once.
    const repeat = await post("/slack/commands", slackRequest(signingSecret, unlinked));
    expect(repeat.status).toBe(200);
    expect(await repeat.text()).toBe("");
    const scopeAnswer = await eventually(() => standIn.responses.find((r) => r.path === new URL(noScope.response_url).pathname)?.body, "the refusal");
    expect(scopeAnswer).toMatchObject({ response_type: "ephemeral" });
    expect(scopeAnswer.text).toContain("lacks the `specs:read` scope");
    const unlinkedAnswer = await eventually(() => standIn.responses.find((r) => r.path === new URL(unlinked.response_url).pathname)?.body, "the refusal");
    expect(unlinkedAnswer.text).toContain("PUT /v1/slack/users/U0NOBODY");
    await rollgate.runtime.slackJobs.drain();
    expect(standIn.responses.filter((r) => r.path === new URL(unlinked.response_url).pathname)).toHaveLength(1);
    expect((await json(await rollgate.request("/v1/deployments"))).items).toEqual([]);
  });

  it("never answers to a response_url outside the allowed prefix, and serves only its own workspace", async () => {
    const forged = fields("rollback pay production", { response_url: "http://127.0.0.1:1/steal" });
    const res = await post("/slack/commands", slackRequest(signingSecret, forged));
    expect((await json(res)).text).toContain("nothing was done");
    const other = await post("/slack/commands", slackRequest(signingSecret, fields("rollback pay production", { team_id: "T0OTHER" })));
    expect((await json(other)).text).toContain("another Slack workspace");
    await rollgate.runtime.slackJobs.drain();
    expect(standIn.responses.map((r) => r.path)).not.toContain("/steal");
  });
});

describe("PUT/GET/DELETE /v1/slack/users/{slackUserId}", () => {
  it("links a Slack user to an existing principal with Slack scopes only", async () => {
    const unknown = await rollgate.request("/v1/slack/users/U0GHOST", { method: "PUT", json: { subject: "ghost", scopes: ["approve"] } });
    expect(unknown.status).toBe(422);
    expect((await json(unknown)).errors).toEqual([expect.objectContaining({ path: "subject" })]);
    const admin = await rollgate.request("/v1/slack/users/U0OPS", { method: "PUT", json: { subject: "ops", scopes: ["admin"] } });
    expect(admin.status).toBe(422);
    expect(JSON.stringify(await json(admin))).toContain("scopes");
    expect((await rollgate.request("/v1/slack/users/not-an-id", { method: "GET" })).status).toBe(400);
    const put = await rollgate.request("/v1/slack/users/U0OPS", { method: "PUT", json: { subject: "ops", scopes: ["specs:read", "approve"] } });
    expect(put.status).toBe(201);
    expect(await json(await rollgate.request("/v1/slack/users/U0OPS"))).toMatchObject({ slackUserId: "U0OPS", subject: "ops", scopes: ["specs:read", "approve"], updatedBy: "admin" });
    expect((await rollgate.request("/v1/slack/users/U0OPS", { method: "PUT", json: { subject: "ops", scopes: ["approve"] } })).status).toBe(200);
    expect((await rollgate.request("/v1/slack/users/U0OPS", { method: "DELETE" })).status).toBe(204);
    expect((await rollgate.request("/v1/slack/users/U0OPS")).status).toBe(404);
    const { Items = [] } = await table.client.send(new QueryCommand({ TableName: table.tableName, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": { S: "SLACKUSER#U0OPS" } } }));
    expect(Items).toEqual([]);
  });

  it("without a signing secret /slack/* is a 404", async () => {
    const bare = await startSlackRollgate(table, {});
    try {
      const res = await bare.runtime.app.request("/slack/commands", slackRequest(signingSecret, fields("help")));
      expect(res.status).toBe(404);
      expect((await bare.runtime.app.request("/slack/interactions", { method: "POST", body: "" })).status).toBe(404);
    } finally {
      await bare.stop();
    }
  });
});

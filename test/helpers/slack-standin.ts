import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { signSlackRequest } from "@rollgate/core/slack";

/**
 * A Slack Web API stand-in on loopback: records every call (method, form params, with
 * `blocks` parsed), answers `chat.postMessage` with a fresh `ts`, and can be told to answer
 * 429 with Retry-After, 5xx, or to hang for a while. `/hooks/*` stands in for response_url.
 */
export interface SlackCall {
  method: string;
  params: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  blocks?: any[];
  /** The answer: 200, 429, 500… */
  status: number;
  at: number;
  ts?: string;
}

export interface ResponseUrlPost {
  path: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export type SlackMode = { kind: "ok" } | { kind: "status"; status: number } | { kind: "rate_limited"; retryAfterSeconds: number; times: number } | { kind: "slow"; ms: number };

export interface SlackStandIn {
  base: string;
  apiUrl: string;
  hooksPrefix: string;
  calls: SlackCall[];
  responses: ResponseUrlPost[];
  mode: SlackMode;
  responseUrl(id: string): string;
  /** Successful calls of one method. */
  ok(method: string): SlackCall[];
  close(): Promise<void>;
}

export async function startSlackStandIn(): Promise<SlackStandIn> {
  let counter = 0;
  const standIn = { calls: [] as SlackCall[], responses: [] as ResponseUrlPost[], mode: { kind: "ok" } as SlackMode };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const path = req.url ?? "/";
      if (path.startsWith("/hooks/")) {
        standIn.responses.push({ path, body: raw ? JSON.parse(raw) : undefined });
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
        return;
      }
      const method = path.replace(/^\/api\//, "");
      const params = Object.fromEntries(new URLSearchParams(raw));
      const call: SlackCall = { method, params, status: 200, at: Date.now(), ...(params.blocks ? { blocks: JSON.parse(params.blocks) } : {}) };
      standIn.calls.push(call);
      const mode = standIn.mode;
      if (mode.kind === "status") {
        call.status = mode.status;
        res.writeHead(mode.status, { "content-type": "text/plain" }).end("slack is down");
        return;
      }
      if (mode.kind === "rate_limited" && mode.times > 0) {
        mode.times--;
        call.status = 429;
        res.writeHead(429, { "retry-after": String(mode.retryAfterSeconds), "content-type": "application/json" }).end(JSON.stringify({ ok: false, error: "ratelimited" }));
        return;
      }
      const answer = () => {
        const ts = method === "chat.postMessage" ? `1700000000.${String(++counter).padStart(6, "0")}` : params.ts;
        call.ts = ts;
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, channel: params.channel, ts }));
      };
      if (mode.kind === "slow") setTimeout(answer, mode.ms);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(standIn, {
    base,
    apiUrl: `${base}/api/`,
    hooksPrefix: `${base}/hooks/`,
    responseUrl: (id: string) => `${base}/hooks/${id}`,
    ok: (method: string) => standIn.calls.filter((c) => c.method === method && c.status === 200),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  });
}

/** A request as Slack sends it: form-encoded, signed (v0) at `timestamp` (default now). */
export function slackRequest(signingSecret: string, fields: Record<string, string>, options: { timestamp?: number; tamper?: (body: string) => string; signature?: string } = {}) {
  const body = new URLSearchParams(fields).toString();
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.signature ?? signSlackRequest(signingSecret, timestamp, body);
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature },
    body: options.tamper ? options.tamper(body) : body,
  };
}

/** A block_actions payload for a button. */
export function buttonPayload(input: { userId: string; actionId: string; value: string; responseUrl: string; triggerId: string; actionTs: string; teamId?: string }) {
  return {
    payload: JSON.stringify({
      type: "block_actions",
      user: { id: input.userId, team_id: input.teamId ?? "T0TEAM" },
      team: { id: input.teamId ?? "T0TEAM" },
      trigger_id: input.triggerId,
      response_url: input.responseUrl,
      actions: [{ action_id: input.actionId, value: input.value, action_ts: input.actionTs, type: "button" }],
    }),
  };
}

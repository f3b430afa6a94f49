import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { signSlackRequest } from "@rollgate/core/slack";

/**
 * A Slack Web API stand-in on loopback: records every call (method, form params, with
 * `blocks` parsed), keeps the messages posted (with their metadata; `chat.update` edits
 * them), answers `chat.postMessage` with a fresh `ts` (from its clock, as Slack's are),
 * `conversations.history` and `conversations.replies` (newest first / thread order, `oldest`,
 * `limit`, `cursor`, metadata only with `include_all_metadata`), and can be told to answer
 * 429 with Retry-After, 5xx, to hang for a while, or to act and then lose the answer (the
 * caller sees a dropped connection). `/hooks/*` stands in for response_url.
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
  /** The call took effect but its answer was dropped (mode lose_answer). */
  answerLost?: boolean;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  broadcast: boolean;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  blocks?: any[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface ResponseUrlPost {
  path: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export type SlackMode =
  | { kind: "ok" }
  | { kind: "status"; status: number }
  | { kind: "rate_limited"; retryAfterSeconds: number; times: number }
  | { kind: "slow"; ms: number }
  /** The next `times` calls that `match` take effect (a post is kept), then the connection is dropped without an answer. */
  | { kind: "lose_answer"; match: (call: SlackCall) => boolean; times: number };

export interface SlackStandIn {
  base: string;
  apiUrl: string;
  hooksPrefix: string;
  calls: SlackCall[];
  /** Every message posted, in order, as Slack keeps it. */
  messages: StoredMessage[];
  responses: ResponseUrlPost[];
  mode: SlackMode;
  responseUrl(id: string): string;
  /** Successful calls of one method. */
  ok(method: string): SlackCall[];
  close(): Promise<void>;
}

export async function startSlackStandIn(): Promise<SlackStandIn> {
  let lastMicros = 0;
  /** Slack's `ts`: seconds.microseconds of its clock, unique per message. */
  const nextTs = () => {
    lastMicros = Math.max(lastMicros + 1, Date.now() * 1_000);
    return `${Math.floor(lastMicros / 1e6)}.${String(lastMicros % 1e6).padStart(6, "0")}`;
  };
  const standIn = { calls: [] as SlackCall[], messages: [] as StoredMessage[], responses: [] as ResponseUrlPost[], mode: { kind: "ok" } as SlackMode };
  const shown = (m: StoredMessage, withMetadata: boolean) => ({
    type: "message",
    ts: m.ts,
    text: m.text,
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
  });
  /** A page of `list` (already in answer order) after `oldest`, from `cursor` (an offset). */
  const page = (list: StoredMessage[], params: Record<string, string>) => {
    const oldest = Number(params.oldest ?? 0);
    const after = list.filter((m) => Number(m.ts) > oldest || (params.inclusive === "true" && Number(m.ts) === oldest));
    const from = Number(params.cursor ?? 0);
    const limit = Number(params.limit ?? 100);
    const slice = after.slice(from, from + limit);
    const more = from + limit < after.length;
    return { ok: true, messages: slice.map((m) => shown(m, params.include_all_metadata === "true")), has_more: more, response_metadata: { next_cursor: more ? String(from + limit) : "" } };
  };
  /** What a call does and answers (the message store changes here). */
  const act = (method: string, params: Record<string, string>, call: SlackCall): Record<string, unknown> => {
    switch (method) {
      case "chat.postMessage": {
        const message: StoredMessage = {
          channel: params.channel!,
          ts: nextTs(),
          ...(params.thread_ts ? { threadTs: params.thread_ts } : {}),
          broadcast: params.reply_broadcast === "true",
          text: params.text ?? "",
          ...(call.blocks ? { blocks: call.blocks } : {}),
          ...(params.metadata ? { metadata: JSON.parse(params.metadata) } : {}),
        };
        standIn.messages.push(message);
        call.ts = message.ts;
        return { ok: true, channel: message.channel, ts: message.ts, message: shown(message, false) };
      }
      case "chat.update": {
        const message = standIn.messages.find((m) => m.channel === params.channel && m.ts === params.ts);
        if (message) Object.assign(message, { text: params.text ?? message.text, ...(call.blocks ? { blocks: call.blocks } : {}) });
        call.ts = params.ts;
        return { ok: true, channel: params.channel, ts: params.ts };
      }
      case "conversations.history": {
        const top = standIn.messages.filter((m) => m.channel === params.channel && (!m.threadTs || m.broadcast));
        return page([...top].reverse(), params);
      }
      case "conversations.replies": {
        const thread = standIn.messages.filter((m) => m.channel === params.channel && (m.ts === params.ts || m.threadTs === params.ts));
        if (!thread.some((m) => m.ts === params.ts)) return { ok: false, error: "thread_not_found" };
        return page(thread, params);
      }
      default:
        call.ts = params.ts;
        return { ok: true, channel: params.channel, ts: params.ts };
    }
  };
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
      if (mode.kind === "lose_answer" && mode.times > 0 && mode.match(call)) {
        mode.times--;
        act(method, params, call);
        call.answerLost = true;
        res.socket?.destroy();
        return;
      }
      const answer = () => {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(act(method, params, call)));
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

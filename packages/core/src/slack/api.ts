import { ErrorCode, LogLevel, WebClient, type Logger as SlackLogger } from "@slack/web-api";
import { SlackApiError } from "./errors.js";

/** A Block Kit block; the renderer (cards.ts) keeps within Slack's limits. */
export type Block = Record<string, unknown>;

export interface SlackMessage {
  channel: string;
  /** The notification text (and what clients without blocks show). */
  text: string;
  blocks?: Block[];
  threadTs?: string;
  /** A thread reply also shown in the channel. */
  broadcast?: boolean;
  /** Slack message metadata (invisible to people): what lets a retry find a message whose post it could not record. */
  metadata?: MessageTag;
}

/** Message metadata as Slack stores it: `event_type` and a flat `event_payload` of strings. */
export interface MessageTag {
  eventType: string;
  payload: Record<string, string>;
}

/** Where to look for a message already posted: a channel's history, or one thread's replies. */
export interface MessageSearch {
  channel: string;
  /** The parent's `ts`: search this thread (conversations.replies); absent: the channel (conversations.history). */
  threadTs?: string;
  /** Slack `ts` (seconds, as a string): only messages after it. */
  oldest: string;
  /** The metadata the message carries: its `event_type` and these payload fields, exactly. */
  tag: MessageTag;
}

/** The Web API calls Rollgate makes (the port; the adapter below is `@slack/web-api`). */
export interface SlackApi {
  /**
   * Posts once: a post is never retried in-process after Slack may have received it (a 5xx,
   * a timeout, a dropped connection), since that could post twice; only a 429 (nothing was
   * posted) is retried after its Retry-After.
   */
  postMessage(message: SlackMessage): Promise<{ channel: string; ts: string }>;
  updateMessage(message: { channel: string; ts: string; text: string; blocks: Block[] }): Promise<void>;
  /** The `ts` of the newest message matching the search, if any (needs the `channels:history` / `groups:history` scopes). */
  findMessage(search: MessageSearch): Promise<string | undefined>;
}

export interface SlackApiOptions {
  botToken: string;
  /** Default https://slack.com/api/ (ROLLGATE_SLACK_API_URL). */
  apiUrl?: string;
  teamId?: string;
  /** Per HTTP request. Default 5,000. */
  timeoutMs?: number;
  /** Retries inside one delivery attempt (5xx, network, 429 after its Retry-After; a post only after a 429). Default 2. */
  retries?: number;
  /** The longest Retry-After a post waits out in-process; a longer one fails the attempt (`rate_limited`). Default 30 s. */
  maxRetryAfterMs?: number;
  /** Pages of history a search reads at most (200 messages each). Default 10. */
  searchPages?: number;
}

const quietLogger: SlackLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

/** Slack's answer as a stable code: its own `error` field, `http_503`, `rate_limited`, `request_failed`. */
function slackErrorCode(error: unknown): string {
  const e = error as { code?: string; data?: { error?: string }; statusCode?: number };
  switch (e.code) {
    case ErrorCode.PlatformError:
      return e.data?.error ?? "platform_error";
    case ErrorCode.HTTPError:
      return `http_${e.statusCode ?? "error"}`;
    case ErrorCode.RateLimitedError:
      return "rate_limited";
    case ErrorCode.RequestError:
      return "request_failed";
    default:
      return "request_failed";
  }
}

/**
 * The adapter: one WebClient per process. It honours `Retry-After` on 429 (waits, then
 * retries) and retries 5xx and network errors a few times with a short backoff; whatever
 * is still failing after that is a SlackApiError, which the delivery channel turns into a
 * retry with the delivery machinery's own backoff and dead letter.
 */
export function createSlackWebApi(options: SlackApiOptions): SlackApi {
  const retries = options.retries ?? 2;
  const common = {
    slackApiUrl: options.apiUrl ?? "https://slack.com/api/",
    timeout: options.timeoutMs ?? 5_000,
    logger: quietLogger,
    ...(options.teamId ? { teamId: options.teamId } : {}),
  };
  const client = new WebClient(options.botToken, { ...common, retryConfig: { retries, factor: 2, minTimeout: 200, maxTimeout: 2_000, randomize: false } });
  // Posts are not idempotent: no retry by the SDK; a 429 comes back as an error with its Retry-After, waited out below.
  const poster = new WebClient(options.botToken, { ...common, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  const searchPages = options.searchPages ?? 10;
  const call = async <T>(method: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw new SlackApiError(method, slackErrorCode(error), { cause: error });
    }
  };
  const post = async (message: SlackMessage) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await poster.chat.postMessage({
          channel: message.channel,
          text: message.text,
          ...(message.blocks ? { blocks: message.blocks as never } : {}),
          ...(message.threadTs ? { thread_ts: message.threadTs, ...(message.broadcast ? { reply_broadcast: true } : {}) } : {}),
          ...(message.metadata ? { metadata: { event_type: message.metadata.eventType, event_payload: message.metadata.payload } } : {}),
          unfurl_links: false,
        } as never);
      } catch (error) {
        const e = error as { code?: string; retryAfter?: number };
        const waitMs = e.code === ErrorCode.RateLimitedError && typeof e.retryAfter === "number" ? e.retryAfter * 1_000 : undefined;
        if (waitMs === undefined || waitMs > maxRetryAfterMs || attempt >= retries) throw new SlackApiError("chat.postMessage", slackErrorCode(error), { cause: error });
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  };
  const tagged = (found: { metadata?: { event_type?: string; event_payload?: unknown } } | undefined, tag: MessageTag) => {
    const payload = (found?.metadata?.event_payload ?? {}) as Record<string, unknown>;
    return found?.metadata?.event_type === tag.eventType && Object.entries(tag.payload).every(([key, value]) => payload[key] === value);
  };
  return {
    async postMessage(message) {
      const answer = await post(message);
      if (!answer.ts) throw new SlackApiError("chat.postMessage", "no_ts_in_answer");
      return { channel: answer.channel ?? message.channel, ts: answer.ts };
    },
    async findMessage(search) {
      let cursor: string | undefined;
      for (let page = 0; page < searchPages; page++) {
        const common = { channel: search.channel, oldest: search.oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) };
        const answer = search.threadTs
          ? await call("conversations.replies", () => client.conversations.replies({ ...common, ts: search.threadTs! }))
          : await call("conversations.history", () => client.conversations.history(common));
        const found = (answer.messages ?? []).filter((m) => m.ts && tagged(m, search.tag)).map((m) => m.ts!);
        if (found.length) return found.sort().at(-1);
        cursor = answer.response_metadata?.next_cursor || undefined;
        if (!answer.has_more || !cursor) return undefined;
      }
      // More history since the claim than a search reads: treated as not found (at worst a second card, never none).
      return undefined;
    },
    async updateMessage(message) {
      await call("chat.update", () => client.chat.update({ channel: message.channel, ts: message.ts, text: message.text, blocks: message.blocks as never }));
    },
  };
}

/**
 * Answers to a slash command or a button go to the request's `response_url`. The URL comes
 * from the (verified) request, but it is still only POSTed to when it starts with an
 * allowed prefix (https://hooks.slack.com/ in production), so a request can never make
 * Rollgate send anything anywhere else.
 */
export interface SlackResponder {
  /** `true` when the URL is one Rollgate may answer to. */
  allowed(responseUrl: string): boolean;
  respond(responseUrl: string, message: Record<string, unknown>): Promise<void>;
}

export function createSlackResponder(options: { allowedPrefixes?: string[]; timeoutMs?: number } = {}): SlackResponder {
  const prefixes = options.allowedPrefixes ?? ["https://hooks.slack.com/"];
  const allowed = (responseUrl: string) => {
    if (!URL.canParse(responseUrl)) return false;
    const url = new URL(responseUrl);
    if (url.username || url.password) return false;
    return prefixes.some((prefix) => url.href.startsWith(prefix));
  };
  return {
    allowed,
    async respond(responseUrl, message) {
      if (!allowed(responseUrl)) throw new SlackApiError("response_url", "response_url_not_allowed");
      let answer: Response;
      try {
        answer = await fetch(responseUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(message),
          redirect: "error",
          signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
        });
      } catch (error) {
        throw new SlackApiError("response_url", "request_failed", { cause: error });
      }
      await answer.arrayBuffer().catch(() => undefined);
      if (!answer.ok) throw new SlackApiError("response_url", `http_${answer.status}`);
    },
  };
}

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
}

/** The Web API calls Rollgate makes (the port; the adapter below is `@slack/web-api`). */
export interface SlackApi {
  postMessage(message: SlackMessage): Promise<{ channel: string; ts: string }>;
  updateMessage(message: { channel: string; ts: string; text: string; blocks: Block[] }): Promise<void>;
}

export interface SlackApiOptions {
  botToken: string;
  /** Default https://slack.com/api/ (ROLLGATE_SLACK_API_URL). */
  apiUrl?: string;
  teamId?: string;
  /** Per HTTP request. Default 5,000. */
  timeoutMs?: number;
  /** Retries inside one delivery attempt (5xx, network, 429 after its Retry-After). Default 2. */
  retries?: number;
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
  const client = new WebClient(options.botToken, {
    slackApiUrl: options.apiUrl ?? "https://slack.com/api/",
    timeout: options.timeoutMs ?? 5_000,
    retryConfig: { retries: options.retries ?? 2, factor: 2, minTimeout: 200, maxTimeout: 2_000, randomize: false },
    logger: quietLogger,
    ...(options.teamId ? { teamId: options.teamId } : {}),
  });
  const call = async <T>(method: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw new SlackApiError(method, slackErrorCode(error), { cause: error });
    }
  };
  return {
    async postMessage(message) {
      const answer = await call("chat.postMessage", () =>
        client.chat.postMessage({
          channel: message.channel,
          text: message.text,
          ...(message.blocks ? { blocks: message.blocks as never } : {}),
          ...(message.threadTs ? { thread_ts: message.threadTs, ...(message.broadcast ? { reply_broadcast: true } : {}) } : {}),
          unfurl_links: false,
        } as never),
      );
      if (!answer.ts) throw new SlackApiError("chat.postMessage", "no_ts_in_answer");
      return { channel: answer.channel ?? message.channel, ts: answer.ts };
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

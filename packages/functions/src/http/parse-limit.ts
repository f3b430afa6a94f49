import type { MiddlewareHandler } from "hono";
import { RollgateError } from "@rollgate/core/errors";

/**
 * Parsing and validating a spec is synchronous CPU work: a 256 KiB document holds the event
 * loop for a good fraction of a second, and 32 of them at once held `/health` for 23 s.
 * Large bodies therefore take a slot here first: `concurrency` run at a time, `queue` more
 * wait (each waiter starts on a fresh turn of the event loop, so health checks and small
 * requests are served between two parses), and beyond that the answer is at once a 503
 * with `Retry-After` and code PARSE_CAPACITY_EXCEEDED. Small bodies, which parse in well
 * under a millisecond, skip the queue.
 */
export interface ParseLimiter {
  /** Runs `work` once a slot is free; throws ParseCapacityError when the queue is full. */
  run<T>(work: () => Promise<T>): Promise<T>;
  readonly inFlight: number;
  readonly queued: number;
  readonly options: Required<ParseLimiterOptions>;
}

export interface ParseLimiterOptions {
  /**
   * Parses in flight at once. Default 1: parsing is synchronous work on the one event loop,
   * so a second parse in flight adds no throughput, only a longer stall for everyone else.
   */
  concurrency?: number;
  /** Requests that may wait for a slot. Default 8. */
  queue?: number;
  /** Bodies with a Content-Length up to this many bytes skip the limiter. Default 16 KiB. */
  smallBodyBytes?: number;
  /** Seconds a refused client is told to wait (Retry-After). Default 1. */
  retryAfterSeconds?: number;
}

export class ParseCapacityError extends RollgateError {
  readonly code = "PARSE_CAPACITY_EXCEEDED";
  readonly kind = "unavailable" as const;
  constructor(limits: { concurrency: number; queue: number; retryAfterSeconds: number }) {
    super(
      `Too many large spec documents are being parsed right now (${limits.concurrency} at a time, ${limits.queue} waiting); retry in ${limits.retryAfterSeconds} s.`,
      { context: { concurrency: limits.concurrency, queue: limits.queue, retryAfterSeconds: limits.retryAfterSeconds } },
    );
  }
}

export function createParseLimiter(options: ParseLimiterOptions = {}): ParseLimiter {
  const settings: Required<ParseLimiterOptions> = {
    concurrency: options.concurrency ?? 1,
    queue: options.queue ?? 8,
    smallBodyBytes: options.smallBodyBytes ?? 16 * 1024,
    retryAfterSeconds: options.retryAfterSeconds ?? 1,
  };
  let inFlight = 0;
  const waiting: (() => void)[] = [];

  const release = () => {
    const next = waiting.shift();
    // The slot passes straight to the next waiter, on the next turn of the event loop.
    if (next) setImmediate(next);
    else inFlight -= 1;
  };

  return {
    options: settings,
    get inFlight() {
      return inFlight;
    },
    get queued() {
      return waiting.length;
    },
    async run(work) {
      if (inFlight < settings.concurrency) {
        inFlight += 1;
      } else {
        if (waiting.length >= settings.queue) throw new ParseCapacityError(settings);
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}

/**
 * The middleware for routes that parse a spec body: bodies over `smallBodyBytes` run their
 * handler through `limiter`. The body is read here (the body limit has already bounded it,
 * and hono keeps it for the handler), so its real size decides, whatever the headers say.
 */
export function limitSpecParsing(limiter: ParseLimiter): MiddlewareHandler {
  return async (c, next) => {
    const text = await c.req.text();
    if (text.length <= limiter.options.smallBodyBytes) return next();
    return limiter.run(() => next());
  };
}

import { createHmac, randomUUID } from "node:crypto";
import { z } from "zod";
import type { TargetSettings } from "../rollout/settings.js";
import { withBackoff } from "../store/index.js";
import { TargetConfigError, TargetError } from "./errors.js";
import type { TargetContext, TrafficTarget } from "./port.js";

/**
 * The webhook protocol: Rollgate POSTs JSON to the user's deployer at `url`,
 *   { action, specId, environment, deploymentId, candidateVersion, stableVersion, ...args }
 * with `action` one of prepare | health | validate | shift | metrics | weights | teardown and
 * args `check` (validate), `weight` (shift, absolute percent on the candidate),
 * `windowSeconds` (metrics), `side` (teardown). Headers:
 *   x-rollgate-timestamp: unix seconds
 *   x-rollgate-signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>
 *   x-rollgate-delivery:  one id per logical call, the same on retries (for de-duplication)
 * The deployer answers 2xx with JSON: prepare/teardown anything (or nothing) unless
 * `{"ok": false}`; health `{healthy, detail?}`; validate `{passed, detail?}`; shift and
 * weights `{stable, candidate}` (percent, summing to 100); metrics
 * `{errorRate (0..1), latencyP99Ms, requests?}`. Network errors, timeouts, 408, 429 and
 * 5xx are retried with backoff; any other 4xx is not.
 */
export type WebhookTargetSettings = Extract<TargetSettings, { type: "webhook" }>;

export interface WebhookOptions {
  /** Per attempt. Default 5,000. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  /** Backoff base and cap (full jitter). Defaults 200 and 2,000. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

const percent = z.number().min(0).max(100);
const weightsSchema = z
  .looseObject({ stable: percent, candidate: percent })
  .refine((w) => Math.abs(w.stable + w.candidate - 100) < 1e-6, "stable + candidate must be 100");
const responseSchemas = {
  ack: z.union([z.undefined(), z.looseObject({ ok: z.boolean().optional(), detail: z.string().optional() })]),
  health: z.looseObject({ healthy: z.boolean(), detail: z.string().optional() }),
  validate: z.looseObject({ passed: z.boolean(), detail: z.string().optional() }),
  weights: weightsSchema,
  metrics: z.looseObject({
    errorRate: z.number().min(0).max(1),
    latencyP99Ms: z.number().nonnegative(),
    requests: z.number().int().nonnegative().optional(),
  }),
};

/** A failure worth another attempt; becomes a TargetError once attempts run out. */
class TransientFailure extends Error {}

export function createWebhookTarget(
  settings: WebhookTargetSettings,
  deps: { fetch?: typeof fetch; env?: Record<string, string | undefined>; clock?: () => Date; options?: WebhookOptions },
): TrafficTarget {
  const fetchImpl = deps.fetch ?? globalThis.fetch;
  const env = deps.env ?? process.env;
  const clock = deps.clock ?? (() => new Date());
  const timeoutMs = deps.options?.timeoutMs ?? 5_000;
  const retries = deps.options?.retries ?? 3;
  // Never echo the query string: deployers sometimes put credentials there.
  const endpoint = (() => {
    const url = new URL(settings.url);
    return `${url.origin}${url.pathname}`;
  })();

  async function call<S extends z.ZodType>(
    action: string,
    ctx: TargetContext,
    args: Record<string, unknown>,
    schema: S,
  ): Promise<z.output<S>> {
    const secret = env[settings.secret_env];
    if (!secret) {
      throw new TargetConfigError(
        `Webhook target: the environment variable ${settings.secret_env} (deployment.target.secret_env) is not set, so calls cannot be signed.`,
        { context: { target: "webhook", secretEnv: settings.secret_env } },
      );
    }
    const body = JSON.stringify({
      action,
      specId: ctx.specId,
      environment: ctx.environment,
      deploymentId: ctx.deploymentId,
      candidateVersion: ctx.candidateVersion,
      stableVersion: ctx.stableVersion,
      ...args,
    });
    const delivery = randomUUID();
    const context = { target: "webhook", action, endpoint, deploymentId: ctx.deploymentId };
    let attempts = 0;

    const attempt = async () => {
      attempts++;
      let response: Response;
      let text: string;
      try {
        response = await fetchImpl(settings.url, {
          method: "POST",
          headers: {
            ...signedJsonHeaders(secret, body, clock()),
            "x-rollgate-action": action,
            "x-rollgate-delivery": delivery,
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        const timedOut = (error as { name?: string }).name === "TimeoutError";
        throw new TransientFailure(timedOut ? `no response within ${timeoutMs} ms` : `network error (${describe(error)})`, { cause: error });
      }
      if (response.status >= 500 || response.status === 408 || response.status === 429) {
        throw new TransientFailure(`HTTP ${response.status}`);
      }
      if (!response.ok) {
        throw new TargetError(`Webhook ${action} to ${endpoint} was refused: HTTP ${response.status} ${snippet(text)}`, {
          context: { ...context, status: response.status },
        });
      }
      return parse(text);
    };

    const parse = (text: string): z.output<S> => {
      let json: unknown = undefined;
      if (text.trim() !== "") {
        try {
          json = JSON.parse(text);
        } catch (error) {
          throw new TargetError(`Webhook ${action} to ${endpoint} answered with something that is not JSON: ${snippet(text)}`, {
            cause: error,
            context,
          });
        }
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        throw new TargetError(`Webhook ${action} to ${endpoint} answered with an unexpected body: ${z.prettifyError(parsed.error)}`, {
          context,
        });
      }
      return parsed.data;
    };

    try {
      return await withBackoff(attempt, {
        retries,
        baseMs: deps.options?.baseDelayMs ?? 200,
        maxMs: deps.options?.maxDelayMs ?? 2_000,
        shouldRetry: (error) => error instanceof TransientFailure,
      });
    } catch (error) {
      if (!(error instanceof TransientFailure)) throw error;
      throw new TargetError(`Webhook ${action} to ${endpoint} failed after ${attempts} attempts: ${error.message}`, {
        cause: error.cause,
        context: { ...context, attempts },
      });
    }
  }

  const ack = async (action: string, ctx: TargetContext, args: Record<string, unknown> = {}) => {
    const result = await call(action, ctx, args, responseSchemas.ack);
    if (result?.ok === false) {
      throw new TargetError(`Webhook ${action} to ${endpoint} reported failure${result.detail ? `: ${result.detail}` : ""}`, {
        context: { target: "webhook", action, endpoint },
      });
    }
  };
  const weights = async (action: string, ctx: TargetContext, args: Record<string, unknown>) => {
    const { stable, candidate } = await call(action, ctx, args, responseSchemas.weights);
    return { stable, candidate };
  };

  return {
    type: "webhook",
    prepare: (ctx) => ack("prepare", ctx),
    async health(ctx) {
      const { healthy, detail } = await call("health", ctx, {}, responseSchemas.health);
      return detail === undefined ? { healthy } : { healthy, detail };
    },
    async validate(ctx, check) {
      const { passed, detail } = await call("validate", ctx, { check }, responseSchemas.validate);
      return detail === undefined ? { passed } : { passed, detail };
    },
    shift: (ctx, weight) => weights("shift", ctx, { weight }),
    async metrics(ctx, windowSeconds) {
      const { errorRate, latencyP99Ms, requests } = await call("metrics", ctx, { windowSeconds }, responseSchemas.metrics);
      return requests === undefined ? { errorRate, latencyP99Ms } : { errorRate, latencyP99Ms, requests };
    },
    weights: (ctx) => weights("weights", ctx, {}),
    teardown: (ctx, side) => ack("teardown", ctx, { side }),
  };
}

const snippet = (text: string) => JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

/** The `x-rollgate-signature` value's hex part: HMAC-SHA256(secret, timestamp + "." + body). */
export function signWebhookBody(secret: string, timestamp: string, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** Headers of a signed JSON POST: the receiver checks `x-rollgate-signature` over timestamp and body. */
export function signedJsonHeaders(secret: string, body: string, now: Date): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    "content-type": "application/json",
    "user-agent": "rollgate",
    "x-rollgate-timestamp": timestamp,
    "x-rollgate-signature": `sha256=${signWebhookBody(secret, timestamp, body)}`,
  };
}

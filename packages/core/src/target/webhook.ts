import { createHmac, randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { z } from "zod";
import { withBackoff } from "../store/retry.js";
import { TargetConfigError, TargetError, type TargetCallEffect } from "./errors.js";
import { postJson, systemResolver, TransportFailure, type Resolver } from "./http-call.js";
import type { TargetContext, TrafficTarget } from "./port.js";

/**
 * The webhook protocol: Rollgate POSTs JSON to the user's deployer at the registered
 * target's `url`,
 *   { action, specId, environment, deploymentId, candidateVersion, stableVersion, ...args }
 * with `action` one of prepare | health | validate | shift | metrics | weights | teardown and
 * args `check` (validate), `weight` (shift, absolute percent on the candidate),
 * `windowSeconds` (metrics), `side` (teardown). Headers:
 *   x-rollgate-timestamp: unix seconds
 *   x-rollgate-signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>
 *   x-rollgate-delivery:  one id per logical call, the same on retries (for de-duplication)
 * and, for a `whsec_` secret, the Standard Webhooks headers too (`webhook-id`,
 * `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256(key bytes, id.timestamp.body)>`).
 * The deployer answers 2xx with JSON: prepare/teardown anything (or nothing) unless
 * `{"ok": false}`; health `{healthy}`; validate `{passed}`; shift and weights
 * `{stable, candidate}` (percent, summing to 100); metrics `{errorRate (0..1), latencyP99Ms,
 * requests?}`. Network errors, timeouts, 408, 429 and 5xx are retried with backoff. A 3xx
 * (redirects are never followed), any other 4xx, a non-JSON answer and `{"ok": false}` say
 * the deployer did not act: Rollgate counts such a call as having had no effect.
 * Nothing of an answer's body is ever shown: failures carry the status and a stable code.
 */
export interface WebhookTargetSettings {
  /** The registered target's name, used in messages instead of the URL. */
  name: string;
  url: string;
  allowPrivateNetwork: boolean;
  secret: string;
}

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
  ack: z.union([z.undefined(), z.looseObject({ ok: z.boolean().optional() })]),
  health: z.looseObject({ healthy: z.boolean() }),
  validate: z.looseObject({ passed: z.boolean() }),
  weights: weightsSchema,
  metrics: z.looseObject({
    errorRate: z.number().min(0).max(1),
    latencyP99Ms: z.number().nonnegative(),
    requests: z.number().int().nonnegative().optional(),
  }),
};

/** A failure worth another attempt; becomes a TargetError once attempts run out. */
class TransientFailure extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly effect: TargetCallEffect,
    readonly status?: number,
  ) {
    super(message);
  }
}

export function createWebhookTarget(
  settings: WebhookTargetSettings,
  deps: { resolver?: Resolver; clock?: () => Date; options?: WebhookOptions } = {},
): TrafficTarget {
  const resolver = deps.resolver ?? systemResolver;
  const clock = deps.clock ?? (() => new Date());
  const timeoutMs = deps.options?.timeoutMs ?? 5_000;
  const retries = deps.options?.retries ?? 3;
  const label = `Webhook target ${settings.name}`;

  async function call<S extends z.ZodType>(action: string, ctx: TargetContext, args: Record<string, unknown>, schema: S): Promise<z.output<S>> {
    const context = { target: settings.name, action, deploymentId: ctx.deploymentId };
    const fail = (code: string, message: string, effect: TargetCallEffect, status?: number) =>
      new TargetError(`${label}: ${action} ${message} (${code})`, { code, effect, context: { ...context, code, ...(status ? { status } : {}) } });
    if (!settings.secret) {
      throw new TargetConfigError(`${label} has no signing secret, so calls cannot be signed (TARGET_MISCONFIGURED).`, { context });
    }
    let url: URL;
    try {
      url = new URL(settings.url);
    } catch {
      throw new TargetConfigError(`${label} has a URL that does not parse (TARGET_MISCONFIGURED).`, { context });
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
    let attempts = 0;
    // Once any attempt may have reached the deployer's logic, the call's effect is unknown.
    let effect: TargetCallEffect = "none";

    const attempt = async () => {
      attempts++;
      let answer: { status: number; body: string };
      try {
        const now = clock();
        answer = await postJson({
          url,
          headers: {
            ...signedJsonHeaders(settings.secret, body, now),
            ...standardWebhookHeaders(settings.secret, delivery, now, body),
            "x-rollgate-action": action,
            "x-rollgate-delivery": delivery,
          },
          body,
          timeoutMs,
          allowPrivateNetwork: settings.allowPrivateNetwork,
          resolver,
        });
      } catch (error) {
        if (!(error instanceof TransportFailure)) throw error;
        if (error.sent) effect = "unknown";
        if (error.reason === "address_refused") throw fail("TARGET_ADDRESS_REFUSED", `was not sent: ${error.message}`, effect);
        const code = error.reason === "timeout" ? "TARGET_TIMEOUT" : error.reason === "dns_failed" ? "TARGET_DNS_FAILED" : "TARGET_UNREACHABLE";
        throw new TransientFailure(error.message, code, effect);
      }
      const { status } = answer;
      if (status >= 500 || status === 408 || status === 429) {
        if (status >= 500) effect = "unknown";
        throw new TransientFailure(`HTTP ${status}`, "TARGET_HTTP_STATUS", effect, status);
      }
      if (status >= 300 && status < 400) throw fail("TARGET_REDIRECT_REFUSED", `was answered with a redirect, HTTP ${status}; redirects are not followed`, effect, status);
      if (status < 200 || status >= 300) throw fail("TARGET_HTTP_STATUS", `was refused: HTTP ${status}`, effect, status);
      let json: unknown = undefined;
      if (answer.body.trim() !== "") {
        try {
          json = JSON.parse(answer.body);
        } catch {
          // Not the protocol: the URL is not a deployer (a web page, a proxy's error page).
          throw fail("TARGET_BAD_RESPONSE", `was answered with HTTP ${status} and a body that is not JSON`, effect, status);
        }
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.map(String).join(".") || "(body)"))].join(", ");
        // The answer was well-formed enough to have come from a deployer: it may have acted.
        throw fail("TARGET_BAD_RESPONSE", `was answered with HTTP ${status} and an unexpected body (check ${fields})`, "unknown", status);
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
      throw fail(error.code, `failed after ${attempts} attempts: ${error.message}`, effect, error.status);
    }
  }

  const ack = async (action: string, ctx: TargetContext, args: Record<string, unknown> = {}) => {
    const result = await call(action, ctx, args, responseSchemas.ack);
    if (result?.ok === false) {
      throw new TargetError(`${label}: ${action} was reported as failed by the deployer (TARGET_REPORTED_FAILURE)`, {
        code: "TARGET_REPORTED_FAILURE",
        effect: "none",
        context: { target: settings.name, action, code: "TARGET_REPORTED_FAILURE" },
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
      const { healthy } = await call("health", ctx, {}, responseSchemas.health);
      return healthy ? { healthy } : { healthy, detail: "the deployer reported the candidate unhealthy" };
    },
    async validate(ctx, check) {
      const { passed } = await call("validate", ctx, { check }, responseSchemas.validate);
      return passed ? { passed } : { passed, detail: "the deployer reported the check as failed" };
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

/** Standard Webhooks signature headers, for `whsec_` secrets (the key is the base64-decoded part). */
export function standardWebhookHeaders(secret: string, id: string, now: Date, body: string): Record<string, string> {
  if (!secret.startsWith("whsec_")) return {};
  const timestamp = String(Math.floor(now.getTime() / 1000));
  // The standardwebhooks library signs (the outbound webhooks and the deployer calls share it).
  return { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": new Webhook(secret).sign(id, now, body) };
}

import type { Context } from "hono";
import type { IdempotencyClaim, StoredResponse } from "@rollgate/core/idempotency";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv, AppServices } from "./env.js";
import { problem } from "./problem.js";

/**
 * Runs `work` under the request's Idempotency-Key, if it has one: a replay returns the
 * stored response, a reuse with another request is refused, a failure frees the key.
 */
export async function withIdempotency<S extends ContentfulStatusCode, B extends object>(
  c: Context<AppEnv>,
  services: AppServices,
  fingerprint: string,
  work: () => Promise<{ status: S; body: B }>,
) {
  const key = c.req.header("idempotency-key");
  if (key !== undefined && !validKey(key)) return invalidKey(c);
  if (!key) {
    const { status, body } = await work();
    return c.json(body, status);
  }
  const scope = scopeOf(c);
  const { replay } = await services.idempotency.begin(scope, key, fingerprint);
  if (replay) {
    c.header("Idempotent-Replayed", "true");
    // What `work` answered for the same request under this key: the same status and body type.
    return c.json(replay.body as B, replay.status as S);
  }
  try {
    const response = await work();
    await services.idempotency.complete(scope, key, response);
    return c.json(response.body, response.status);
  } catch (error) {
    await services.idempotency.release(scope, key).catch(() => undefined);
    throw error;
  }
}

/**
 * Like withIdempotency, for a use case that carries the key into its own reads and
 * transactions (`claimed`, e.g. deployments.createOnce), so the key costs no round trip of
 * its own; without a key, `work` runs as usual.
 */
export async function withClaimedIdempotency<S extends ContentfulStatusCode, B extends object>(
  c: Context<AppEnv>,
  services: AppServices,
  fingerprint: string,
  claimed: (claim: IdempotencyClaim) => Promise<{ response: StoredResponse; replayed: boolean }>,
  work: () => Promise<{ status: S; body: B }>,
) {
  const key = c.req.header("idempotency-key");
  if (key !== undefined && !validKey(key)) return invalidKey(c);
  if (!key) {
    const { status, body } = await work();
    return c.json(body, status);
  }
  const { response, replayed } = await claimed(services.idempotency.claim(scopeOf(c), key, fingerprint));
  if (replayed) c.header("Idempotent-Replayed", "true");
  // What `work` answers for this request, stored under the key (the use case builds it with the same `respond`).
  return c.json(response.body as B, response.status as S);
}

const validKey = (key: string) => /^[\x21-\x7e]{1,255}$/.test(key);
const scopeOf = (c: Context<AppEnv>) => `${c.get("principal").subject}|${c.req.method} ${c.req.path}`;
const invalidKey = (c: Context<AppEnv>) =>
  problem(c, 400, "REQUEST_INVALID", "Idempotency-Key must be 1 to 255 visible ASCII characters.", {
    errors: [{ path: "Idempotency-Key", message: "1 to 255 visible ASCII characters" }],
  });

import type { Context } from "hono";
import type { IdempotencyClaim, StoredResponse } from "@rollgate/core/idempotency";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv, AppServices } from "./env.js";
import { problem } from "./problem.js";

/**
 * Runs a request under its Idempotency-Key, if it has one: a replay answers the stored
 * response (with `Idempotent-Replayed`), a reuse with another request is refused, a failure
 * frees the key. Without a key, `work` runs as usual. `claimed` runs the request under the
 * key's claim: by default on round trips of the key's own (`claim.run(work)`); a use case
 * that carries the claim into its own reads and transactions (deployments.createOnce,
 * promoteOnce) passes itself, so the key costs no round trip of its own.
 */
export async function withIdempotency<S extends ContentfulStatusCode, B extends object>(
  c: Context<AppEnv>,
  services: AppServices,
  fingerprint: string,
  work: () => Promise<{ status: S; body: B }>,
  claimed: (claim: IdempotencyClaim) => Promise<{ response: StoredResponse; replayed: boolean }> = (claim) => claim.run(work),
) {
  const key = c.req.header("idempotency-key");
  if (key !== undefined && !validKey(key)) return invalidKey(c);
  if (!key) {
    const { status, body } = await work();
    return c.json(body, status);
  }
  const { response, replayed } = await claimed(services.idempotency.claim(scopeOf(c), key, fingerprint));
  if (replayed) c.header("Idempotent-Replayed", "true");
  // What `work` answers for this request, stored under the key (a claimed use case builds it with the same `respond`).
  return c.json(response.body as B, response.status as S);
}

const validKey = (key: string) => /^[\x21-\x7e]{1,255}$/.test(key);
const scopeOf = (c: Context<AppEnv>) => `${c.get("principal").subject}|${c.req.method} ${c.req.path}`;
const invalidKey = (c: Context<AppEnv>) =>
  problem(c, 400, "REQUEST_INVALID", "Idempotency-Key must be 1 to 255 visible ASCII characters.", {
    errors: [{ path: "Idempotency-Key", message: "1 to 255 visible ASCII characters" }],
  });

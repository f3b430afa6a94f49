import { createHmac, timingSafeEqual } from "node:crypto";

/** How far a request's timestamp may be from now, either way (Slack's own recommendation). */
export const signatureToleranceSeconds = 300;

export type SignatureVerdict = { ok: true } | { ok: false; reason: "missing" | "stale" | "mismatch" };

/**
 * Slack's request signature v0: `v0=` + hex HMAC-SHA256 keyed with the signing secret over
 * `v0:<X-Slack-Request-Timestamp>:<raw body>`. The raw bytes are what was signed, so this
 * runs before anything parses the body; the comparison is constant-time.
 */
export function verifySlackSignature(input: {
  signingSecret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Uint8Array;
  now: Date;
}): SignatureVerdict {
  const { timestamp, signature } = input;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp) || !/^v0=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: "missing" };
  if (Math.abs(Math.floor(input.now.getTime() / 1000) - Number(timestamp)) > signatureToleranceSeconds) return { ok: false, reason: "stale" };
  const expected = createHmac("sha256", input.signingSecret).update(`v0:${timestamp}:`).update(input.rawBody).digest();
  const given = Buffer.from(signature.slice(3), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) ? { ok: true } : { ok: false, reason: "mismatch" };
}

/** Signs a body as Slack does (the stand-in, tests and the bench use it). */
export function signSlackRequest(signingSecret: string, timestamp: number, rawBody: string | Uint8Array): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest("hex")}`;
}

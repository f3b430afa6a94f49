import { createHmac, timingSafeEqual } from "node:crypto";
import { InvalidCursorError } from "./errors.js";

/**
 * Opaque paging cursors: the DynamoDB LastEvaluatedKey, bound to the listing it came
 * from, signed with a server secret so that a tampered or foreign cursor is refused.
 */
export interface CursorCodec {
  encode(listing: string, lastKey: Record<string, unknown> | undefined): string | null;
  decode(listing: string, cursor: string | undefined): Record<string, unknown> | undefined;
}

export function createCursorCodec(secret: string): CursorCodec {
  const sign = (payload: string) => createHmac("sha256", secret).update(payload).digest("base64url").slice(0, 22);
  return {
    encode(listing, lastKey) {
      if (!lastKey) return null;
      const payload = Buffer.from(JSON.stringify({ l: listing, k: lastKey })).toString("base64url");
      return `${payload}.${sign(payload)}`;
    },
    decode(listing, cursor) {
      if (cursor === undefined || cursor === "") return undefined;
      const [payload, signature, extra] = cursor.split(".");
      if (!payload || !signature || extra !== undefined) throw new InvalidCursorError();
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new InvalidCursorError();
      let parsed: { l?: unknown; k?: unknown };
      try {
        parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
      } catch (cause) {
        throw new InvalidCursorError(cause);
      }
      if (parsed.l !== listing || typeof parsed.k !== "object" || parsed.k === null) throw new InvalidCursorError();
      return parsed.k as Record<string, unknown>;
    },
  };
}

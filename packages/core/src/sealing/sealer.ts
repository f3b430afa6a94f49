import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { SealingKeyError, UnsealError } from "./errors.js";

/**
 * Secrets that Rollgate has to keep for a while and use again in plaintext (approval links
 * waiting for delivery; later perhaps webhook and target signing secrets, which are stored
 * as they are today) are kept sealed: AES-256-GCM under a server key that never touches the
 * table (an SST secret in AWS, a file in the data dir locally).
 *
 * Sealed form: `rgs1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts). `keyId` is a short
 * fingerprint of the key (not secret), so a value sealed under a retired key says so, and
 * rotation can open with older keys while sealing with the newest. The caller's `context`
 * (what the value is and whose: `approval-links:<deployment>:<gate>`) is authenticated as
 * additional data: a sealed value copied onto another record does not open there.
 */
export interface Sealer {
  seal(plaintext: string, context: string): string;
  /** Throws UnsealError when the value was sealed under another key or context, or was altered. */
  open(sealed: string, context: string): string;
}

const version = "rgs1";

/** 32 random bytes, base64url: a new sealing key (`npm start` writes one to the data dir; in AWS set SEALING_KEY). */
export function generateSealingKey(): string {
  return randomBytes(32).toString("base64url");
}

function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) throw new SealingKeyError("not base64");
  const key = Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (key.length !== 32) throw new SealingKeyError(`${key.length} bytes`);
  return key;
}

const fingerprint = (key: Buffer) => createHash("sha256").update("rollgate sealing key id\0").update(key).digest("base64url").slice(0, 8);
const aad = (keyId: string, context: string) => Buffer.from(`${version}\0${keyId}\0${context}`, "utf8");

/** The first key seals; every key given opens (rotation: put the new key first, keep the old ones until their values expire). */
export function createSealer(keys: string | string[]): Sealer {
  const list = (Array.isArray(keys) ? keys : [keys]).map(parseKey);
  if (list.length === 0) throw new SealingKeyError("no key given");
  const byId = new Map(list.map((key) => [fingerprint(key), key] as const));
  const [current] = list as [Buffer];
  const currentId = fingerprint(current);
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", current, iv);
      cipher.setAAD(aad(currentId, context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [version, currentId, iv.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
    },
    open(sealed, context) {
      const parts = sealed.split(".");
      if (parts.length !== 5 || parts[0] !== version) throw new UnsealError("not a sealed value");
      const [, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
      const key = byId.get(keyId);
      if (!key) throw new UnsealError(`it was sealed under another key (${keyId})`);
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), { authTagLength: 16 });
        decipher.setAAD(aad(keyId, context));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
      } catch (error) {
        throw new UnsealError("it was altered or belongs to another record", error);
      }
    },
  };
}

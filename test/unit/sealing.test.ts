import { describe, expect, it } from "vitest";
import { createSealer, generateSealingKey, SealingKeyError, UnsealError } from "@rollgate/core/sealing";

describe("sealing (AES-256-GCM under a server key)", () => {
  const key = generateSealingKey();
  const sealer = createSealer(key);
  const secret = "rg-link-token-abcdefghijklmnopqrstuvwxyz";

  it("opens what it sealed, for the same context only; the sealed form never shows the plaintext", () => {
    const sealed = sealer.seal(secret, "approval-links:dep-1:1");
    expect(sealed).toMatch(/^rgs1\.[\w-]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(secret);
    expect(sealer.open(sealed, "approval-links:dep-1:1")).toBe(secret);
    // Two seals of one value differ (a fresh IV each time).
    expect(sealer.seal(secret, "c")).not.toBe(sealer.seal(secret, "c"));
    // Copied onto another record, it does not open.
    expect(() => sealer.open(sealed, "approval-links:dep-2:1")).toThrow(UnsealError);
  });

  it("refuses an altered value, a value sealed under another key, and what is not a sealed value", () => {
    const sealed = sealer.seal(secret, "c");
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[3]!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => sealer.open([...parts.slice(0, 3), flipped.toString("base64url"), parts[4]].join("."), "c")).toThrow(UnsealError);
    expect(() => sealer.open([...parts.slice(0, 4), parts[4]!.slice(0, 8)].join("."), "c")).toThrow(UnsealError); // a truncated tag
    expect(() => createSealer(generateSealingKey()).open(sealed, "c")).toThrow(/another key/);
    expect(() => sealer.open("plain text", "c")).toThrow(UnsealError);
  });

  it("rotates: seals with the first key, opens with any key given", () => {
    const old = createSealer(key).seal(secret, "c");
    const rotated = createSealer([generateSealingKey(), key]);
    expect(rotated.open(old, "c")).toBe(secret);
    expect(() => sealer.open(rotated.seal(secret, "c"), "c")).toThrow(UnsealError);
  });

  it("takes 32 bytes of base64 or base64url, and refuses anything else without repeating it", () => {
    expect(() => createSealer(Buffer.alloc(32, 7).toString("base64"))).not.toThrow();
    for (const bad of ["short", Buffer.alloc(16).toString("base64"), "not base64 at all!"]) {
      let error: unknown;
      try {
        createSealer(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SealingKeyError);
      expect((error as Error).message).not.toContain(bad);
    }
  });
});

import { describe, expect, it } from "vitest";
import { createCursorCodec, InvalidCursorError } from "@rollgate/core/store";

describe("paging cursors", () => {
  const codec = createCursorCodec("secret-a");
  const key = { pk: "SPEC#a", sk: "V#0000000003" };

  it("round-trips the last evaluated key for the same listing", () => {
    const cursor = codec.encode("versions:a", key)!;
    expect(codec.decode("versions:a", cursor)).toEqual(key);
  });

  it("refuses a tampered cursor, one for another listing, and one signed with another secret", () => {
    const cursor = codec.encode("versions:a", key)!;
    const [payload, signature] = cursor.split(".");
    const forged = Buffer.from(JSON.stringify({ l: "versions:a", k: { pk: "SPEC#b", sk: "V#1" } })).toString("base64url");
    expect(() => codec.decode("versions:a", `${forged}.${signature}`)).toThrow(InvalidCursorError);
    expect(() => codec.decode("versions:b", cursor)).toThrow(InvalidCursorError);
    expect(() => createCursorCodec("secret-b").decode("versions:a", cursor)).toThrow(InvalidCursorError);
    expect(() => codec.decode("versions:a", `${payload}`)).toThrow(InvalidCursorError);
    expect(() => codec.decode("versions:a", "garbage")).toThrow(InvalidCursorError);
  });
});

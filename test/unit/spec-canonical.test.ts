import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash, parseSpecText, readSpec } from "@rollgate/core/spec";
import { loadOspecFixture, loadTestFixture, ospecFixtureNames } from "../helpers/fixtures.js";

const yaml = `
ospec_version: "1.0.0"
id: checkout
name: Checkout
outcome_type: web-app
deployment:
  strategy: canary
  canary:
    traffic_split:
      - { version: current, percentage: 90.0 }
      - { version: candidate, percentage: 1e1 }
notes: "café ☕ \\u00e9"
`;
const json = `{
  "notes": "caf\\u00e9 ☕ é",
  "deployment": { "canary": { "traffic_split": [ { "percentage": 90, "version": "current" }, { "version": "candidate", "percentage": 10 } ] }, "strategy": "canary" },
  "outcome_type": "web-app", "name": "Checkout", "id": "checkout", "ospec_version": "1.0.0"
}`;

describe("canonical form and content hash", () => {
  it("is the same for YAML and JSON of the same document, whatever the key order or number spelling", () => {
    const fromYaml = parseSpecText(yaml, "auto");
    const fromJson = parseSpecText(json, "auto");
    expect([fromYaml.format, fromJson.format]).toEqual(["yaml", "json"]);
    expect(canonicalJson(fromYaml.document)).toBe(canonicalJson(fromJson.document));
    expect(contentHash(fromYaml.document)).toBe(contentHash(fromJson.document));
  });

  it("sorts keys at every level and has no whitespace", () => {
    expect(canonicalJson({ b: [{ z: 1, a: "x y" }], a: null, c: { y: true, x: 1.5 } })).toBe('{"a":null,"b":[{"a":"x y","z":1}],"c":{"x":1.5,"y":true}}');
    expect(canonicalJson({ "é": 1, e: 2, "\u20ac": 3, "😀": 4 })).toBe('{"e":2,"é":1,"€":3,"😀":4}');
  });

  it("changes when a value changes, and is sha256 of the canonical JSON", () => {
    const document = parseSpecText(yaml, "yaml").document;
    const changed = structuredClone(document) as { deployment: { strategy: string } };
    changed.deployment.strategy = "blue_green";
    expect(contentHash(changed)).not.toBe(contentHash(document));
    expect(contentHash(document)).toBe(createHash("sha256").update(canonicalJson(document)).digest("hex"));
    expect(contentHash(document)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is what readSpec returns, for both formats", () => {
    const fromYaml = readSpec(yaml, { format: "auto", mode: "lenient" });
    const fromJson = readSpec(json, { format: "auto", mode: "lenient" });
    expect(fromYaml.contentHash).toBe(fromJson.contentHash);
    expect(fromYaml.canonical).toBe(canonicalJson(fromYaml.document));
    expect(fromYaml.contentHash).toBe(contentHash(fromYaml.document));
    expect(fromYaml.specId).toBe("checkout");
  });

  it("round-trips every real fixture through JSON with the same hash", () => {
    for (const name of ospecFixtureNames().filter((n) => n !== "examples_cli-tool.yaml")) {
      const document = parseSpecText(loadOspecFixture(name), "yaml").document;
      const reparsed = parseSpecText(JSON.stringify(document, null, 2), "auto");
      expect(reparsed.format).toBe("json");
      expect(contentHash(reparsed.document)).toBe(contentHash(document));
    }
    const crafted = parseSpecText(loadTestFixture("spec/strict-good-full.yaml"), "yaml").document;
    expect(canonicalJson(JSON.parse(canonicalJson(crafted)))).toBe(canonicalJson(crafted));
  });

  it("refuses what JSON cannot hold", () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

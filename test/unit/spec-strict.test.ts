import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parseSpecText, readSpec, SpecValidationError, validateSpec } from "@rollgate/core/spec";
import { loadOfficialSchema, loadOspecFixture, loadTestFixture, ospecFixtureNames } from "../helpers/fixtures.js";

// The oracle: the official schema declares draft-07, which is ajv's default class.
const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
addFormats(ajv);
const officialSchemaAccepts = ajv.compile(loadOfficialSchema());

const craftedDir = fileURLToPath(new URL("../fixtures/spec/", import.meta.url));
const crafted = readdirSync(craftedDir).filter((name) => name.startsWith("strict-")).sort();
const craftedGood = crafted.filter((name) => name.startsWith("strict-good-"));
const craftedBad = crafted.filter((name) => name.startsWith("strict-bad-"));

function parsedFixtures(): { name: string; document: Record<string, unknown> }[] {
  return ospecFixtureNames().flatMap((name) => {
    try {
      return [{ name, document: parseSpecText(loadOspecFixture(name), "auto").document }];
    } catch {
      return []; // the one that is not YAML: see spec-lenient
    }
  });
}

describe("strict validation agrees with the official JSON Schema (ajv as oracle)", () => {
  it("has enough crafted documents to mean something", () => {
    expect(craftedBad.length).toBeGreaterThanOrEqual(10);
    expect(craftedGood.length).toBeGreaterThanOrEqual(3);
    expect(parsedFixtures().length).toBe(ospecFixtureNames().length - 1);
  });

  it.each(parsedFixtures().map(({ name }) => name))("real fixture %s", (name) => {
    const { document } = parseSpecText(loadOspecFixture(name), "auto");
    expect(validateSpec(document, "strict").valid).toBe(officialSchemaAccepts(document));
  });

  it.each(craftedGood)("crafted good document %s is valid for both", (name) => {
    const { document } = parseSpecText(loadTestFixture(`spec/${name}`), "auto");
    expect(officialSchemaAccepts(document)).toBe(true);
    const result = validateSpec(document, "strict");
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it.each(craftedBad)("crafted bad document %s is invalid for both, with the error on the named field", (name) => {
    const text = loadTestFixture(`spec/${name}`);
    const expectedPath = /^# expect-error: (\S+)/.exec(text)?.[1];
    const { document } = parseSpecText(text, "auto");
    expect(officialSchemaAccepts(document)).toBe(false);
    const result = validateSpec(document, "strict");
    expect(result.valid).toBe(false);
    expect(result.errors.map((issue) => issue.path)).toContain(expectedPath);
  });

  it("agrees on single-field mutations of a valid document", () => {
    const good = parseSpecText(loadTestFixture("spec/strict-good-full.yaml"), "yaml").document;
    const mutations: [string, (doc: any) => void][] = [
      ["name of 101 characters", (doc) => (doc.name = "n".repeat(101))],
      ["name of 100 emoji (200 UTF-16 units)", (doc) => (doc.name = "🚀".repeat(100))],
      ["description of 501 emoji", (doc) => (doc.description = "🚀".repeat(501))],
      ["huge whole number", (doc) => (doc.acceptance.performance.memory_mb = 1e20)],
      ["negative hours", (doc) => (doc.tasks[0].estimated_hours = -1)],
      ["null where a string goes", (doc) => (doc.metadata.license = null)],
      ["list where a map goes", (doc) => (doc.secrets = [])],
      ["extra key in a loose section", (doc) => (doc.agents.secondary.extra = "x")],
      ["non-string in secondary", (doc) => (doc.agents.secondary.extra = 1)],
      ["extra technology", (doc) => (doc.technology_stack.cache = "Redis")],
      ["bad prompt file", (doc) => (doc.prompts.x = "prompts/x.pdf")],
      ["github name too long", (doc) => (doc.metadata.maintainers[0].github = "a".repeat(40))],
      ["date-time with a space", (doc) => (doc.metadata.created_at = "2024-01-15 10:00:00Z")],
      ["leap second off 23:59", (doc) => (doc.metadata.created_at = "2024-01-15T10:00:60Z")],
      ["email with plus", (doc) => (doc.metadata.maintainers[0].email = "a+b@example.co.uk")],
      ["embedded multi-line script", (doc) => (doc.scripts.x = "#!/bin/sh\nrun.sh")],
      ["sub-agent short description", (doc) => (doc.sub_agents[0].description = "too short")],
      ["method lower case", (doc) => (doc.acceptance.http_endpoints[0].method = "get")],
    ];
    for (const [label, mutate] of mutations) {
      const doc = structuredClone(good);
      mutate(doc);
      expect({ label, valid: validateSpec(doc, "strict").valid }).toEqual({ label, valid: officialSchemaAccepts(doc) });
    }
  });

  it("names the field and says what was expected", () => {
    const { document } = parseSpecText(loadTestFixture("spec/strict-bad-outcome-enum.yaml"), "yaml");
    const [issue] = validateSpec(document, "strict").errors;
    expect(issue).toEqual({ path: "outcome_type", message: expect.stringContaining('"web-app"') });
    expect(issue!.message).toContain('got "website"');
  });

  it("readSpec in strict mode throws SpecValidationError with positions", () => {
    const text = loadTestFixture("spec/strict-bad-status-string.yaml");
    const error = (() => {
      try {
        readSpec(text, { format: "auto", mode: "strict" });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SpecValidationError);
    expect((error as SpecValidationError).code).toBe("SPEC_INVALID");
    expect((error as SpecValidationError).errors).toContainEqual({
      path: "acceptance.http_endpoints[1].status",
      message: 'expected number, got "201"',
      line: 12,
      column: 7,
    });
  });

  it("readSpec also requires a kebab-case spec id in strict mode, which the official pattern does not", () => {
    const text = loadTestFixture("spec/strict-good-id-trailing-dash.yaml");
    expect(validateSpec(parseSpecText(text, "yaml").document, "strict").valid).toBe(true);
    expect(() => readSpec(text, { format: "auto", mode: "strict" })).toThrow(SpecValidationError);
    expect(readSpec(loadTestFixture("spec/strict-good-full.yaml"), { format: "auto", mode: "strict" }).specId).toBe("orders-api");
  });
});

import { describe, expect, it } from "vitest";
import { parseSpecText, readSpec, SpecParseError, SpecValidationError, validateSpec } from "@rollgate/core/spec";
import { loadOspecFixture, ospecFixtureNames } from "../helpers/fixtures.js";
import { caught } from "../helpers/errors.js";

const identityFields = ["ospec_version", "id", "name", "outcome_type"];

function hasValidIdentity(document: Record<string, unknown>): boolean {
  return (
    typeof document.ospec_version === "string" &&
    /^\d+\.\d+\.\d+$/.test(document.ospec_version) &&
    typeof document.id === "string" &&
    /^[a-z0-9]+(-[a-z0-9]+)*$/.test(document.id) &&
    document.id.length <= 100 &&
    typeof document.name === "string" &&
    document.name.trim() !== "" &&
    typeof document.outcome_type === "string"
  );
}


const parseable = ospecFixtureNames().filter((name) => name !== "examples_cli-tool.yaml");

describe("lenient validation of real OSpec documents", () => {
  it.each(parseable)("%s: valid when its identity fields are, otherwise errors only on them", (name) => {
    const { document } = parseSpecText(loadOspecFixture(name), "auto");
    const result = validateSpec(document, "lenient");
    expect(result.valid).toBe(hasValidIdentity(document));
    for (const issue of result.errors) expect(identityFields).toContain(issue.path);
  });

  it.each(parseable)("%s: whatever strict mode rejects beyond the identity fields is a warning", (name) => {
    const { document } = parseSpecText(loadOspecFixture(name), "auto");
    const lenient = validateSpec(document, "lenient");
    const strict = validateSpec(document, "strict");
    const reported = new Set([...lenient.errors, ...lenient.warnings].map((issue) => `${issue.path}|${issue.message}`));
    for (const issue of strict.errors) {
      if (identityFields.includes(issue.path)) continue;
      expect(reported).toContain(`${issue.path}|${issue.message}`);
    }
  });

  it("most real documents are accepted (they break the official schema in many small ways)", () => {
    const accepted = parseable.filter((name) => validateSpec(parseSpecText(loadOspecFixture(name), "auto").document, "lenient").valid);
    expect(accepted.length).toBeGreaterThanOrEqual(10);
  });

  it("admin-dashboard has no id and no name: the errors name both", () => {
    const error = caught(() => readSpec(loadOspecFixture("examples_admin-dashboard.yaml"), { format: "auto", mode: "lenient" }));
    expect(error).toBeInstanceOf(SpecValidationError);
    const paths = (error as SpecValidationError).errors.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(["id", "name"]));
    // "1.0" is not x.y.z; the error points at its line.
    expect((error as SpecValidationError).errors).toContainEqual(expect.objectContaining({ path: "ospec_version", line: 2, column: 1 }));
  });

  it("an id that is not kebab-case is an error naming `id` in both modes, with the kebab form suggested, never rewritten", () => {
    const spec = (id: string) => JSON.stringify({ ospec_version: "1.0.0", id, name: "x", outcome_type: "api" });
    for (const mode of ["lenient", "strict"] as const) {
      const template = caught(() => readSpec(loadOspecFixture("guides_writing-ospecs.yaml"), { format: "auto", mode })) as SpecValidationError;
      expect(template).toBeInstanceOf(SpecValidationError);
      expect(template.errors).toContainEqual(expect.objectContaining({ path: "id", message: expect.stringContaining("template"), line: 2 }));
      for (const [id, suggested] of [["Bad_ID", "bad-id"], ["Orders_API", "orders-api"], ["a--b", "a-b"]]) {
        const error = caught(() => readSpec(spec(id!), { format: "json", mode })) as SpecValidationError;
        expect(error, `${id} (${mode})`).toBeInstanceOf(SpecValidationError);
        const idErrors = error.errors.filter((e) => e.path === "id");
        expect(idErrors, `${id} (${mode})`).toEqual([expect.objectContaining({ message: expect.stringContaining(`"${suggested}"`) })]);
      }
      const unusable = caught(() => readSpec(spec("{{}}"), { format: "json", mode })) as SpecValidationError;
      expect(unusable.errors.map((e) => e.path)).toContain("id");
    }
  });

  it("an id is 1 to 100 characters long", () => {
    const spec = (id: string) => JSON.stringify({ ospec_version: "1.0.0", id, name: "xyz", outcome_type: "api" });
    expect(readSpec(spec("a".repeat(100)), { format: "json", mode: "lenient" }).specId).toBe("a".repeat(100));
    for (const length of [101, 129, 1_020, 2_000]) {
      const error = caught(() => readSpec(spec("a".repeat(length)), { format: "json", mode: "lenient" })) as SpecValidationError;
      expect(error, String(length)).toBeInstanceOf(SpecValidationError);
      expect(error.errors).toEqual([expect.objectContaining({ path: "id", message: expect.stringContaining("at most 100 characters") })]);
    }
  });

  it("cli-tool is not valid YAML: a parse error with line and column", () => {
    const error = caught(() => readSpec(loadOspecFixture("examples_cli-tool.yaml"), { format: "auto", mode: "lenient" }));
    expect(error).toBeInstanceOf(SpecParseError);
    expect((error as SpecParseError).code).toBe("SPEC_PARSE_ERROR");
    expect((error as SpecParseError).kind).toBe("invalid");
    expect((error as SpecParseError).errors).toEqual([{ path: "", message: expect.stringContaining("without - indicator"), line: 24, column: 1 }]);
    expect((error as SpecParseError).message).toContain("line 24, column 1");
  });

  it("keeps unknown sections: the canonical form holds them", () => {
    const read = readSpec(loadOspecFixture("examples_game-project.yaml"), { format: "auto", mode: "lenient" });
    expect(read.document.game).toBeDefined();
    expect(JSON.parse(read.canonical)).toEqual(parseSpecText(loadOspecFixture("examples_game-project.yaml"), "yaml").document);
    expect(read.warnings).toContainEqual(expect.objectContaining({ path: "game", message: "unknown field (not in the OSpec v1.0 schema)", line: 8, column: 1 }));
  });

  it("requires each identity field with the right shape", () => {
    const good = { ospec_version: "1.0.0", id: "my-app", name: "My app", outcome_type: "anything" };
    expect(validateSpec(good, "lenient")).toEqual({ valid: true, errors: [], warnings: expect.any(Array) });
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, ospec_version: 1 }, "ospec_version"],
      [{ ...good, ospec_version: "1.0" }, "ospec_version"],
      [{ ...good, id: "" }, "id"],
      [{ ...good, id: 7 }, "id"],
      [{ ...good, name: "  " }, "name"],
      [{ ...good, name: 7 }, "name"],
      [{ ...good, outcome_type: undefined }, "outcome_type"],
    ];
    for (const [document, field] of cases) {
      expect(validateSpec(document, "lenient").errors.map((issue) => issue.path)).toEqual([field]);
    }
  });
});

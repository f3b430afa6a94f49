import { describe, expect, it } from "vitest";
import { Document, isCollection, visit } from "yaml";
import { parseSpecText, SpecNotAMapError, SpecParseError, SpecTooComplexError } from "@rollgate/core/spec";
import { RollgateError } from "@rollgate/core/errors";
import { caught } from "../helpers/errors.js";


/**
 * Runs `run`, expecting it to throw `type`. How fast is the bench's business (no wall-clock
 * bound here); that the limit is met before the rest of the input is built shows in the
 * position the error names (see the `[[[[` case) and in the alias count yaml refuses.
 */
function refusedQuickly(run: () => unknown, type: new (...args: never[]) => Error): unknown {
  const error = caught(run);
  expect(error).toBeInstanceOf(type);
  return error;
}

describe("parseSpecText", () => {
  it("reads YAML and JSON into the same document, detecting the format", () => {
    const yaml = parseSpecText("id: a\nlist:\n  - 1\n  - x\n", "auto");
    const json = parseSpecText('  \n{"id": "a", "list": [1, "x"]}', "auto");
    expect(yaml).toEqual({ format: "yaml", document: { id: "a", list: [1, "x"] } });
    expect(json).toEqual({ format: "json", document: { id: "a", list: [1, "x"] } });
    expect(parseSpecText('{"a": 1}', "yaml").format).toBe("yaml");
  });

  it("reads YAML 1.2: `yes` and dates stay strings, no `<<` merges", () => {
    const { document } = parseSpecText("a: yes\nb: 2024-01-15\nc: 0x10\n", "yaml");
    expect(document).toEqual({ a: "yes", b: "2024-01-15", c: 16 });
  });

  it("reports YAML syntax errors with 1-based line and column", () => {
    const error = caught(() => parseSpecText("id: a\nlist: [1, 2\nname: b\n", "yaml")) as SpecParseError;
    expect(error).toBeInstanceOf(SpecParseError);
    expect(error).toBeInstanceOf(RollgateError);
    expect(error.code).toBe("SPEC_PARSE_ERROR");
    expect(error.errors[0]).toMatchObject({ path: "", line: expect.any(Number), column: expect.any(Number) });
    expect(error.errors[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it("reports JSON syntax errors with line and column", () => {
    const error = caught(() => parseSpecText('{\n  "id": "a",\n  "name": }\n', "auto")) as SpecParseError;
    expect(error).toBeInstanceOf(SpecParseError);
    expect(error.errors[0]).toMatchObject({ line: 3, column: 11 });
    const truncated = caught(() => parseSpecText('{"id": "a"', "json")) as SpecParseError;
    expect(truncated.errors[0]).toMatchObject({ line: 1, column: 11 });
    const misspelt = caught(() => parseSpecText('{"a": tru}', "json")) as SpecParseError;
    expect(misspelt.errors[0]).toEqual({ path: "", message: 'expected a value, found "t"', line: 1, column: 7 });
    const trailingComma = caught(() => parseSpecText('{"a": 1,\n}', "json")) as SpecParseError;
    expect(trailingComma.errors[0]).toMatchObject({ line: 2, column: 1 });
  });

  it("treats a duplicate key as a parse error, in YAML and in JSON", () => {
    const yaml = caught(() => parseSpecText("id: a\nname: x\nid: b\n", "yaml")) as SpecParseError;
    expect(yaml).toBeInstanceOf(SpecParseError);
    expect(yaml.errors[0]).toMatchObject({ line: 3, column: 1 });
    const json = caught(() => parseSpecText('{"id": "a",\n "nested": {"k": 1, "\\u006b": 2}}', "json")) as SpecParseError;
    expect(json).toBeInstanceOf(SpecParseError);
    expect(json.errors[0]).toMatchObject({ message: 'duplicate key "k"', line: 2, column: 21 });
    expect(parseSpecText('{"a": {"k": 1}, "b": {"k": 2}}', "json").document).toEqual({ a: { k: 1 }, b: { k: 2 } });
  });

  it("refuses a top level that is not a map", () => {
    for (const text of ["- a\n- b\n", "just text", "", "# only a comment\n", "[1]", "null"]) {
      const error = caught(() => parseSpecText(text, "auto"));
      expect(error).toBeInstanceOf(SpecNotAMapError);
      expect((error as SpecNotAMapError).code).toBe("SPEC_NOT_A_MAP");
    }
  });

  it("points at an alias whose anchor is missing", () => {
    const error = caught(() => parseSpecText("id: a\nb: *later\nc: &later 1\n", "yaml")) as SpecParseError;
    expect(error).toBeInstanceOf(SpecParseError);
    expect(error.errors[0]).toMatchObject({ line: 2, column: 4 });
  });

  it("refuses several YAML documents in one text", () => {
    expect(() => parseSpecText("id: a\n---\nid: b\n", "yaml")).toThrow(SpecParseError);
  });

  it("refuses values canonical JSON cannot hold", () => {
    const error = caught(() => parseSpecText("limits:\n  max: .inf\n", "yaml")) as SpecParseError;
    expect(error).toBeInstanceOf(SpecParseError);
    expect(error.errors[0]).toMatchObject({ path: "limits.max", line: 2, column: 3 });
    expect(() => parseSpecText('{"a": "\\ud800"}', "json")).toThrow(SpecParseError);
    expect(() => parseSpecText('{"a": 1e999}', "json")).toThrow(SpecParseError);
  });
});

describe("resource limits", () => {
  it("refuses 200 KB of `[` fast, as YAML and as JSON", () => {
    const brackets = "[".repeat(200_000);
    const error = refusedQuickly(() => parseSpecText(brackets, "auto"), SpecTooComplexError) as SpecTooComplexError;
    expect(error.code).toBe("SPEC_TOO_COMPLEX");
    expect(error.kind).toBe("invalid");
    // Refused at the first bracket too deep, not after reading 200 KB of them.
    expect(error.errors[0]).toMatchObject({ line: 1, column: 65 });
    refusedQuickly(() => parseSpecText(`{"a": ${brackets}`, "auto"), SpecTooComplexError);
    refusedQuickly(() => parseSpecText(`a: ${"{b: ".repeat(100_000)}`, "yaml"), SpecTooComplexError);
  });

  it("refuses deep block nesting, compact or indented", () => {
    refusedQuickly(() => parseSpecText(`a:\n  ${"- ".repeat(100_000)}x\n`, "yaml"), SpecTooComplexError);
    const indented = Array.from({ length: 2_000 }, (_, depth) => `${" ".repeat(depth)}k${depth}:`).join("\n");
    refusedQuickly(() => parseSpecText(indented, "yaml"), SpecTooComplexError);
  });

  it("accepts 64 levels and refuses 65", () => {
    const nested = (levels: number) => `${"a:\n".replace("a", "root")}${Array.from({ length: levels - 1 }, (_, i) => `${"  ".repeat(i + 1)}k:`).join("\n")} 1\n`;
    expect(() => parseSpecText(nested(64), "yaml")).not.toThrow();
    expect(() => parseSpecText(nested(65), "yaml")).toThrow(SpecTooComplexError);
    const json = (levels: number) => `${'{"k":'.repeat(levels)}1${"}".repeat(levels)}`;
    expect(() => parseSpecText(json(64), "json")).not.toThrow();
    expect(() => parseSpecText(json(65), "json")).toThrow(SpecTooComplexError);
  });

  it("judges nesting right whatever the YAML style (block, compact, flow, indentation)", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const depthOf = (value: unknown): number =>
      value !== null && typeof value === "object" ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;
    for (let i = 0; i < 150; i++) {
      let value: unknown = "leaf";
      for (let level = 55 + Math.floor(random() * 20); level > 1; level--) {
        const shape = random();
        value = shape < 0.4 ? { [`k${level}`]: value, other: 1 } : shape < 0.8 ? [value, "x"] : { only: value };
      }
      const document = { root: value };
      // Below a random level (or nowhere), collections are written in flow style.
      const flowFrom = random() < 0.5 ? Math.floor(random() * 70) : Infinity;
      const source = new Document(document);
      visit(source, {
        Collection(_key, node, path) {
          if (path.filter(isCollection).length >= flowFrom) node.flow = true;
        },
      });
      const text = source.toString({ indent: 1 + Math.floor(random() * 3), indentSeq: random() < 0.5 });
      const tooDeep = depthOf(document) > 64;
      if (tooDeep) expect(() => parseSpecText(text, "yaml")).toThrow(SpecTooComplexError);
      else expect(parseSpecText(text, "yaml").document).toEqual(document);
    }
  });

  it("reads a list of 124,000 items under 256 KiB (block and flow) without overflowing the stack", () => {
    const head = 'ospec_version: "1.0.0"\nid: wide\nname: Wide\noutcome_type: api\n';
    const flow = `${head}items: [${"1,".repeat(123_999)}1]\n`;
    const block = `${head}items:\n${"-\n".repeat(124_000)}`;
    for (const text of [flow, block]) {
      expect(text.length).toBeLessThan(256 * 1024);
      const { document } = parseSpecText(text, "yaml");
      expect((document.items as unknown[]).length).toBe(124_000);
    }
  });

  it("refuses a billion-laughs document fast", () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (const [previous, name] of ["ab", "bc", "cd", "de", "ef", "fg", "gh", "hi"]) {
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    refusedQuickly(() => parseSpecText(levels.join("\n"), "yaml"), SpecTooComplexError);
  });

  it("refuses a flood of aliases to one anchor fast", () => {
    const text = `a: &a [${Array.from({ length: 500 }, (_, i) => `item${i}`).join(", ")}]\nb: [${Array(20_000).fill("*a").join(", ")}]\n`;
    refusedQuickly(() => parseSpecText(text, "yaml"), SpecTooComplexError);
  });

  it("counts nesting after aliases are expanded", () => {
    const deep = (prefix: string, levels: number) => `${prefix}${"{k: ".repeat(levels)}1${"}".repeat(levels)}`;
    const text = `a: &deep ${deep("", 40)}\nb: ${"[".repeat(40)}*deep${"]".repeat(40)}\n`;
    expect(() => parseSpecText(text, "yaml")).toThrow(SpecTooComplexError);
    expect(parseSpecText("a: &x {k: 1}\nb: *x\n", "yaml").document).toEqual({ a: { k: 1 }, b: { k: 1 } });
  });
});

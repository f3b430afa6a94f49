import { Composer, LineCounter, Parser, type Document } from "yaml";
import { SpecNotAMapError, SpecParseError, SpecTooComplexError } from "./errors.js";
import { findValueProblem, maxAliasCount, maxNestingDepth, scanJsonText, scanYamlText, type TextLimitBreach } from "./limits.js";
import { createLocator, formatPath, positionAt, type PathSegment, type Position } from "./positions.js";

export type SpecFormat = "yaml" | "json";

/** A parsed spec: always a map at the top level. */
export interface ParsedSpec {
  document: Record<string, unknown>;
  format: SpecFormat;
}

/** What `readSpec` needs beyond the document: a way back from a path to the source text. */
export interface ParsedSource extends ParsedSpec {
  locate: (path: readonly PathSegment[]) => Position | undefined;
}

/**
 * Parses spec text into a plain document. `auto` reads JSON when the text starts with `{`
 * (after whitespace), else YAML.
 *
 * @throws SpecParseError on a syntax error or a duplicate key, with 1-based line and column
 * @throws SpecNotAMapError when the top level is not a map
 * @throws SpecTooComplexError on nesting deeper than 64 levels or an alias bomb, before
 *   building much of anything
 */
export function parseSpecText(text: string, format: SpecFormat | "auto"): ParsedSpec {
  const { document, format: detected } = parseSpecSource(text, format);
  return { document, format: detected };
}

/** `parseSpecText` that also keeps the source positions (for `readSpec`). */
export function parseSpecSource(text: string, format: SpecFormat | "auto"): ParsedSource {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const resolved: SpecFormat = format === "auto" ? (/^\s*\{/.test(source) ? "json" : "yaml") : format;
  if (resolved === "json") {
    const value = parseJson(source);
    const document = checkValue(value, source);
    let locate: ParsedSource["locate"] | undefined;
    // JSON is YAML: positions come from yaml's tree, built only when someone asks for one.
    return {
      document,
      format: resolved,
      locate: (path) => {
        locate ??= yamlLocator(source);
        return locate(path);
      },
    };
  }
  const { value, locate } = parseYaml(source);
  return { document: checkValue(value, source), format: resolved, locate };
}

function parseJson(text: string): unknown {
  const scan = scanJsonText(text);
  if (scan.breach) throw tooComplex(text, scan.breach);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const at = /at position (\d+)/.exec(reason);
    const offset = at ? Number(at[1]) : text.length;
    const message = reason.replace(/\s*(in JSON )?at position \d+.*$/s, "").replace(/ in JSON$/, "");
    throw syntaxError(text, offset, message, error);
  }
  if (scan.duplicate) throw syntaxError(text, scan.duplicate.offset, `duplicate key "${scan.duplicate.key}"`);
  return value;
}

function parseYaml(text: string): { value: unknown; locate: ParsedSource["locate"] } {
  const breach = scanYamlText(text);
  if (breach) throw tooComplex(text, breach);
  const lineCounter = new LineCounter();
  const tokens = new Parser(lineCounter.addNewLine).parse(text);
  // uniqueKeys (the default) turns a duplicate key into an error; YAML 1.2 core schema:
  // no `<<` merges, no timestamps, `yes` is a string.
  const documents = [...new Composer({ version: "1.2", uniqueKeys: true, prettyErrors: false }).compose(tokens, true, text.length)];
  const [document, second] = documents as [Document.Parsed, Document.Parsed | undefined];
  const failure = document.errors[0];
  if (failure) throw syntaxError(text, failure.pos[0], failure.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, ""), failure);
  if (second) throw syntaxError(text, second.range[0], "expected one YAML document, found several (---)");
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount });
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      const exhausted = /resource exhaustion/.test(error.message);
      if (exhausted) throw new SpecTooComplexError("The document expands its aliases too many times.", { maxAliasCount }, { cause: error });
      throw syntaxError(text, 0, error.message, error);
    }
    throw error;
  }
  return { value, locate: createLocator(document, lineCounter) };
}

function yamlLocator(text: string): ParsedSource["locate"] {
  const lineCounter = new LineCounter();
  const tokens = new Parser(lineCounter.addNewLine).parse(text);
  const [document] = [...new Composer({ prettyErrors: false }).compose(tokens, true, text.length)];
  return document && document.errors.length === 0 ? createLocator(document, lineCounter) : () => undefined;
}

/** The checks only the built value can answer: the top is a map, and it fits in canonical JSON. */
function checkValue(value: unknown, text: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new SpecNotAMapError(value === null || value === undefined ? "nothing" : Array.isArray(value) ? "a list" : `a ${typeof value}`);
  }
  // Aliases share subtrees; the canonical form writes them out. Far past the text's own size is an attack.
  const budget = Math.max(2 * 1024 * 1024, 4 * text.length);
  const problem = findValueProblem(value, budget);
  if (problem?.kind === "depth") {
    throw new SpecTooComplexError(`The document nests deeper than ${maxNestingDepth} levels.`, { maxNestingDepth, path: formatPath(problem.path) });
  }
  if (problem?.kind === "size") throw new SpecTooComplexError("The document expands to far more data than its text holds.", { budget });
  if (problem) {
    const path = formatPath(problem.path);
    throw new SpecParseError(`Unsupported value at ${path || "the top level"}: ${problem.problem}.`, { path, message: problem.problem });
  }
  return value as Record<string, unknown>;
}

function syntaxError(text: string, offset: number, reason: string, cause?: unknown): SpecParseError {
  const { line, column } = positionAt(text, offset);
  return new SpecParseError(`Syntax error at line ${line}, column ${column}: ${reason}`, { path: "", message: reason, line, column }, cause);
}

function tooComplex(text: string, breach: TextLimitBreach): SpecTooComplexError {
  const { line, column } = positionAt(text, breach.offset);
  const message =
    breach.kind === "depth"
      ? `The document nests deeper than ${maxNestingDepth} levels (line ${line}, column ${column}).`
      : `The document uses far more aliases than a spec needs (line ${line}, column ${column}).`;
  return new SpecTooComplexError(message, { maxNestingDepth, maxAliasCount }, { line, column });
}

import { Composer, isMap, isPair, isScalar, isSeq, LineCounter, Parser, visit, type Document } from "yaml";
import { SpecNotAMapError, SpecParseError, SpecTooComplexError } from "./errors.js";
import { findJsonSyntaxError } from "./json-syntax.js";
import { findValueProblem, maxAliasCount, maxNestingDepth, scanJsonText, type TextLimitBreach, yamlTokensWithinLimits } from "./limits.js";
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
    let locateInJson: ParsedSource["locate"] | undefined;
    // JSON is YAML: positions come from yaml's tree, built only when someone asks for one.
    const locate: ParsedSource["locate"] = (path) => {
      locateInJson ??= yamlLocator(source);
      return locateInJson(path);
    };
    return { document: checkValue(value, source, locate), format: resolved, locate };
  }
  const { value, locate } = parseYaml(source);
  return { document: checkValue(value, source, locate), format: resolved, locate };
}

function parseJson(text: string): unknown {
  const scan = scanJsonText(text);
  if (scan.breach) throw tooComplex(text, scan.breach);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const located = findJsonSyntaxError(text) ?? { offset: text.length, message: error instanceof Error ? error.message : String(error) };
    throw syntaxError(text, located.offset, located.message, error);
  }
  if (scan.duplicate) throw syntaxError(text, scan.duplicate.offset, `duplicate key "${scan.duplicate.key}"`);
  return value;
}

function parseYaml(text: string): { value: unknown; locate: ParsedSource["locate"] } {
  const lineCounter = new LineCounter();
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0); // as Parser.parse would: the first line starts at 0
  const tokens = [];
  // One lexing pass, checked token by token before the parser sees it.
  const lexemes = yamlTokensWithinLimits(text);
  for (let step = lexemes.next(); ; step = lexemes.next()) {
    if (step.done) {
      if (step.value) throw tooComplex(text, step.value);
      break;
    }
    for (const token of parser.next(step.value)) tokens.push(token);
  }
  for (const token of parser.end()) tokens.push(token);
  // YAML 1.2 core schema: no `<<` merges, no timestamps, `yes` is a string. yaml's own
  // duplicate-key check compares each key with every earlier one (seconds for a 30,000-key
  // map), so duplicates are found here instead, in one pass.
  // logLevel "error": yaml would otherwise print process warnings (collection keys, custom tags) on a server.
  const composer = new Composer({ version: "1.2", uniqueKeys: false, prettyErrors: false, logLevel: "error" });
  const documents = [...composer.compose(tokens, true, text.length)];
  const [document, second] = documents as [Document.Parsed, Document.Parsed | undefined];
  const failure = document.errors[0];
  if (failure) throw syntaxError(text, failure.pos[0], failure.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, ""), failure);
  if (second) throw syntaxError(text, second.range[0], "expected one YAML document, found several (---)");
  const duplicate = findDuplicateKey(document.contents);
  if (duplicate) throw syntaxError(text, duplicate.offset, `duplicate key "${duplicate.key}"`);
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount });
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      const exhausted = /resource exhaustion/.test(error.message);
      if (exhausted) throw new SpecTooComplexError("The document expands its aliases too many times.", { maxAliasCount }, { cause: error });
      throw syntaxError(text, aliasOffset(document, /: (.*)$/.exec(error.message)?.[1]), error.message, error);
    }
    throw error;
  }
  return { value, locate: createLocator(document, lineCounter) };
}

/** The first key that appears twice in one map, comparing keys as the JS object will (`1` and `"1"` collide). */
function findDuplicateKey(root: unknown): { key: string; offset: number } | undefined {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const key = String(pair.key.value);
          if (seen.has(key)) return { key, offset: pair.key.range?.[0] ?? 0 };
          seen.add(key);
        }
        pending.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      // A loop, not push(...items): spreading a 100k-item list overflows the call stack.
      for (const item of node.items) pending.push(item);
    } else if (isPair(node)) {
      pending.push(node.key, node.value);
    }
  }
  return undefined;
}

/** Where the first alias to `anchor` is (for "Unresolved alias" errors, which yaml reports without one). */
function aliasOffset(document: Document.Parsed, anchor: string | undefined): number {
  let offset = 0;
  visit(document, {
    Alias(_key, node) {
      if (node.source !== anchor) return undefined;
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function yamlLocator(text: string): ParsedSource["locate"] {
  const lineCounter = new LineCounter();
  const tokens = new Parser(lineCounter.addNewLine).parse(text);
  const [document] = [...new Composer({ uniqueKeys: false, prettyErrors: false, logLevel: "error" }).compose(tokens, true, text.length)];
  return document && document.errors.length === 0 ? createLocator(document, lineCounter) : () => undefined;
}

/** The checks only the built value can answer: the top is a map, and it fits in canonical JSON. */
function checkValue(value: unknown, text: string, locate: ParsedSource["locate"]): Record<string, unknown> {
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
    const position = locate(problem.path);
    const where = position ? ` (line ${position.line}, column ${position.column})` : "";
    throw new SpecParseError(`Unsupported value at ${path || "the top level"}${where}: ${problem.problem}.`, { path, message: problem.problem, ...position });
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

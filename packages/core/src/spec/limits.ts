import { CST, Lexer } from "yaml";

/** Deepest nesting of maps and lists a spec may have (the top-level map is level 1). */
export const maxNestingDepth = 64;
/** Passed to yaml's `toJS`: it refuses documents whose aliases would expand past this. */
export const maxAliasCount = 100;

const tooManyAliasTokens = maxAliasCount * 10;

export type TextLimitBreach = { kind: "depth" | "aliases"; offset: number };

/**
 * Looks for nesting deeper than `maxNestingDepth` in JSON text without building anything,
 * stopping at the first level too deep, and notes the first duplicate key (JSON.parse
 * silently keeps the last one). Run before JSON.parse so a `[[[[…` bomb costs nothing.
 */
export function scanJsonText(text: string): { breach?: TextLimitBreach; duplicate?: { key: string; offset: number } } {
  const frames: { keys?: Set<string>; expectKey: boolean }[] = [];
  let duplicate: { key: string; offset: number } | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      const top = frames[frames.length - 1];
      if (top?.keys && top.expectKey) {
        top.expectKey = false;
        const key = decodeJsonString(text.slice(i, end + 1));
        if (top.keys.has(key)) duplicate ??= { key, offset: i };
        else top.keys.add(key);
      }
      i = end;
    } else if (ch === "{" || ch === "[") {
      frames.push(ch === "{" ? { keys: new Set(), expectKey: true } : { expectKey: false });
      if (frames.length > maxNestingDepth) return { breach: { kind: "depth", offset: i } };
    } else if (ch === "}" || ch === "]") {
      frames.pop();
    } else if (ch === ",") {
      const top = frames[frames.length - 1];
      if (top?.keys) top.expectKey = true;
    }
  }
  return duplicate ? { duplicate } : {};
}

function decodeJsonString(literal: string): string {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return literal.slice(1, -1); // malformed: JSON.parse will report it
  }
}

type BlockCollection = { column: number; kind: "map" | "seq" };

/**
 * yaml's lexer tokens for `text`, stopping at the first point nested deeper than
 * `maxNestingDepth` or once aliases are far beyond what yaml's `toJS` would expand; the
 * generator then returns where. yaml's parser and composer slow down badly (or run out of
 * memory) on very deep input, so they are fed from here and never see it. Block
 * collections are tracked by column; the estimate can undercount only flow-style implicit
 * pairs (`[a: [b: …]]`), which the exact check on the built value catches.
 */
export function* yamlTokensWithinLimits(text: string): Generator<string, TextLimitBreach | undefined> {
  const blocks: BlockCollection[] = [];
  let flowDepth = 0;
  let aliases = 0;
  let offset = 0;
  let lineStart = 0;
  let nodeColumn: number | undefined; // where the node now being read started on this line

  const open = (column: number, kind: BlockCollection["kind"]): boolean => {
    let top = blocks[blocks.length - 1];
    // A key at the column of a list ends that list (`key:\n- a\nnext: b`).
    while (top && (top.column > column || (kind === "map" && top.column === column && top.kind === "seq"))) {
      blocks.pop();
      top = blocks[blocks.length - 1];
    }
    if (!(top && top.column === column && top.kind === kind)) blocks.push({ column, kind });
    return blocks.length + flowDepth > maxNestingDepth;
  };

  let scalarSource = false; // the lexer marks a scalar, then sends its source text
  for (const token of new Lexer().lex(text)) {
    if (token === CST.DOCUMENT || token === CST.SCALAR || token === CST.FLOW_END) {
      scalarSource = token === CST.SCALAR;
      yield token; // parser control tokens, not source text
      continue;
    }
    const start = offset;
    const column = start - lineStart;
    offset += token.length;
    const type = scalarSource ? null : CST.tokenType(token);
    scalarSource = false;
    let deeper = false;
    if (type === "alias" && ++aliases > tooManyAliasTokens) return { kind: "aliases", offset: start };
    if (type === "flow-seq-start" || type === "flow-map-start") {
      nodeColumn ??= column;
      flowDepth += 1;
      deeper = blocks.length + flowDepth > maxNestingDepth;
    } else if (type === "flow-seq-end" || type === "flow-map-end") {
      flowDepth = Math.max(0, flowDepth - 1);
    } else if (flowDepth === 0) {
      if (type === "seq-item-ind" || type === "explicit-key-ind") {
        deeper = open(column, type === "seq-item-ind" ? "seq" : "map");
        nodeColumn = undefined;
      } else if (type === "map-value-ind") {
        deeper = open(nodeColumn ?? column, "map");
        nodeColumn = undefined;
      } else if (type === "doc-start" || type === "doc-end" || type === "directive-line") {
        blocks.length = 0;
      } else if (type !== "space" && type !== "newline" && type !== "comment" && type !== "byte-order-mark") {
        nodeColumn ??= column;
      }
    }
    if (deeper) return { kind: "depth", offset: start };
    const newline = token.lastIndexOf("\n");
    if (newline >= 0) {
      lineStart = start + newline + 1;
      nodeColumn = undefined;
    }
    yield token;
  }
  return undefined;
}

export type ValueProblem = { path: (string | number)[]; problem: string; kind: "depth" | "size" | "value" };

// With the `u` flag a surrogate pair is one code point, so this matches lone halves only.
const loneSurrogate = /[\uD800-\uDFFF]/u;

/**
 * Walks a parsed value (iteratively: no recursion to overflow) and returns the first thing
 * that cannot be stored as canonical JSON or that breaks the limits: nesting past
 * `maxNestingDepth`, an expansion past `budget` (shared subtrees from YAML aliases count
 * once per use, as they would in the canonical form), a non-finite number or a lone
 * surrogate.
 */
export function findValueProblem(root: unknown, budget: number): ValueProblem | undefined {
  type Frame = { value: unknown; depth: number; parent?: Frame; key?: string | number };
  const stack: Frame[] = [{ value: root, depth: 0 }];
  let spent = 0;
  const pathOf = (frame: Frame): (string | number)[] => {
    const path: (string | number)[] = [];
    for (let f: Frame | undefined = frame; f?.parent; f = f.parent) path.unshift(f.key!);
    return path;
  };
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value } = frame;
    if (typeof value === "string") {
      spent += value.length + 2;
      if (loneSurrogate.test(value)) return { path: pathOf(frame), problem: "a string holds a lone surrogate (not valid Unicode)", kind: "value" };
    } else if (typeof value === "number") {
      spent += 8;
      if (!Number.isFinite(value)) return { path: pathOf(frame), problem: `${value} cannot be represented in JSON`, kind: "value" };
    } else if (value !== null && typeof value === "object") {
      const depth = frame.depth + 1;
      if (depth > maxNestingDepth) return { path: pathOf(frame), problem: `nesting deeper than ${maxNestingDepth} levels`, kind: "depth" };
      spent += 2;
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth, parent: frame, key: i });
      } else {
        for (const key of Object.keys(value)) {
          spent += key.length + 3;
          if (loneSurrogate.test(key)) return { path: pathOf(frame), problem: "a key holds a lone surrogate (not valid Unicode)", kind: "value" };
          stack.push({ value: (value as Record<string, unknown>)[key], depth, parent: frame, key });
        }
      }
    } else {
      spent += 5;
    }
    if (spent > budget) return { path: pathOf(frame), problem: "the document expands to far more data than its text holds", kind: "size" };
  }
  return undefined;
}

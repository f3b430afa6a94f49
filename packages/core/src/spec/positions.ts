import { isMap, isAlias, isScalar, isSeq, LineCounter, type Document, type Node as YamlNode } from "yaml";

export type Position = { line: number; column: number };
export type PathSegment = string | number;

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/** `["deployment", "canary", "traffic_split", 1]` -> `deployment.canary.traffic_split[1]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? segment : `.${segment}`;
  }
  return out;
}

/**
 * Finds where a path sits in the source: the key of a map entry (the line a reader looks
 * for), or the item of a list. A path that is missing (a required field) points at the
 * nearest map that exists, except the document itself, which would say nothing.
 */
export function createLocator(document: Document, lineCounter: LineCounter): (path: readonly PathSegment[]) => Position | undefined {
  const at = (node: YamlNode | null | undefined): Position | undefined => {
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return (path) => {
    let node: unknown = document.contents;
    let found: Position | undefined;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(document);
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) return found;
        found = at(pair.key as YamlNode) ?? found;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment];
        if (item === undefined) return found;
        found = at(item as YamlNode) ?? found;
        node = item;
      } else {
        return found;
      }
    }
    return found;
  };
}

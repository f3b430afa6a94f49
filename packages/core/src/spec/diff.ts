import jsonPatch from "fast-json-patch";
import { formatPath, type PathSegment } from "./positions.js";

/** An RFC 6902 JSON Patch operation (`diffSpecs` produces add, remove and replace). */
export type JsonPatchOperation =
  | { op: "add" | "replace" | "test"; path: string; value: unknown }
  | { op: "remove"; path: string }
  | { op: "move" | "copy"; path: string; from: string };

/** One change to a setting that drives rollouts; `path` is dotted (`deployment.canary.traffic_split[1].percentage`). */
export interface RolloutChange {
  path: string;
  from?: unknown;
  to?: unknown;
  op: "add" | "remove" | "replace";
}

/** How one version of a spec differs from another. */
export interface SpecDiff {
  /** Applying it to `from` (fast-json-patch `applyPatch`, any RFC 6902 library) gives `to`. */
  patch: JsonPatchOperation[];
  /** The changes under `deployment`, `environments` and `guardrails.deployment`. */
  rolloutChanges: RolloutChange[];
  /** One short line per rollout change, then one line counting the other changes. */
  summary: string[];
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return value !== null && typeof value === "object";
}

/** A JSON pointer as path segments, with list positions as numbers (looked up in the documents). */
function segmentsOf(pointer: string, from: unknown, to: unknown): PathSegment[] {
  const raw = pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const segments: PathSegment[] = [];
  let [left, right] = [from, to];
  for (const segment of raw) {
    const inList = Array.isArray(left) || Array.isArray(right);
    segments.push(inList ? Number(segment) : segment);
    left = isContainer(left) ? (left as Record<string, unknown>)[segment] : undefined;
    right = isContainer(right) ? (right as Record<string, unknown>)[segment] : undefined;
  }
  return segments;
}

function valueAt(document: unknown, path: readonly PathSegment[]): { found: boolean; value?: unknown } {
  let node: unknown = document;
  for (const segment of path) {
    if (!isContainer(node) || !Object.prototype.hasOwnProperty.call(node, segment)) return { found: false };
    node = (node as Record<string, unknown>)[segment];
  }
  return { found: true, value: node };
}

function isRolloutPath(path: readonly PathSegment[]): boolean {
  return path[0] === "deployment" || path[0] === "environments" || (path[0] === "guardrails" && path[1] === "deployment");
}

function changeAt(path: PathSegment[], from: Record<string, unknown>, to: Record<string, unknown>): RolloutChange | undefined {
  const before = valueAt(from, path);
  const after = valueAt(to, path);
  if (!before.found && !after.found) return undefined;
  if (!before.found) return { path: formatPath(path), op: "add", to: after.value };
  if (!after.found) return { path: formatPath(path), op: "remove", from: before.value };
  if (JSON.stringify(before.value) === JSON.stringify(after.value)) return undefined;
  return { path: formatPath(path), op: "replace", from: before.value, to: after.value };
}

function show(value: unknown): string {
  if (typeof value === "string" && /^[\w.:/@-]+$/.test(value)) return value;
  const json = JSON.stringify(value) ?? "null";
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

function describe(change: RolloutChange): string {
  if (change.op === "add") return `${change.path}: added ${show(change.to)}`;
  if (change.op === "remove") return `${change.path}: removed (was ${show(change.from)})`;
  return `${change.path}: ${show(change.from)} -> ${show(change.to)}`;
}

/**
 * Compares two spec documents: an RFC 6902 patch from `from` to `to` (fast-json-patch
 * `compare`), the rollout-relevant changes in it, and a human summary such as
 * `deployment.strategy: canary -> blue_green`.
 */
export function diffSpecs(from: Record<string, unknown>, to: Record<string, unknown>): SpecDiff {
  const patch = jsonPatch.compare(from, to) as JsonPatchOperation[];
  const rolloutChanges: RolloutChange[] = [];
  const otherSections = new Set<string>();
  let otherCount = 0;
  for (const operation of patch) {
    const path = segmentsOf(operation.path, from, to);
    if (isRolloutPath(path)) {
      const change = changeAt(path, from, to);
      if (change) rolloutChanges.push(change);
    } else if (path.length === 1 && path[0] === "guardrails") {
      // `guardrails` added, removed or replaced as a whole: its `deployment` part may be in it.
      const change = changeAt(["guardrails", "deployment"], from, to);
      if (change) rolloutChanges.push(change);
      otherCount += 1;
      otherSections.add("guardrails");
    } else {
      otherCount += 1;
      otherSections.add(String(path[0] ?? ""));
    }
  }
  const summary = rolloutChanges.map(describe);
  if (otherCount > 0) {
    const sections = [...otherSections];
    const named = sections.length > 5 ? `${sections.slice(0, 5).join(", ")}, ...` : sections.join(", ");
    summary.push(`${otherCount} other change${otherCount === 1 ? "" : "s"} outside the rollout settings (${named})`);
  }
  return { patch, rolloutChanges, summary };
}

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
  /** Set when the change lowers a guardrail: approval removed, an approver role dropped, the promotion order changed. */
  loosens?: true;
  /** Why it loosens, in words (with `loosens`). */
  why?: string;
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
  const loosens = change.loosens ? ` [loosens: ${change.why}]` : "";
  if (change.op === "add") return `${change.path}: added ${show(change.to)}${loosens}`;
  if (change.op === "remove") return `${change.path}: removed (was ${show(change.from)})${loosens}`;
  return `${change.path}: ${show(change.from)} -> ${show(change.to)}${loosens}`;
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
  markLoosening(rolloutChanges, from, to);
  const summary = rolloutChanges.map(describe);
  if (otherCount > 0) {
    const sections = [...otherSections];
    const named = sections.length > 5 ? `${sections.slice(0, 5).join(", ")}, ...` : sections.join(", ");
    summary.push(`${otherCount} other change${otherCount === 1 ? "" : "s"} outside the rollout settings (${named})`);
  }
  return { patch, rolloutChanges, summary };
}

// ---- Guardrails that got looser -------------------------------------------------------------

/** The server's default promotion path, for documents without an `environments` map. */
const defaultPath = ["dev", "staging", "production"];

/** The guardrails a document sets, read loosely (documents in the registry passed validation). */
function guardrailsOf(document: Record<string, unknown>) {
  const record = (value: unknown) => (isContainer(value) && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
  const environments = record(document.environments);
  const listed = record(record(document.guardrails)?.deployment)?.human_approval_required;
  const required: true | string[] = listed === true ? true : Array.isArray(listed) ? listed.filter((e): e is string => typeof e === "string") : [];
  const path = environments && Object.keys(environments).length > 0 ? Object.keys(environments) : defaultPath;
  const env = (name: string) => record(environments?.[name]) ?? {};
  const roles = (name: string) => {
    const approvers = env(name).approvers;
    return Array.isArray(approvers) ? approvers.filter((r): r is string => typeof r === "string") : [];
  };
  const needsApproval = (name: string) => required === true || required.includes(name) || env(name).requires_approval === true;
  return { path, required, env, roles, needsApproval };
}

/**
 * Marks the changes that lower a guardrail with `loosens: true` and a reason: an
 * environment's approval removed or set false, an approver role removed, a
 * `human_approval_required` entry removed, an environment dropped from the promotion path
 * or the path reordered. A pure reorder of the `environments` map is no JSON Patch operation
 * (object key order is not data there), so it gets a change of its own.
 */
function markLoosening(changes: RolloutChange[], fromDoc: Record<string, unknown>, toDoc: Record<string, unknown>) {
  const before = guardrailsOf(fromDoc);
  const after = guardrailsOf(toDoc);
  // A reason concerns changes `within` a path (its entries too), or only changes `at` it (or of a container of it).
  const reasons: { prefix: string; scope: "within" | "at"; why: string }[] = [];
  const note = (prefix: string, scope: "within" | "at", why: string) => reasons.push({ prefix, scope, why });

  for (const env of before.path) {
    if (!after.path.includes(env)) note(`environments.${env}`, "at", `${env} removed from the promotion path`);
    if (before.needsApproval(env) && !after.needsApproval(env)) {
      const why = `${env} no longer requires approval`;
      note(`environments.${env}.requires_approval`, "within", why);
      note("guardrails.deployment.human_approval_required", "within", why);
      note(`environments.${env}`, "at", why);
    } else if (before.env(env).requires_approval === true && after.env(env).requires_approval !== true) {
      note(`environments.${env}.requires_approval`, "within", `requires_approval of ${env} is no longer true`);
    }
    const dropped = before.roles(env).filter((role) => !after.roles(env).includes(role));
    if (dropped.length > 0) note(`environments.${env}.approvers`, "within", `approver role ${dropped.join(", ")} removed from ${env}`);
  }
  const removedEntries =
    before.required === true
      ? after.required === true ? [] : ["true (every environment)"]
      : before.required.filter((env) => after.required !== true && !after.required.includes(env));
  if (removedEntries.length > 0) {
    note("guardrails.deployment.human_approval_required", "within", `human_approval_required no longer lists ${removedEntries.join(", ")}`);
  }
  const common = (a: string[], b: string[]) => a.filter((env) => b.includes(env)).join(" -> ");
  const reordered = common(before.path, after.path) !== common(after.path, before.path);
  const orderWhy = `the promotion order changed: ${before.path.join(" -> ")} became ${after.path.join(" -> ")}`;
  if (reordered) note("environments", "at", orderWhy);

  for (const change of changes) {
    const why = reasons.filter((r) => appliesTo(r.prefix, r.scope, change.path)).map((r) => r.why);
    if (why.length > 0) Object.assign(change, { loosens: true, why: [...new Set(why)].join("; ") });
  }
  if (reordered && !changes.some((change) => change.path === "environments")) {
    changes.push({ path: "environments", op: "replace", from: before.path, to: after.path, loosens: true, why: orderWhy });
  }
}

/** `inner` is `outer` or inside it (`a.b[1]` inside `a.b`). */
function isWithin(outer: string, inner: string): boolean {
  return inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
}

/** A change at `path` is concerned when it replaces `prefix` or a container of it, or (`within`) sits inside it. */
function appliesTo(prefix: string, scope: "within" | "at", path: string): boolean {
  return isWithin(path, prefix) || (scope === "within" && isWithin(prefix, path));
}

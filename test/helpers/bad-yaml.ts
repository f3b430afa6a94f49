/**
 * A small seeded generator of hostile YAML documents for property tests: deep lists, wide
 * lists, long scalars, many keys, anchors and aliases, and mixtures, each at most
 * `maxBytes` (the API's body limit). Sizes are drawn log-uniformly, so most cases are
 * small and a few are at the limit; the first case of each kind is the extreme one.
 */
export type BadYamlKind = "deep" | "wide" | "long-scalar" | "many-keys" | "aliases" | "mixed";

export interface BadYamlCase {
  kind: BadYamlKind;
  label: string;
  text: string;
  /** Sent with ?validation=strict. */
  strict: boolean;
  /** The kebab-case id the document carries, when it carries one. */
  specId?: string;
}

const maxBytes = 255 * 1024;
const kinds: BadYamlKind[] = ["deep", "wide", "long-scalar", "many-keys", "aliases", "mixed"];

/** mulberry32: a tiny seeded PRNG, enough to replay a case from its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
/** Log-uniform in [min, max]: small sizes often, the maximum sometimes. */
const size = (rng: Rng, min: number, max: number, extreme: boolean) =>
  extreme ? max : Math.round(Math.exp(Math.log(min) + rng() * (Math.log(max) - Math.log(min))));

/** A YAML value (as text that may span lines, indented by `indent`) of one hostile shape. */
function shape(rng: Rng, kind: Exclude<BadYamlKind, "mixed">, budget: number, extreme: boolean, indent: string): string {
  switch (kind) {
    case "deep": {
      const depth = size(rng, 8, 5_000, extreme);
      const style = pick(rng, ["flow-seq", "flow-map", "block-seq", "block-map"] as const);
      if (style === "flow-seq") return `${"[".repeat(depth)}1${"]".repeat(depth)}`.slice(0, budget);
      if (style === "flow-map") return `${"{a: ".repeat(depth)}1${"}".repeat(depth)}`.slice(0, budget);
      const lines: string[] = [];
      let used = 0;
      for (let level = 0; level < depth && used < budget - 400; level++) {
        const line = `${indent}${"  ".repeat(level)}${style === "block-seq" ? "-" : `k${level}:`}`;
        used += line.length + 1;
        lines.push(line);
      }
      return `\n${lines.join("\n")} 1`;
    }
    case "wide": {
      const style = pick(rng, ["flow", "block", "flow-strings"] as const);
      const per = style === "flow" ? 2 : style === "block" ? indent.length + 4 : 5;
      const count = Math.max(1, Math.floor(size(rng, 10, Math.floor(budget / per) - 10, extreme)));
      if (style === "flow") return `[${"1,".repeat(count - 1)}1]`;
      if (style === "flow-strings") return `[${'"a",'.repeat(count - 1)}"a"]`;
      return `\n${`${indent}- 1\n`.repeat(count).trimEnd()}`;
    }
    case "long-scalar": {
      const length = size(rng, 100, budget - 200, extreme);
      const style = pick(rng, ["plain", "double", "single", "literal"] as const);
      const body = pick(rng, ["x", "é", "ab ", "\\u00e9"]).repeat(length).slice(0, length).trimEnd() || "x";
      if (style === "plain") return body.replaceAll("\\", "x");
      if (style === "double") return `"${body}"`;
      if (style === "single") return `'${body.replaceAll("\\", "x")}'`;
      return `|\n${indent}  ${body.replaceAll("\\", "x")}`;
    }
    case "many-keys": {
      const lineLength = indent.length + 10;
      const count = Math.max(1, size(rng, 10, Math.floor(budget / lineLength) - 10, extreme));
      const duplicate = rng() < 0.2;
      const lines = Array.from({ length: count }, (_, i) => `${indent}k${duplicate && i === count - 1 ? 0 : i}: ${i % 7}`);
      return `\n${lines.join("\n")}`;
    }
    case "aliases": {
      // Billion laughs (each level aliases the one before many times), or an alias to nothing.
      if (rng() < 0.2) return `*missing`;
      const levels = size(rng, 2, 12, extreme);
      const fan = int(rng, 2, 10);
      const lines = [`\n${indent}l0: &l0 [${'"lol",'.repeat(fan - 1)}"lol"]`];
      for (let level = 1; level < levels; level++) lines.push(`${indent}l${level}: &l${level} [${Array.from({ length: fan }, () => `*l${level - 1}`).join(",")}]`);
      return lines.join("\n");
    }
  }
}

const identity = (id: string) => `ospec_version: "1.0.0"\nid: ${id}\nname: Hostile shape\noutcome_type: api\n`;
/** Where a shape goes: a section Rollgate ignores, one it validates, one it acts on, or the top. */
const placements = ["extra", "metadata.tags", "deployment", "deployment.canary.traffic_split", "environments", "id", "top"] as const;

function place(rng: Rng, value: (indent: string, budget: number) => string, id: string, placement: (typeof placements)[number]): { text: string; specId?: string } {
  const head = identity(id);
  const budget = maxBytes - head.length - 200;
  switch (placement) {
    case "top":
      return { text: value("", maxBytes - 10) };
    case "id":
      return { text: `ospec_version: "1.0.0"\nname: Hostile id\noutcome_type: api\nid: ${value("  ", budget)}\n` };
    case "extra":
    case "deployment":
    case "environments":
      return { text: `${head}${placement}: ${value("  ", budget)}\n`, specId: id };
    case "metadata.tags":
      return { text: `${head}metadata:\n  tags: ${value("    ", budget)}\n`, specId: id };
    case "deployment.canary.traffic_split":
      return { text: `${head}deployment:\n  canary:\n    traffic_split: ${value("      ", budget)}\n`, specId: id };
  }
}

/**
 * `count` cases, cycling through the kinds (the first of each kind at its extreme size).
 * `registrable`: put the shape where lenient mode accepts it (an unknown section).
 */
export function badYamlCases(seed: number, count: number, options: { kind?: BadYamlKind; registrable?: boolean } = {}): BadYamlCase[] {
  const rng = random(seed);
  const cases: BadYamlCase[] = [];
  for (let i = 0; i < count; i++) {
    const kind = options.kind ?? kinds[i % kinds.length]!;
    const extreme = i < kinds.length;
    const id = `hostile-${seed}-${i}`;
    const placement = options.registrable ? "extra" : pick(rng, placements);
    let value: (indent: string, budget: number) => string;
    if (kind === "mixed") {
      const parts = Array.from({ length: int(rng, 2, 4) }, () => pick(rng, ["deep", "wide", "long-scalar", "many-keys", "aliases"] as const));
      value = (indent, budget) => {
        const each = Math.floor(budget / parts.length) - 50;
        const entries = parts.map((part, n) => `${indent}m${n}: ${shape(rng, part, each, false, `${indent}  `)}`);
        return `\n${entries.join("\n")}`;
      };
    } else {
      value = (indent, budget) => shape(rng, kind, budget, extreme, indent);
    }
    const placed = place(rng, value, id, placement);
    let text = placed.text;
    // Sometimes cut it short or add a stray byte: the shape must also fail safely when broken.
    const damage = options.registrable ? 1 : rng();
    if (damage < 0.1) text = text.slice(0, int(rng, 1, text.length));
    else if (damage < 0.15) text = `${text.slice(0, text.length >> 1)}\t\u0000${text.slice(text.length >> 1)}`;
    while (Buffer.byteLength(text) > maxBytes) text = text.slice(0, Math.floor(text.length * 0.9));
    cases.push({
      kind,
      label: `#${i} ${kind} in ${placement}${damage < 0.15 ? " (damaged)" : ""}`,
      text,
      strict: !options.registrable && rng() < 0.3,
      ...(placed.specId ? { specId: placed.specId } : {}),
    });
  }
  return cases;
}

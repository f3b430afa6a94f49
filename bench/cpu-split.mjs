/**
 * `node bench/cpu-split.mjs PROFILE`: splits a V8 CPU profile of the API server (written by
 * `BENCH_CPU_PROF=DIR npm run bench -- reads`) by where the time went: each sample goes to the
 * innermost frame that belongs to a known part (logging, zod, auth, the SDK, hono, ...).
 */
import { readFileSync } from "node:fs";
const prof = JSON.parse(readFileSync(process.argv[2], "utf8"));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map(); prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const rules = [
  ["logging", /powertools\/logger|functions\/src\/logger\.ts/],
  ["zod validation", /node_modules\/zod\//],
  ["auth (token hash, principal)", /core\/src\/auth\/|functions\/src\/http\/auth\.ts/],
  ["AWS SDK client (serialize, sign, http, parse)", /node_modules\/@(aws-sdk|smithy|aws-crypto)\//],
  ["DynamoDB marshalling (util-dynamodb)", /util-dynamodb|core\/src\/store\/marshall/],
  ["registry + read cache", /core\/src\/registry\//],
  ["@hono/node-server (node req/res <-> fetch Request/Response)", /node_modules\/@hono\/node-server\//],
  ["hono routing, middleware, c.json", /node_modules\/(hono|@hono\/zod-openapi)\//],
  ["request id / problem / app middleware", /functions\/src\/http\/(app|problem|env|schemas|routes)/],
];
const cat = new Map();
let total = 0;
for (const [id, t] of self) {
  total += t;
  let cur = id, label;
  const leaf = byId.get(id).callFrame;
  if (["(idle)", "(program)", "(garbage collector)"].includes(leaf.functionName)) label = leaf.functionName;
  while (!label && cur !== undefined) { const url = byId.get(cur).callFrame.url; const r = rules.find(([, re]) => re.test(url)); if (r) label = r[0]; cur = parent.get(cur); }
  if (!label) { const fn = leaf.functionName; label = /JSON|stringify|parse/i.test(fn) ? "JSON (outside the above)" : leaf.url.startsWith("node:") || leaf.url === "" ? "node core (http, streams, crypto, timers)" : "other"; }
  cat.set(label, (cat.get(label) ?? 0) + t);
}
const busy = total - (cat.get("(idle)") ?? 0);
console.log(`profile ${(total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s`);
for (const [k, t] of [...cat].sort((a, b) => b[1] - a[1])) if (k !== "(idle)") console.log(`${((t / busy) * 100).toFixed(1).padStart(5)}%  ${(t / 1e3).toFixed(0).padStart(6)} ms  ${k}`);

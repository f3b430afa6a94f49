import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { Agent, request } from "node:http";
import { stringify } from "yaml";
import { createDynamoClient, ensureTable } from "@rollgate/core/store";
import { fmt, median, percentile, runConcurrent } from "./stats.js";

/** `npm run bench -- parse`: /health while large spec documents are being parsed. */
export async function benchParseLoad(endpoint: string): Promise<string[]> {
  const limited = await parseLoadRun(endpoint, false);
  const unlimited = await parseLoadRun(endpoint, true);
  return [
    "parse load (HTTP server in its own process, DynamoDB Local)",
    "  with the parse limiter (1 large document at a time, 8 waiting):",
    ...limited.lines,
    "  baseline, the same server with every parse admitted at once:",
    ...unlimited.lines,
    `  /health p50 under load, limiter vs none: ${fmt(limited.loadedP50)} ms vs ${fmt(unlimited.loadedP50)} ms (${fmt(unlimited.loadedP50 / limited.loadedP50)}x better)`,
  ];
}

async function parseLoadRun(endpoint: string, unlimitedParsing: boolean) {
  const tableName = `bench-${randomUUID().slice(0, 8)}`;
  const client = createDynamoClient({ endpoint });
  await ensureTable({ client, tableName });
  const token = `rg_bench_${randomUUID()}`;
  const server = spawn(process.execPath, ["--import", "tsx", "bench/server.ts"], {
    env: { ...process.env, BENCH_TABLE: tableName, BENCH_DYNAMO: endpoint, BENCH_TOKEN: token, ...(unlimitedParsing ? { BENCH_UNLIMITED_PARSING: "1" } : {}) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  try {
    const [line] = (await once(server.stdout!, "data")) as [Buffer];
    const base = `http://127.0.0.1:${Number(/READY (\d+)/.exec(line.toString())?.[1])}`;
    const http: Http = (path, init = {}) =>
      new Promise((resolve, reject) => {
        const req = request(`${base}${path}`, { agent, method: init.method ?? "GET", headers: init.headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        });
        req.on("error", reject);
        req.end(init.body);
      });
    return await healthUnderParseLoad(http, base, token);
  } finally {
    server.kill("SIGTERM");
    agent.destroy();
    client.destroy();
  }
}

type Http = (path: string, init?: { method?: string; body?: string; headers?: Record<string, string> }) => Promise<{ status: number; text: string }>;

/**
 * GET /health while 32 clients of one read-only token keep sending ~250 KiB documents to
 * POST /v1/specs/validate (before the parse limiter, this held /health for 23 s), as a ratio
 * against /health on an idle server. Health goes over its own connection.
 */
async function healthUnderParseLoad(http: Http, base: string, adminToken: string): Promise<{ lines: string[]; loadedP50: number }> {
  const healthAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const loadAgent = new Agent({ keepAlive: true, maxSockets: 32 });
  const healthOnce = () =>
    new Promise<number>((resolve, reject) => {
      const t0 = performance.now();
      const req = request(`${base}/health`, { agent: healthAgent }, (res) => {
        res.on("error", reject);
        res.resume();
        res.on("end", () => resolve(performance.now() - t0));
      });
      req.on("error", reject);
      req.end();
    });
  const issued = await http("/v1/tokens", {
    method: "POST",
    body: JSON.stringify({ subject: "bench-reader", scopes: ["specs:read"] }),
    headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
  });
  const reader = (JSON.parse(issued.text) as { token: string }).token;
  // Many small keys: the shape that costs YAML parsing the most per byte (about a second each here).
  const notes = Object.fromEntries(Array.from({ length: 11_000 }, (_, i) => [`note-${i}`, `n${"x".repeat(8)}`]));
  const large = stringify({ ospec_version: "1.0.0", id: "bench-large", name: "Bench", outcome_type: "api", notes });
  try {
    for (let i = 0; i < 20; i++) await healthOnce();
    const idle: number[] = [];
    for (let i = 0; i < 100; i++) idle.push(await healthOnce());
    const statuses = new Map<number, number>();
    let loading = true;
    // One burst of 32 at once, as in the report (32 concurrent validates from one token).
    const load = runConcurrent(32, 32, async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          `${base}/v1/specs/validate`,
          { agent: loadAgent, method: "POST", headers: { "content-type": "application/yaml", authorization: `Bearer ${reader}` } },
          (res) => {
            res.resume();
            res.on("error", () => resolve(-1));
            res.on("end", () => resolve(res.statusCode ?? 0));
          },
        );
        // A connection the server reset counts as a failed request (status -1), not a crash.
        req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNRESET" ? -1 : -2));
        req.end(large);
      });
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }).finally(() => (loading = false));
    const loaded: number[] = [];
    while (loading) loaded.push(await healthOnce());
    const { seconds } = await load;
    const ratio = median(loaded) / median(idle);
    const answered = [...statuses].map(([status, n]) => `${n} x ${status}`).join(", ");
    const lines = [
      `  GET /health idle: p50 ${fmt(median(idle))} ms, p99 ${fmt(percentile(idle, 99))} ms (n=${idle.length})`,
      `  GET /health under 32 concurrent ${Math.round(large.length / 1024)} KiB validates (one read-only token, ${fmt(seconds, 1)} s): p50 ${fmt(median(loaded))} ms, p99 ${fmt(percentile(loaded, 99))} ms, max ${fmt(Math.max(...loaded))} ms (n=${loaded.length})`,
      `  ratio /health p50 under that load / idle: ${fmt(ratio)}x; the validates answered ${answered} (503 = parse queue full, Retry-After)`,
    ];
    return { lines: lines.map((line) => `  ${line}`), loadedP50: median(loaded) };
  } finally {
    healthAgent.destroy();
    loadAgent.destroy();
  }
}

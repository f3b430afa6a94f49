/**
 * Bundle benchmark for the API Lambda: the size of the bundled handler and the time a fresh
 * Node process takes to import it and answer one request (a cold start, minus the runtime's
 * own boot), against a bare hono handler bundled the same way. Target: at most 1.5x the bare
 * handler's time.
 *
 * Bundling mirrors what SST does for the stack (ESM, minified, keepNames, the createRequire
 * banner, `@aws-sdk/*` external), with the project's esbuild and a node20 target. The SDK
 * packages the bundle imports resolve from node_modules here, as they resolve from the
 * Lambda runtime in AWS, so their load time counts.
 */
import { spawn } from "node:child_process";
import { mkdir, readFile, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type BuildOptions } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, ".bench", "bundle");

/** What `benchBundle` measured; `rows` is the printable summary. */
export interface BundleBenchResult {
  rows: string[];
  handlers: Array<{ name: string; bytes?: number; gzipBytes?: number; medianMs?: number; error?: string }>;
  /** api / bare median, when both ran. */
  ratio?: number;
}

const bareHandler = `
import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
const app = new Hono();
app.get("/health", (c) => c.json({ status: "ok" }));
export const handler = handle(app);
`;

const sharedOptions: BuildOptions = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: true,
  keepNames: true,
  mainFields: ["module", "main"],
  external: ["@aws-sdk/*"],
  logLevel: "silent",
  banner: {
    js: `import { createRequire as topLevelCreateRequire } from 'module';const require = topLevelCreateRequire(import.meta.url);`,
  },
};

/** An API Gateway HTTP API (payload 2.0) request for GET /health. */
const healthEvent = {
  version: "2.0",
  routeKey: "$default",
  rawPath: "/health",
  rawQueryString: "",
  headers: { host: "bench.execute-api.us-east-1.amazonaws.com", accept: "application/json" },
  requestContext: {
    accountId: "123456789012",
    apiId: "bench",
    domainName: "bench.execute-api.us-east-1.amazonaws.com",
    http: { method: "GET", path: "/health", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "bench" },
    requestId: "bench",
    routeKey: "$default",
    stage: "$default",
    time: "01/Jan/2026:00:00:00 +0000",
    timeEpoch: 1767225600000,
  },
  isBase64Encoded: false,
};

/** Runs in the child: import the bundle, answer one request, print the elapsed time. */
const probe = `
const started = performance.now();
const { handler } = await import(process.argv[1]);
const response = await handler(JSON.parse(process.argv[2]), { awsRequestId: "bench", getRemainingTimeInMillis: () => 30000 });
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, statusCode: response?.statusCode }));
process.exit(0);
`;

/** Environment a deployed function would have, minus anything that reaches AWS. */
const lambdaLikeEnv = {
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  ROLLGATE_TABLE_NAME: "rollgate-bench",
  ROLLGATE_STATE_MACHINE_ARN: "arn:aws:states:us-east-1:123456789012:stateMachine:bench",
  ROLLGATE_PUBLIC_BASE_URL: "https://bench.execute-api.us-east-1.amazonaws.com",
  POWERTOOLS_SERVICE_NAME: "rollgate",
  POWERTOOLS_LOG_LEVEL: "ERROR",
  SST_APP: "rollgate",
  SST_STAGE: "bench",
};

async function bundle(name: string, options: BuildOptions): Promise<{ file: string; bytes: number; gzipBytes: number }> {
  const file = join(outDir, `${name}.mjs`);
  await build({ ...sharedOptions, ...options, outfile: file });
  const code = await readFile(file);
  return { file, bytes: code.length, gzipBytes: gzipSync(code).length };
}

function coldRequest(file: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", probe, pathToFileURL(file).href, JSON.stringify(healthEvent)], {
      cwd: outDir,
      env: { PATH: process.env.PATH, ...lambdaLikeEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      try {
        const { ms, statusCode } = JSON.parse(stdout) as { ms: number; statusCode?: number };
        if (statusCode !== 200) throw new Error(`answered ${statusCode}`);
        resolvePromise(ms);
      } catch (error) {
        reject(new Error(`probe failed (exit ${code}): ${(error as Error).message} ${stderr.trim().split("\n").slice(-3).join(" ")}`));
      }
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * Bundles the API handler and a bare hono handler, then times `spawns` cold requests of
 * each (alternating, after one discarded warm-up each so the file cache is hot for both).
 */
export async function benchBundle(options: { spawns?: number } = {}): Promise<BundleBenchResult> {
  const spawns = options.spawns ?? Number(process.env.BENCH_SPAWNS ?? 15);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });

  const candidates = [
    { name: "api", build: () => bundle("api", { entryPoints: [join(root, "packages/functions/src/api.ts")] }) },
    {
      name: "bare",
      build: () =>
        bundle("bare", { stdin: { contents: bareHandler, resolveDir: join(root, "packages/functions"), loader: "ts" } }),
    },
  ];
  const built = await Promise.all(
    candidates.map(async (c) => {
      try {
        return { name: c.name, ...(await c.build()) };
      } catch (error) {
        return { name: c.name, error: `not bundled: ${(error as Error).message.split("\n")[0]}` };
      }
    }),
  );

  const timings = new Map<string, number[]>();
  const errors = new Map<string, string>();
  const runnable = built.filter((b): b is typeof b & { file: string } => "file" in b && typeof b.file === "string");
  for (let round = -1; round < spawns; round++) {
    for (const b of runnable) {
      if (errors.has(b.name)) continue;
      try {
        const ms = await coldRequest(b.file);
        if (round >= 0) timings.set(b.name, [...(timings.get(b.name) ?? []), ms]);
      } catch (error) {
        errors.set(b.name, (error as Error).message);
      }
    }
  }

  const handlers = built.map((b) => {
    const ms = timings.get(b.name);
    return {
      name: b.name,
      bytes: "bytes" in b ? b.bytes : undefined,
      gzipBytes: "gzipBytes" in b ? b.gzipBytes : undefined,
      medianMs: ms?.length ? median(ms) : undefined,
      error: ("error" in b ? b.error : undefined) ?? errors.get(b.name),
    };
  });
  const api = handlers.find((h) => h.name === "api");
  const bare = handlers.find((h) => h.name === "bare");
  const ratio = api?.medianMs && bare?.medianMs ? api.medianMs / bare.medianMs : undefined;

  const label = { api: "API handler (packages/functions/src/api.ts)", bare: "bare hono handler" } as Record<string, string>;
  const rows = handlers.map((h) =>
    h.error && h.bytes === undefined
      ? `bundle ${label[h.name]}: ${h.error}`
      : `bundle ${label[h.name]}: ${kib(h.bytes!)} minified, ${kib(h.gzipBytes!)} gzip, @aws-sdk/* external; ` +
        (h.medianMs !== undefined ? `import + first request ${h.medianMs.toFixed(1)} ms (median of ${spawns} fresh processes)` : `not timed: ${h.error}`),
  );
  if (ratio !== undefined) {
    rows.push(`cold import + first request, API vs bare hono: ${ratio.toFixed(2)}x (target <= 1.5x: ${ratio <= 1.5 ? "met" : "missed"})`);
  }
  return { rows, handlers, ratio };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchBundle().then(
    ({ rows }) => console.log(rows.join("\n")),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}


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
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
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
  // the local fallback of the CURSOR_SECRET Config secret (SSM is not reachable here)
  ROLLGATE_CURSOR_SECRET: "bench-cursor-secret",
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

interface Subject {
  name: "api" | "bare" | "sdk";
  file?: string;
  bytes?: number;
  gzipBytes?: number;
  error?: string;
  timings: number[];
}

async function bundled(name: Subject["name"], options: BuildOptions): Promise<Subject> {
  try {
    return { name, ...(await bundle(name, options)), timings: [] };
  } catch (error) {
    return { name, error: `not bundled: ${(error as Error).message.split("\n")[0]}`, timings: [] };
  }
}

/** A module that only imports the SDK packages `bundleFile` imports: the SDK's share of its cold start. */
async function sdkOnly(bundleFile: string): Promise<{ subject: Subject; packages: string[] }> {
  const code = await readFile(bundleFile, "utf8");
  const packages = [...new Set([...code.matchAll(/from\s*"(@aws-sdk\/[a-z0-9-]+)"/g)].map((m) => m[1]!))].sort();
  const file = join(outDir, "sdk.mjs");
  await writeFile(file, `${packages.map((p) => `import "${p}";`).join("\n")}\nexport const handler = async () => ({ statusCode: 200 });\n`);
  return { subject: { name: "sdk", file, timings: [] }, packages };
}

/**
 * Bundles the API handler and a bare hono handler, then times `spawns` cold requests of
 * each (alternating, after one discarded warm-up each so the file cache is hot for both).
 */
export async function benchBundle(options: { spawns?: number } = {}): Promise<BundleBenchResult> {
  const spawns = options.spawns ?? Number(process.env.BENCH_SPAWNS ?? 15);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });

  const [api, bare] = await Promise.all([
    bundled("api", { entryPoints: [join(root, "packages/functions/src/api.ts")] }),
    bundled("bare", { stdin: { contents: bareHandler, resolveDir: join(root, "packages/functions"), loader: "ts" } }),
  ]);
  const sdk = api.file ? await sdkOnly(api.file) : undefined;
  const subjects = [api, bare, ...(sdk ? [sdk.subject] : [])];

  for (let round = -1; round < spawns; round++) {
    for (const subject of subjects) {
      if (!subject.file || subject.error) continue;
      try {
        const ms = await coldRequest(subject.file);
        if (round >= 0) subject.timings.push(ms);
      } catch (error) {
        subject.error = (error as Error).message;
      }
    }
  }

  const medianOf = (s: Subject) => (s.timings.length ? median(s.timings) : undefined);
  const label = { api: "API handler (packages/functions/src/api.ts)", bare: "bare hono handler" };
  const rows = [api, bare].map((s) => {
    if (s.bytes === undefined) return `bundle ${label[s.name as "api"]}: ${s.error}`;
    const ms = medianOf(s);
    const timing = ms !== undefined ? `import + first request ${ms.toFixed(1)} ms (median of ${spawns} fresh processes)` : `not timed: ${s.error}`;
    return `bundle ${label[s.name as "api"]}: ${kib(s.bytes)} minified, ${kib(s.gzipBytes!)} gzip, @aws-sdk/* external; ${timing}`;
  });
  const sdkMs = sdk ? medianOf(sdk.subject) : undefined;
  if (sdk && sdkMs !== undefined) {
    rows.push(`of which importing the ${sdk.packages.length} AWS SDK packages the API bundle imports, alone: ${sdkMs.toFixed(1)} ms (${sdk.packages.join(", ")})`);
  }
  const apiMs = medianOf(api);
  const bareMs = medianOf(bare);
  const ratio = apiMs !== undefined && bareMs ? apiMs / bareMs : undefined;
  if (ratio !== undefined) {
    rows.push(`cold import + first request, API vs bare hono: ${ratio.toFixed(2)}x (target <= 1.5x: ${ratio <= 1.5 ? "met" : "missed"})`);
  }
  const handlers = subjects.map((s) => ({ name: s.name, bytes: s.bytes, gzipBytes: s.gzipBytes, medianMs: medianOf(s), error: s.error }));
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


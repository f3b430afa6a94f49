/**
 * Cold-start benchmark for the API Lambda: the size of the bundled handler and the time a
 * fresh Node process takes to import it and answer one request (a cold start, minus the
 * runtime's own boot), against the honest floor (a bare hono handler with the same SDK
 * clients and the same read). Target: at most 1.2x the floor.
 *
 * Bundling mirrors what SST does for the stack (ESM, minified, keepNames, the createRequire
 * banner), with the project's esbuild and a node20 target, once with `@aws-sdk/*` external
 * (it resolves from node_modules here, as from the Lambda runtime in AWS, so its load time
 * counts) and once with the SDK bundled.
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
  /** API / floor p50 for the way the stacks ship the SDK, when both ran. */
  ratio?: number;
}

const sharedOptions: BuildOptions = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: true,
  keepNames: true,
  mainFields: ["module", "main"],
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
  // Lambda sets it on every function; the API reads it to invoke itself for Slack's background work.
  AWS_LAMBDA_FUNCTION_NAME: "rollgate-bench-api",
};

async function bundle(name: string, options: BuildOptions): Promise<{ file: string; bytes: number; gzipBytes: number }> {
  const file = join(outDir, `${name}.mjs`);
  await build({ ...sharedOptions, ...options, outfile: file });
  const code = await readFile(file);
  return { file, bytes: code.length, gzipBytes: gzipSync(code).length };
}

function coldRequest(file: string, extraEnv: Record<string, string> = {}): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", probe, pathToFileURL(file).href, JSON.stringify(healthEvent)], {
      cwd: outDir,
      env: { PATH: process.env.PATH, ...lambdaLikeEnv, ...extraEnv },
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
  name: string;
  file?: string;
  bytes?: number;
  gzipBytes?: number;
  error?: string;
  timings: number[];
}

async function bundled(name: string, options: BuildOptions): Promise<Subject> {
  try {
    return { name, ...(await bundle(name, options)), timings: [] };
  } catch (error) {
    return { name, error: `not bundled: ${(error as Error).message.split("\n")[0]}`, timings: [] };
  }
}

/** A bare hono handler with the API's SDK clients: imported, constructed, and the same /health GetItem. */
const floorHandler = `
import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { SFNClient } from "@aws-sdk/client-sfn";
import { SSMClient } from "@aws-sdk/client-ssm";
import { marshall } from "@aws-sdk/util-dynamodb";
const dynamo = new DynamoDBClient({ region: process.env.AWS_REGION });
export const clients = [new SFNClient({ region: process.env.AWS_REGION }), new SSMClient({})];
const app = new Hono();
app.get("/health", async (c) => {
  await dynamo.send(new GetItemCommand({ TableName: process.env.ROLLGATE_TABLE_NAME, Key: marshall({ pk: "CONFIG", sk: "health-probe" }), ProjectionExpression: "pk" }));
  return c.json({ status: "ok" });
});
export const handler = handle(app);
`;

type Shipping = "external" | "bundled";
const shippings: Shipping[] = ["external", "bundled"];
/** external: \`@aws-sdk/*\` resolved at run time (the Lambda runtime's copy; here node_modules). bundled: in the bundle, tree-shaken. */
const shippingOptions = (shipping: Shipping): BuildOptions => ({ external: shipping === "external" ? ["@aws-sdk/*"] : [] });

/**
 * Cold start of the API Lambda (\`npm run bench -- cold\`, also \`bundle\`): a fresh Node process
 * imports the bundled handler and answers GET /health (which reads the table once), against
 * the honest floor: a bare hono handler that imports and constructs the same SDK clients
 * and makes the same read. Both ways of shipping the SDK are built and timed; runs
 * alternate after one discarded warm-up each, p50 of \`spawns\` runs. \`dynamoEndpoint\`: the
 * DynamoDB Local both answer from (table \`rollgate-bench\`).
 */
export async function benchBundle(options: { spawns?: number; dynamoEndpoint?: string } = {}): Promise<BundleBenchResult> {
  const spawns = options.spawns ?? Number(process.env.BENCH_SPAWNS ?? 11);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const endpointEnv: Record<string, string> = options.dynamoEndpoint ? { AWS_ENDPOINT_URL_DYNAMODB: options.dynamoEndpoint } : {};
  const shipped = await shippedSdk();

  const subjects: (Subject & { shipping: Shipping; role: "api" | "floor" })[] = [];
  for (const shipping of shippings) {
    const [api, floor] = await Promise.all([
      bundled(`api-${shipping}`, { entryPoints: [join(root, "packages/functions/src/api.ts")], ...shippingOptions(shipping) }),
      bundled(`floor-${shipping}`, { stdin: { contents: floorHandler, resolveDir: join(root, "packages/functions"), loader: "ts" }, ...shippingOptions(shipping) }),
    ]);
    subjects.push({ ...api, shipping, role: "api" }, { ...floor, shipping, role: "floor" });
  }

  for (let round = -1; round < spawns; round++) {
    for (const subject of subjects) {
      if (!subject.file || subject.error) continue;
      try {
        const ms = await coldRequest(subject.file, endpointEnv);
        if (round >= 0) subject.timings.push(ms);
      } catch (error) {
        subject.error = (error as Error).message;
      }
    }
  }

  const p50 = (s: Subject) => (s.timings.length ? median(s.timings) : undefined);
  const find = (role: "api" | "floor", shipping: Shipping) => subjects.find((s) => s.role === role && s.shipping === shipping)!;
  const rows = [`cold start: fresh node ${process.version} processes import the handler and answer GET /health (one GetItem on DynamoDB Local), p50 of ${spawns} runs each, alternating`];
  const ratios: Partial<Record<Shipping, number>> = {};
  for (const shipping of shippings) {
    const api = find("api", shipping);
    const floor = find("floor", shipping);
    const line = (label: string, s: Subject) =>
      s.bytes === undefined
        ? `  ${label}: ${s.error}`
        : `  ${label}: ${kib(s.bytes)} minified (${kib(s.gzipBytes!)} gzip); ${p50(s) !== undefined ? `p50 ${p50(s)!.toFixed(1)} ms, p99 ${percentileOf(s.timings, 99).toFixed(1)} ms` : `not timed: ${s.error}`}`;
    rows.push(`  SDK ${shipping === "external" ? "external (as the Lambda runtime provides it)" : "bundled and tree-shaken (esbuild)"}:`);
    rows.push(line("  API handler (packages/functions/src/api.ts)", api), line("  floor: bare hono handler, same SDK clients and read", floor));
    const a = p50(api);
    const f = p50(floor);
    if (a !== undefined && f !== undefined) {
      ratios[shipping] = a / f;
      rows.push(`    API over the floor: p50 ${(a / f).toFixed(2)}x (target <= 1.2x: ${a / f <= 1.2 ? "met" : "missed"})`);
    }
  }
  const [ext, bun] = [p50(find("api", "external")), p50(find("api", "bundled"))];
  if (ext !== undefined && bun !== undefined) {
    rows.push(`  faster way to ship the SDK for the API: ${bun < ext ? "bundled" : "external"} (${Math.min(ext, bun).toFixed(1)} ms vs ${Math.max(ext, bun).toFixed(1)} ms p50); stacks/defaults.ts ships it ${shipped}`);
  }
  const handlers = subjects.map((s) => ({ name: s.name, bytes: s.bytes, gzipBytes: s.gzipBytes, medianMs: p50(s), error: s.error }));
  return { rows, handlers, ratio: ratios[shipped] };
}

/** What the stacks ship today: \`@aws-sdk/*\` in stacks/defaults.ts's esbuild externals, or not (read as text: importing the stacks loads the CDK). */
async function shippedSdk(): Promise<Shipping> {
  const defaults = await readFile(join(root, "stacks/defaults.ts"), "utf8");
  return /external:\s*\[[^\]]*"@aws-sdk\/\*"/.test(defaults) ? "external" : "bundled";
}

const percentileOf = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchBundle().then(
    ({ rows }) => console.log(rows.join("\n")),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}


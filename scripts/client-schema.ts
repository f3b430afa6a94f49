/**
 * The client's types come from the document the app serves: this builds the hono app in
 * process (no server, no database, no network), reads its `/openapi.json` and turns it
 * into TypeScript with openapi-typescript. `npm run client:generate` writes the result to
 * packages/client/src/schema.d.ts; `npm run client:generate -- --check` and
 * test/unit/client-schema.test.ts fail when the committed file differs.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";

export const schemaFile = fileURLToPath(new URL("../packages/client/src/schema.d.ts", import.meta.url));

const header = `/**
 * Generated from the Rollgate app's /openapi.json by \`npm run client:generate\`
 * (scripts/client-schema.ts, openapi-typescript). Do not edit by hand.
 */

`;

/** The document as the app serves it. Nothing it builds is called, so nothing is reached. */
export async function servedDocument(): Promise<OpenAPI3> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  process.env.ROLLGATE_LOG_LEVEL ??= "SILENT";
  const { createRuntime } = await import("../packages/functions/src/wiring.js");
  const unusedOrchestrator = new Proxy({}, { get: () => () => Promise.reject(new Error("not used while reading the document")) });
  const runtime = createRuntime(
    { tableName: "openapi-dump", dynamoEndpoint: "http://127.0.0.1:9", region: "us-east-1", cursorSecret: "openapi-dump" },
    { kind: "remote", orchestrator: unusedOrchestrator as never },
  );
  const response = await runtime.app.request("/openapi.json");
  if (response.status !== 200) throw new Error(`GET /openapi.json answered ${response.status}`);
  return (await response.json()) as OpenAPI3;
}

/** The text schema.d.ts must hold. */
export async function generateClientSchema(): Promise<string> {
  const nodes = await openapiTS(await servedDocument(), { silent: true, alphabetize: true });
  return header + astToString(nodes);
}

/** Where two texts first differ, for a drift message a person can act on. */
export function firstDifference(expected: string, actual: string): string | undefined {
  const a = expected.split("\n");
  const b = actual.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: committed ${JSON.stringify(b[i] ?? "<end of file>")}, generated ${JSON.stringify(a[i] ?? "<end of file>")}`;
  }
  return undefined;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const generated = await generateClientSchema();
  if (process.argv.includes("--check")) {
    const difference = firstDifference(generated, readFileSync(schemaFile, "utf8"));
    if (difference) {
      process.stderr.write(`packages/client/src/schema.d.ts is out of date with the app's /openapi.json (${difference}).\nRun \`npm run client:generate\` and commit the result.\n`);
      process.exit(1);
    }
    process.stdout.write("packages/client/src/schema.d.ts matches /openapi.json\n");
  } else {
    writeFileSync(schemaFile, generated);
    process.stdout.write(`wrote ${schemaFile}\n`);
  }
}

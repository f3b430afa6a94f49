/**
 * The OpenAPI document exactly as the app serves it at `/openapi.json`, built in process
 * with no database and no network: `createRuntime` connects lazily, and `/openapi.json`
 * touches no service. `npm run lint` lints it; `tsx scripts/openapi-document.ts [file]`
 * writes it (stdout without a file).
 */
import { writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { createRuntime } from "../packages/functions/src/wiring.js";
import { createLogger } from "../packages/functions/src/logger.js";

const none = () => Promise.reject(new Error("the OpenAPI dump runs no workflow"));

export async function openApiDocument(): Promise<Record<string, unknown>> {
  process.env.ROLLGATE_LOG_LEVEL ??= "SILENT";
  const runtime = createRuntime(
    // An endpoint nothing listens on: a stray call fails at once instead of reaching out.
    { tableName: "openapi-document", cursorSecret: "unused", region: "us-east-1", dynamoEndpoint: "http://127.0.0.1:9" },
    { kind: "remote", orchestrator: { start: none, sendTaskSuccess: none, sendTaskFailure: none, stop: none, describe: none } },
    { logger: createLogger("openapi-document") },
  );
  const res = await runtime.app.request("/openapi.json");
  if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const text = `${JSON.stringify(await openApiDocument(), null, 2)}\n`;
  if (process.argv[2]) await writeFile(process.argv[2], text);
  else process.stdout.write(text);
}

/**
 * `npm start`: Rollgate on the embedded engines. Spawns DynamoDB Local (data under
 * ROLLGATE_DATA_DIR), creates the table, bootstraps the first admin token, serves the hono
 * app on PORT, and on Ctrl-C or SIGTERM stops the server and the Java process.
 */
// The SDK versions are pinned; its notice about future Node 22 releases is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
// The console shows rollout events and approval links; JSON request logs with ROLLGATE_LOG_LEVEL=INFO.
process.env.ROLLGATE_LOG_LEVEL ??= "WARN";
import { serve } from "@hono/node-server";
import { DataDirInUseError, startLocalRuntime } from "./runtime.js";
import { JavaMissingError } from "./dynamodb-local.js";
import { PortInUseError } from "./ports.js";

/** A signal that arrives during start-up stops Rollgate as soon as there is something to stop. */
let stopRequested: string | undefined;
let shutdown: ((signal: string) => Promise<void>) | undefined;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (shutdown) void shutdown(signal);
    else stopRequested ??= signal;
  });
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "127.0.0.1";
  const local = await startLocalRuntime({ port, host, dataDir: process.env.ROLLGATE_DATA_DIR ?? ".rollgate" });

  const server = serve({ fetch: local.runtime.app.fetch, port, hostname: host });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", () => resolve());
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new PortInUseError(port) : error),
    );
  }).catch(async (error) => {
    await local.stop();
    throw error;
  });

  let stopping = false;
  shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping Rollgate…\n`);
    server.close();
    await local.stop();
    process.exit(0);
  };
  if (stopRequested) return shutdown(stopRequested);
  // Orphaned (whatever started us is gone without passing the signal on, e.g. a shell that
  // did not exec): stop rather than keep serving under pid 1.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void shutdown?.("parent exited"), 1_000).unref();

  const url = `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;
  const lines = [
    `Rollgate is running at ${url}`,
    `  API docs:  ${url}/docs   (OpenAPI: ${url}/openapi.json)`,
    `  Data:      ${local.dataDir}`,
    ...local.adminTokenLines,
    `  Stop with Ctrl-C (or SIGTERM).`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof JavaMissingError || error instanceof PortInUseError || error instanceof DataDirInUseError) {
    process.stderr.write(`rollgate: ${error.message}\n`);
  } else {
    process.stderr.write(`rollgate: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});

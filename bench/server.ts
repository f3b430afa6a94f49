/**
 * The API server for the benchmark, in its own process (as in production, the server does
 * not share an event loop with the load generator). Prints its port when ready.
 */
import { serve } from "@hono/node-server";
import { createRuntime, localOrchestration } from "../packages/functions/src/wiring.js";

process.env.ROLLGATE_LOG_LEVEL ??= "ERROR";
const runtime = createRuntime({
  tableName: process.env.BENCH_TABLE!,
  dynamoEndpoint: process.env.BENCH_DYNAMO!,
  cursorSecret: "bench",
  // The parse bench's baseline: a limiter that admits everything (as before there was one).
  ...(process.env.BENCH_UNLIMITED_PARSING ? { parseLimits: { concurrency: 1_000, queue: 0 } } : {}),
}, await localOrchestration());
await runtime.services.tokens.ensure(process.env.BENCH_TOKEN!, { subject: "bench", scopes: ["admin"] }, "bench");
const server = serve({ fetch: runtime.app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`READY ${info.port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));

/**
 * The API server for the benchmark, in its own process (as in production, the server does
 * not share an event loop with the load generator). Prints its port when ready.
 */
import { serve } from "@hono/node-server";
import { createRuntime, localOrchestration, type OrchestratorChoice } from "../packages/functions/src/wiring.js";

process.env.ROLLGATE_LOG_LEVEL ??= "ERROR";

/**
 * The deploy bench's orchestrator: answers StartExecution at once, as Step Functions would
 * (an ARN for the name it was given) and runs nothing, so the figures are the API's own path
 * and no saga steps share this process or the database with it. Only `start` is called.
 */
function startStandIn(): OrchestratorChoice {
  const unused = async () => {
    throw new Error("not used by the deploy bench");
  };
  return {
    kind: "remote",
    orchestrator: {
      start: async (input, options) => ({ executionId: `arn:aws:states:local:000000000000:execution:bench:${options?.name ?? input.deploymentId}` }),
      sendTaskSuccess: unused,
      sendTaskFailure: unused,
      stop: unused,
      describe: unused,
    },
  };
}
const runtime = createRuntime({
  tableName: process.env.BENCH_TABLE!,
  dynamoEndpoint: process.env.BENCH_DYNAMO!,
  cursorSecret: "bench",
  // The parse bench's baseline: a limiter that admits everything (as before there was one).
  ...(process.env.BENCH_UNLIMITED_PARSING ? { parseLimits: { concurrency: 1_000, queue: 0 } } : {}),
}, process.env.BENCH_START_STANDIN ? startStandIn() : await localOrchestration());
await runtime.services.tokens.ensure(process.env.BENCH_TOKEN!, { subject: "bench", scopes: ["admin"] }, "bench");
const server = serve({ fetch: runtime.app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`READY ${info.port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));

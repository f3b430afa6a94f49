import { handle } from "hono/aws-lambda";
import { bootstrapAdminToken, createLambdaRuntime } from "./lambda-runtime.js";

/** API Gateway HTTP API -> the hono app. Services are built once per container. */
const runtime = createLambdaRuntime();
const serve = handle(runtime.app);
let bootstrapped: Promise<void> | undefined;

export async function handler(...[event, context]: Parameters<typeof serve>) {
  // A failed bootstrap (DynamoDB hiccup) is retried by the next request, not cached.
  bootstrapped ??= bootstrapAdminToken(runtime).catch((error: unknown) => {
    bootstrapped = undefined;
    runtime.logger.error("admin token bootstrap failed", { error: error as Error });
  });
  await bootstrapped;
  return serve(event, context);
}

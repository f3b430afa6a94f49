import { handle } from "hono/aws-lambda";
import { createLambdaRuntime } from "./lambda-runtime.js";
import type { Runtime } from "./wiring.js";

/**
 * API Gateway HTTP API -> the hono app. The runtime (services, secrets, the first admin
 * token) is built on the first invocation of a container and reused; a failed build is
 * retried by the next invocation rather than cached.
 */
let ready: Promise<{ runtime: Runtime; serve: ReturnType<typeof handle> }> | undefined;

export async function handler(...args: Parameters<ReturnType<typeof handle>>) {
  ready ??= createLambdaRuntime().then(
    (runtime) => ({ runtime, serve: handle(runtime.app) }),
    (error: unknown) => {
      ready = undefined;
      throw error;
    },
  );
  const { serve } = await ready;
  return serve(...args);
}

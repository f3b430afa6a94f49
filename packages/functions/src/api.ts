import { handle } from "hono/aws-lambda";
import { createLambdaRuntime } from "./lambda-runtime.js";
import { isSlackJobEvent } from "./slack-jobs.js";
import type { Runtime } from "./wiring.js";

/**
 * API Gateway HTTP API -> the hono app. The runtime (services, secrets, the first admin
 * token) is built on the first invocation of a container and reused; a failed build is
 * retried by the next invocation rather than cached.
 */
let ready: Promise<{ runtime: Runtime; serve: ReturnType<typeof handle> }> | undefined;

export async function handler(...args: Parameters<ReturnType<typeof handle>>) {
  const [event] = args as unknown[];
  ready ??= createLambdaRuntime().then(
    (runtime) => ({ runtime, serve: handle(runtime.app) }),
    (error: unknown) => {
      ready = undefined;
      throw error;
    },
  );
  const { runtime, serve } = await ready;
  // Slack work handed off by an earlier request of this function (slack-jobs.ts): run it, answer via response_url.
  if (isSlackJobEvent(event)) {
    await runtime.slackChatOps.run(event.rollgateSlackJob);
    return { statusCode: 200, body: "" };
  }
  return serve(...args);
}

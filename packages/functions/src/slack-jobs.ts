import { InvokeCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import type { SlackJob } from "@rollgate/core/slack";

/**
 * In AWS, Slack work that may outlast Slack's 3 s goes to an asynchronous invoke of the API
 * function itself (`InvocationType: Event`): the HTTP answer goes out once Lambda accepted
 * the job, and the new invocation runs it and answers through response_url. The stack
 * grants the function `lambda:InvokeFunction` on itself only.
 */
export interface SlackJobEvent {
  rollgateSlackJob: SlackJob;
}

export function isSlackJobEvent(event: unknown): event is SlackJobEvent {
  const job = (event as { rollgateSlackJob?: { kind?: unknown } } | null | undefined)?.rollgateSlackJob;
  return typeof job === "object" && job !== null && (job.kind === "command" || job.kind === "button");
}

export function createSlackSelfInvoke(deps: { client: Pick<LambdaClient, "send">; functionName: string }) {
  return async (job: SlackJob): Promise<void> => {
    const event: SlackJobEvent = { rollgateSlackJob: job };
    const answer = await deps.client.send(new InvokeCommand({ FunctionName: deps.functionName, InvocationType: "Event", Payload: new TextEncoder().encode(JSON.stringify(event)) }));
    if (answer.StatusCode !== 202) throw new Error(`the async invoke answered ${answer.StatusCode}`);
  };
}

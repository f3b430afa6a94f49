import type { Deployment, DeploymentEvent } from "@rollgate/client";
import type { RollgateApi } from "./api.js";
import { CliError, exitCodes } from "./errors.js";
import { outcomeOf, type Outcome } from "./outcome.js";

export interface FollowOptions {
  until?: "approval";
  timeoutMs: number;
  /** Each new event, oldest first, once. */
  onEvent(event: DeploymentEvent, deployment: Deployment): void;
  /** The `rollgate watch` command shown when the timeout passes. */
  resume: string;
  timeoutText: string;
}

const firstDelayMs = 250;
const maxDelayMs = 3_000;
/** Without events the deployment is re-read this often all the same (every change writes one; this is a safety net). */
const rereadEveryMs = 15_000;
/** Network errors and 5xx in a row before a follower gives up (exit 1). */
const maxConsecutiveFailures = 6;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follows a deployment through `GET /v1/deployments/{id}/events?after=SEQ` until it reaches
 * an outcome or the timeout passes. Polls back off from 250 ms to 3 s while nothing happens
 * and start over at each change; a failed poll is retried with the same backoff a few times.
 * The timeout leaves the rollout running.
 */
export async function follow(api: RollgateApi, id: string, options: FollowOptions): Promise<{ deployment: Deployment; outcome: Outcome }> {
  const deadline = Date.now() + options.timeoutMs;
  let deployment = await api.deployment(id);
  let after = 0;
  let delay = firstDelayMs;
  let failures = 0;
  let lastRead = Date.now();
  for (;;) {
    let changed = false;
    let more = false;
    try {
      const page = await api.events(id, after);
      for (const event of page.items) options.onEvent(event, deployment);
      changed = page.items.length > 0;
      more = page.hasMore;
      after = page.nextSeq;
      if (changed || Date.now() - lastRead > rereadEveryMs) {
        deployment = await api.deployment(id);
        lastRead = Date.now();
      }
      failures = 0;
    } catch (error) {
      if (!(error instanceof CliError) || error.exitCode !== exitCodes.unexpected || ++failures >= maxConsecutiveFailures) throw error;
    }
    const outcome = outcomeOf(deployment, options.until);
    if (outcome) {
      // The outcome's own events were written with it, possibly after the page just read.
      for (let hasMore = true; hasMore; ) {
        const page = await api.events(id, after);
        for (const event of page.items) options.onEvent(event, deployment);
        ({ hasMore, nextSeq: after } = page);
      }
      return { deployment, outcome };
    }
    if (more) continue;
    const left = deadline - Date.now();
    if (left <= 0) {
      deployment = await api.deployment(id).catch(() => deployment);
      const late = outcomeOf(deployment, options.until);
      if (late) continue;
      return { deployment, outcome: { kind: "timed_out", exitCode: exitCodes.timedOut, timeout: options.timeoutText, resume: options.resume } };
    }
    delay = changed ? firstDelayMs : Math.min(Math.round(delay * 1.5), maxDelayMs);
    await sleep(Math.min(delay * (failures > 0 ? 2 ** failures : 1), left));
  }
}

import type { Command } from "commander";
import type { Deployment, DeploymentEvent } from "@rollgate/client";
import { createApi, type RollgateApi } from "./api.js";
import { UsageError } from "./errors.js";
import { follow } from "./follow.js";
import { githubActions, summaryMarkdown, type GithubActions } from "./github.js";
import { eventLine, oneLine, outcomeLine } from "./render.js";
import { parseDuration } from "./duration.js";
import type { Outcome } from "./outcome.js";
import { createLiveView } from "./live.js";

export type OutputMode = "text" | "json" | "ndjson";

/** Where the CLI writes; main.ts binds them to the process, tests may bind them elsewhere. */
export interface Io {
  env: NodeJS.ProcessEnv;
  /** Standard output is a terminal: `--wait` may draw the live step list there. */
  isTTY?: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CommonOptions {
  url: string;
  token?: string;
  output: OutputMode;
}

export interface WaitOptions {
  wait?: boolean;
  until?: "approval";
  timeout: string;
}

/** What every command works with: the API, the output mode, GitHub Actions mode. */
export interface Context {
  api: RollgateApi;
  output: OutputMode;
  github: GithubActions | undefined;
  /** One line on stdout, without control characters; in GitHub Actions it can never read as a workflow command. */
  line(text: string): void;
  /** A workflow command of our own (GitHub Actions mode). */
  command(text: string): void;
  /** A JSON document on stdout: indented for `json`, one line for `ndjson`. */
  json(value: unknown): void;
  /** One line on stderr (what a machine-read stdout must not carry). */
  note(text: string): void;
  /** How to run `rollgate watch` on this server again. */
  watchCommand(id: string): string;
  /** Set on a terminal in text mode: draws the live step list. */
  live?: ReturnType<typeof createLiveView>;
}

export function contextFor(command: Command, io: Io): Context {
  const options = command.opts<CommonOptions>();
  const github = githubActions(io.env);
  const urlFromFlag = command.getOptionValueSource("url") === "cli";
  const live = io.isTTY === true && options.output === "text" && !github && io.env.TERM !== "dumb";
  return {
    ...(live ? { live: createLiveView(io.stdout) } : {}),
    api: createApi({ url: options.url, token: options.token }),
    output: options.output,
    github,
    line: (text) => io.stdout(`${github ? defused(oneLine(text)) : oneLine(text)}\n`),
    command: (text) => io.stdout(`${text}\n`),
    json: (value) => io.stdout(`${options.output === "ndjson" ? JSON.stringify(value) : JSON.stringify(value, null, 2)}\n`),
    note: (text) => io.stderr(`${oneLine(text)}\n`),
    watchCommand: (id) => `rollgate watch ${id}${urlFromFlag ? ` --url ${options.url}` : ""}`,
  };
}

/** The runner reads a line as a command when it starts with `::` after blanks: such a line gets a prefix. */
export const defused = (line: string) => (/^\s*::/.test(line) ? `| ${line}` : line);

/**
 * After a deploy, promote or rollback: exit 0 with the id, or (`--wait`, `--until`) follow
 * the rollout to its outcome and exit with that outcome's code.
 */
export async function startedOrFollowed(ctx: Context, deployment: Deployment, options: WaitOptions): Promise<number> {
  const waiting = options.wait || options.until !== undefined;
  if (!waiting) {
    ctx.github?.setOutputs({ "deployment-id": deployment.id, status: deployment.status, version: deployment.version });
    if (ctx.output === "text") {
      ctx.line(`started deployment ${deployment.id}: ${deployment.specId} v${deployment.version} -> ${deployment.environment} (${deployment.strategy}, ${deployment.plan.steps.length} steps)`);
      ctx.line(`follow it with: ${ctx.watchCommand(deployment.id)}`);
    } else {
      ctx.json({ outcome: "started", exitCode: 0, deployment });
    }
    return 0;
  }
  return watchDeployment(ctx, deployment.id, options);
}

/** `watch`, and `--wait`: follows the events, prints what the output mode asks for, ends with the outcome's exit code. */
export async function watchDeployment(ctx: Context, id: string, options: Omit<WaitOptions, "wait">): Promise<number> {
  const timeoutMs = parseDuration(options.timeout);
  if (options.until !== undefined && options.until !== "approval") throw new UsageError(`--until accepts only "approval"`);
  const onEvent = (event: DeploymentEvent, deployment: Deployment) => {
    if (ctx.live) ctx.live.event(event, deployment);
    else if (ctx.output === "text") ctx.line(eventLine(event, deployment.plan));
    else if (ctx.output === "ndjson") ctx.json(event);
  };
  const { deployment, outcome } = await follow(ctx.api, id, {
    until: options.until,
    timeoutMs,
    onEvent,
    resume: ctx.watchCommand(id),
    timeoutText: options.timeout,
  });
  report(ctx, deployment, outcome);
  return outcome.exitCode;
}

function report(ctx: Context, deployment: Deployment, outcome: Outcome) {
  if (ctx.output === "text") ctx.line(outcomeLine(deployment, outcome));
  else if (ctx.output === "json") {
    ctx.json({ outcome: outcome.kind, exitCode: outcome.exitCode, ...(outcome.resume ? { resume: outcome.resume } : {}), deployment });
  }
  if (ctx.output !== "text" && outcome.kind === "timed_out") ctx.note(outcomeLine(deployment, outcome));
  const github = ctx.github;
  if (!github) return;
  github.setOutputs({ "deployment-id": deployment.id, status: deployment.status, version: deployment.version });
  github.summary(summaryMarkdown(deployment, outcome));
  if (outcome.exitCode !== 0) {
    ctx.command(github.error(`Rollgate: ${deployment.specId} -> ${deployment.environment}: ${outcome.kind}`, outcomeLine(deployment, outcome)));
  }
}

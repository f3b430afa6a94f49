import { InvalidArgumentError, Option, type Command } from "commander";
import { contextFor, startedOrFollowed, watchDeployment, type Io, type WaitOptions } from "./context.js";
import type { Define, Run } from "./commands-specs.js";
import { fieldIssueLine } from "./errors.js";
import { planLines, statusLines } from "./render.js";

function versionArg(value: string): number | "latest" {
  if (value === "latest") return value;
  if (/^[1-9]\d{0,9}$/.test(value)) return Number(value);
  throw new InvalidArgumentError("expected a version number or latest");
}

/** --wait, --until approval, --timeout: on deploy, promote (and watch, which always waits). */
function waitOptions(command: Command, withWait = true): Command {
  if (withWait) command.option("--wait", "follow the rollout until its outcome, and exit with its code");
  return command
    .addOption(new Option("--until <state>", "stop with success once the rollout reaches this state (implies --wait)").choices(["approval"]))
    .option("--timeout <duration>", "stop following after this long (2s, 30m, 1h); the rollout keeps running, exit 6", "30m");
}

export function rolloutCommands(program: Command, io: Io, define: Define, run: Run) {
  waitOptions(
    define(program, "deploy <spec>", "Deploy a version of a spec to an environment", [
      "rollgate deploy payments-api --env dev --wait",
      "rollgate deploy payments-api --env production --version 2 --strategy canary --reason 'release 2.1' --wait --timeout 45m",
      "rollgate deploy payments-api --env production --until approval   # hand over to the approvers",
      "rollgate deploy payments-api --env staging --version latest --dry-run   # the plan, nothing started",
    ]),
  )
    .requiredOption("--env <env>", "the environment to deploy to")
    .option("--version <n>", "a version number, or latest", versionArg, "latest")
    .addOption(new Option("--strategy <strategy>", "override the spec's strategy").choices(["canary", "blue_green", "rolling"]))
    .option("--reason <text>", "why: shown on the timeline and to approvers")
    .option("--dry-run", "print the plan (and where each setting came from) without starting anything")
    .action(
      run(async (spec: string, options: WaitOptions & { env: string; version: number | "latest"; strategy?: "canary" | "blue_green" | "rolling"; reason?: string; dryRun?: boolean }, command: Command) => {
        const ctx = contextFor(command, io);
        const body = {
          specId: spec,
          version: options.version,
          environment: options.env,
          ...(options.strategy ? { strategy: options.strategy } : {}),
          ...(options.reason !== undefined ? { reason: options.reason } : {}),
        };
        if (options.dryRun) {
          const { plan, warnings = [] } = await ctx.api.plan(body);
          if (ctx.output !== "text") ctx.json({ plan, warnings });
          else for (const line of [...planLines(plan), ...warnings.map((w) => `warning: ${fieldIssueLine(w)}`)]) ctx.line(line);
          return 0;
        }
        const deployment = await ctx.api.deploy(body);
        if (ctx.output === "text") for (const w of deployment.warnings ?? []) ctx.line(`warning: ${fieldIssueLine(w)}`);
        return startedOrFollowed(ctx, deployment, options);
      }),
    );

  waitOptions(
    define(program, "promote <spec>", "Deploy the version current in one environment to the next", [
      "rollgate promote payments-api --from dev --to staging --wait",
      "rollgate promote payments-api --from staging --to production --until approval --timeout 10m",
    ]),
  )
    .requiredOption("--from <env>", "the environment whose current version is promoted")
    .requiredOption("--to <env>", "the environment to deploy it to")
    .action(
      run(async (spec: string, options: WaitOptions & { from: string; to: string }, command: Command) => {
        const ctx = contextFor(command, io);
        const deployment = await ctx.api.promote(spec, { from: options.from, to: options.to });
        if (ctx.output === "text") for (const w of deployment.warnings ?? []) ctx.line(`warning: ${fieldIssueLine(w)}`);
        return startedOrFollowed(ctx, deployment, options);
      }),
    );

  define(program, "status <deployment-id>", "Print a deployment's state (exit 0 when it could be read)", [
    "rollgate status dep_01J...",
    "rollgate status dep_01J... --output json | jq .trafficWeights",
  ]).action(
    run(async (id: string, _options: unknown, command: Command) => {
      const ctx = contextFor(command, io);
      const deployment = await ctx.api.deployment(id);
      if (ctx.output !== "text") ctx.json(deployment);
      else for (const line of statusLines(deployment)) ctx.line(line);
      ctx.github?.setOutputs({ "deployment-id": deployment.id, status: deployment.status, version: deployment.version });
      return 0;
    }),
  );

  waitOptions(
    define(program, "watch <deployment-id>", "Follow a deployment until its outcome, as --wait does, and exit with its code", [
      "rollgate watch dep_01J...",
      "rollgate watch dep_01J... --until approval --timeout 2m --output ndjson",
    ]),
    false,
  ).action(run(async (id: string, options: WaitOptions, command: Command) => watchDeployment(contextFor(command, io), id, options)));

  for (const decision of ["approve", "reject"] as const) {
    define(program, `${decision} <deployment-id>`, `${decision === "approve" ? "Approve" : "Reject"} the deployment's open approval gate`, [
      `rollgate ${decision} dep_01J... --comment '${decision === "approve" ? "LGTM" : "error budget spent"}'`,
    ])
      .option("--comment <text>", "recorded with the vote")
      .action(
        run(async (id: string, options: { comment?: string }, command: Command) => {
          const ctx = contextFor(command, io);
          const vote = await ctx.api.decide(id, decision, options.comment);
          if (ctx.output !== "text") ctx.json(vote);
          else ctx.line(`${decision} recorded on ${id}: the gate is ${vote.outcome === "recorded" ? "still open (more roles must approve)" : vote.outcome}`);
          return 0;
        }),
      );
  }

  define(program, "abort <deployment-id>", "Stop a rollout in flight and put traffic back on the stable version", [
    "rollgate abort dep_01J... --reason 'wrong build'",
  ])
    .option("--reason <text>", "why: shown on the timeline")
    .action(
      run(async (id: string, options: { reason?: string }, command: Command) => {
        const ctx = contextFor(command, io);
        const deployment = await ctx.api.abort(id, options.reason);
        if (ctx.output !== "text") ctx.json(deployment);
        else ctx.line(`aborting ${id}: ${deployment.status} (follow it with: ${ctx.watchCommand(id)})`);
        return 0;
      }),
    );

  define(program, "rollback <spec>", "Roll an environment back to its previous version (a new deployment)", [
    "rollgate rollback payments-api --env production --reason 'errors since v3'",
  ])
    .requiredOption("--env <env>", "the environment to roll back")
    .option("--reason <text>", "why: shown on the timeline")
    .action(
      run(async (spec: string, options: { env: string; reason?: string }, command: Command) => {
        const ctx = contextFor(command, io);
        const deployment = await ctx.api.rollback(spec, options.env, options.reason);
        return startedOrFollowed(ctx, deployment, { timeout: "30m" });
      }),
    );
}

import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  type LambdaClient,
} from "@aws-sdk/client-lambda";
import type { TableContext } from "../store/index.js";
import { TargetError, type TargetCallEffect } from "./errors.js";
import type { TargetContext, TargetMetrics, TrafficTarget, TrafficWeights } from "./port.js";
import { readTargetState, updateTargetState } from "./state.js";

/** A registered lambda-alias target's settings. */
export interface LambdaAliasTargetSettings {
  functionName: string;
  alias: string;
}

/**
 * How spec versions map to Lambda versions, kept in the target state item: CI updates the
 * function's code ($LATEST) before promoting; `prepare` publishes it once as the candidate's
 * Lambda version and records specVersion -> functionVersion, so a later rollback to that
 * spec version routes back to the same published version instead of publishing again.
 * The stable side is whatever version the alias points at when the rollout prepares.
 */
export interface LambdaAliasState {
  versions: Record<string, string>;
  rollout?: { deploymentId: string; stableFunctionVersion: string; candidateFunctionVersion: string };
}

type Rollout = NonNullable<LambdaAliasState["rollout"]>;

/**
 * Weighted alias routing, as CodeDeploy does it: the alias's FunctionVersion is stable and
 * AdditionalVersionWeights carries the candidate's share; at 100% the alias points at the
 * candidate. Teardown routes all traffic to the kept side and deletes no version (old
 * versions are what a rollback routes back to).
 */
export function createLambdaAliasTarget(
  settings: LambdaAliasTargetSettings,
  deps: { table: TableContext; lambda: LambdaClient; cloudwatch: CloudWatchClient; clock?: () => Date },
): TrafficTarget {
  const { functionName, alias } = settings;
  const clock = deps.clock ?? (() => new Date());
  // CloudWatch's Resource dimension wants the bare name even when settings hold an ARN.
  const shortName = functionName.startsWith("arn:") ? (functionName.split(":")[6] ?? functionName) : functionName;

  // `effect: "none"` for calls that only read: their failure changed nothing.
  const aws = async <T>(action: string, send: () => Promise<T>, effect: TargetCallEffect = "unknown"): Promise<T> => {
    try {
      return await send();
    } catch (error) {
      const name = (error as { name?: string }).name ?? "Error";
      throw new TargetError(`Lambda alias ${shortName}:${alias}: ${action} failed (${name}: ${(error as Error).message})`, {
        cause: error,
        effect,
        context: { target: "lambda-alias", action, functionName: shortName, alias },
      });
    }
  };
  const getAlias = () => aws("GetAlias", () => deps.lambda.send(new GetAliasCommand({ FunctionName: functionName, Name: alias })), "none");

  async function rolloutOf(ctx: TargetContext): Promise<Rollout> {
    const state = await readTargetState<LambdaAliasState>(deps.table, "lambdaAlias", ctx.specId, ctx.environment);
    if (state?.rollout?.deploymentId !== ctx.deploymentId) {
      throw new TargetError(`Lambda alias ${shortName}:${alias}: deployment ${ctx.deploymentId} has not been prepared.`, {
        context: { target: "lambda-alias", deploymentId: ctx.deploymentId },
      });
    }
    return state.rollout;
  }

  async function route(ctx: TargetContext, candidateWeight: number): Promise<TrafficWeights> {
    const weight = Math.min(100, Math.max(0, candidateWeight));
    const { stableFunctionVersion: stable, candidateFunctionVersion: candidate } = await rolloutOf(ctx);
    const toCandidate = weight === 100 || stable === candidate;
    const split = weight > 0 && weight < 100 && stable !== candidate;
    await aws("UpdateAlias", () =>
      deps.lambda.send(
        new UpdateAliasCommand({
          FunctionName: functionName,
          Name: alias,
          FunctionVersion: toCandidate ? candidate : stable,
          RoutingConfig: { AdditionalVersionWeights: split ? { [candidate]: Math.round(weight * 100) / 10_000 } : {} },
        }),
      ),
    );
    return { stable: 100 - weight, candidate: weight };
  }

  async function health(ctx: TargetContext) {
    const { candidateFunctionVersion } = await rolloutOf(ctx);
    const config = await aws("GetFunctionConfiguration", () =>
      deps.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName, Qualifier: candidateFunctionVersion })),
    );
    const healthy = config.State === "Active" && (config.LastUpdateStatus === undefined || config.LastUpdateStatus === "Successful");
    const detail = [`state ${config.State ?? "unknown"}`, config.LastUpdateStatus && `last update ${config.LastUpdateStatus}`, config.StateReason]
      .filter(Boolean)
      .join(", ");
    return { healthy, detail: `version ${candidateFunctionVersion}: ${detail}` };
  }

  return {
    type: "lambda-alias",

    async prepare(ctx) {
      const state = await readTargetState<LambdaAliasState>(deps.table, "lambdaAlias", ctx.specId, ctx.environment);
      if (state?.rollout?.deploymentId === ctx.deploymentId) return;
      const current = await getAlias();
      const candidateFunctionVersion =
        state?.versions[String(ctx.candidateVersion)] ??
        (
          await aws("PublishVersion", () =>
            deps.lambda.send(
              new PublishVersionCommand({
                FunctionName: functionName,
                Description: `rollgate ${ctx.specId} v${ctx.candidateVersion} (${ctx.deploymentId})`,
              }),
            ),
          )
        ).Version;
      const stableFunctionVersion = current.FunctionVersion;
      if (!candidateFunctionVersion || !stableFunctionVersion) {
        throw new TargetError(`Lambda alias ${shortName}:${alias}: could not resolve the stable and candidate versions.`);
      }
      await updateTargetState<LambdaAliasState>(
        deps.table,
        "lambdaAlias",
        ctx.specId,
        ctx.environment,
        (previous) => {
          const versions = { ...previous?.versions, [String(ctx.candidateVersion)]: candidateFunctionVersion };
          if (ctx.stableVersion !== null) versions[String(ctx.stableVersion)] ??= stableFunctionVersion;
          return { versions, rollout: { deploymentId: ctx.deploymentId, stableFunctionVersion, candidateFunctionVersion } };
        },
        clock(),
      );
    },

    health,

    async validate(ctx, check) {
      if (check === "health_check") {
        const { healthy, detail } = await health(ctx);
        return { passed: healthy, detail };
      }
      return { passed: true, detail: `${check} is not something a Lambda alias can run; skipped` };
    },

    shift: route,

    async metrics(ctx, windowSeconds) {
      const { candidateFunctionVersion } = await rolloutOf(ctx);
      return readMetrics(deps.cloudwatch, aws, { shortName, alias, version: candidateFunctionVersion, windowSeconds, now: clock() });
    },

    async weights(ctx) {
      const current = await getAlias();
      const extra = current.RoutingConfig?.AdditionalVersionWeights ?? {};
      const state = await readTargetState<LambdaAliasState>(deps.table, "lambdaAlias", ctx.specId, ctx.environment);
      const rollout = state?.rollout?.deploymentId === ctx.deploymentId ? state.rollout : undefined;
      const share = (fraction: number) => Math.round(fraction * 10_000) / 100;
      const extraShare = share(Object.values(extra).reduce((sum, w) => sum + w, 0));
      if (rollout && current.FunctionVersion === rollout.candidateFunctionVersion) {
        return { stable: extraShare, candidate: 100 - extraShare };
      }
      const candidate = rollout ? share(extra[rollout.candidateFunctionVersion] ?? 0) : extraShare;
      return { stable: 100 - candidate, candidate };
    },

    async teardown(ctx, side) {
      // A deployment that never got as far as recording its versions moved nothing: there
      // is no candidate of its own to take traffic from.
      if (side === "candidate") {
        const state = await readTargetState<LambdaAliasState>(deps.table, "lambdaAlias", ctx.specId, ctx.environment);
        if (state?.rollout?.deploymentId !== ctx.deploymentId) return;
      }
      await route(ctx, side === "candidate" ? 0 : 100);
    },
  };
}

/**
 * Errors, Invocations and p99 Duration of the candidate version behind the alias
 * (dimensions FunctionName, Resource=function:alias, ExecutedVersion), with the alias-wide
 * series as a fallback when Lambda published no per-version datapoints.
 */
async function readMetrics(
  cloudwatch: CloudWatchClient,
  aws: <T>(action: string, send: () => Promise<T>) => Promise<T>,
  query: { shortName: string; alias: string; version: string; windowSeconds: number; now: Date },
): Promise<TargetMetrics> {
  const period = Math.max(60, Math.ceil(query.windowSeconds / 60) * 60);
  const aliasDimensions = [
    { Name: "FunctionName", Value: query.shortName },
    { Name: "Resource", Value: `${query.shortName}:${query.alias}` },
  ];
  const scopes = { candidate: [...aliasDimensions, { Name: "ExecutedVersion", Value: query.version }], alias: aliasDimensions };
  const queries: MetricDataQuery[] = Object.entries(scopes).flatMap(([scope, Dimensions]) =>
    (
      [
        ["errors", "Errors", "Sum"],
        ["invocations", "Invocations", "Sum"],
        ["p99", "Duration", "p99"],
      ] as const
    ).map(([id, MetricName, Stat]) => ({
      Id: `${id}_${scope}`,
      MetricStat: { Metric: { Namespace: "AWS/Lambda", MetricName, Dimensions }, Period: period, Stat },
      ReturnData: true,
    })),
  );
  const { MetricDataResults = [] } = await aws("GetMetricData", () =>
    cloudwatch.send(
      new GetMetricDataCommand({
        MetricDataQueries: queries,
        StartTime: new Date(query.now.getTime() - period * 1000),
        EndTime: query.now,
      }),
    ),
  );
  const values = (id: string) => MetricDataResults.find((r) => r.Id === id)?.Values ?? [];
  const sum = (id: string) => values(id).reduce((total, v) => total + v, 0);
  const scope = values("invocations_candidate").length > 0 ? "candidate" : "alias";
  const invocations = sum(`invocations_${scope}`);
  return {
    errorRate: invocations > 0 ? sum(`errors_${scope}`) / invocations : 0,
    latencyP99Ms: Math.max(0, ...values(`p99_${scope}`)),
    requests: invocations,
  };
}

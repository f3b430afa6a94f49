import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mockClient, type AwsStub } from "aws-sdk-client-mock";
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { createRequire } from "node:module";
import { createCursorCodec } from "@rollgate/core/store";
import {
  createLambdaAliasTarget,
  createTargetRegistry,
  createTrafficTarget,
  TargetConfigError,
  TargetError,
  type LambdaAliasState,
  type TargetContext,
} from "@rollgate/core/target";
import { createTestTable } from "../helpers/table.js";

// SST pins an older @aws-sdk/client-lambda at the repository root and core may get its own
// copy; the mock matches commands by class, so load the SDK the way core resolves it. Typed
// loosely because the two copies' types do not unify.
const fromCore = createRequire(new URL("../../packages/core/package.json", import.meta.url));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const lambdaSdk: any = fromCore("@aws-sdk/client-lambda");
const { GetAliasCommand, GetFunctionConfigurationCommand, LambdaClient, PublishVersionCommand, ResourceConflictException, UpdateAliasCommand } =
  lambdaSdk;

// Lambda and CloudWatch are AWS-only, so they are mocked; the target's state lives in a real
// table on DynamoDB Local, as in production.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const lambda: AwsStub<any, any, any> = mockClient(LambdaClient);
const cloudwatch = mockClient(CloudWatchClient);

let table: Awaited<ReturnType<typeof createTestTable>>;
beforeAll(async () => {
  table = await createTestTable();
});
afterAll(async () => {
  await table.drop();
});

const settings = { functionName: "checkout-api", alias: "live" };
const now = new Date("2030-01-01T12:00:00Z");
const clients = () => ({ lambda: new LambdaClient({ region: "eu-west-1" }), cloudwatch: new CloudWatchClient({ region: "eu-west-1" }) });
const target = () => createLambdaAliasTarget(settings, { table, ...clients(), clock: () => now });
let ctx: TargetContext;
let run = 0;
const meta = { $metadata: {} };

beforeEach(() => {
  lambda.reset();
  cloudwatch.reset();
  // A spec of its own per test: the target state item is per (spec, environment).
  ctx = { specId: `checkout-${++run}`, environment: "production", deploymentId: "dep-9", candidateVersion: 8, stableVersion: 7 };
  lambda.on(GetAliasCommand).resolves({ Name: "live", FunctionVersion: "5" });
  lambda.on(PublishVersionCommand).resolves({ Version: "6" });
  lambda.on(UpdateAliasCommand).resolves({});
});

async function prepared() {
  const t = target();
  await t.prepare(ctx);
  lambda.resetHistory();
  return t;
}

describe("the lambda-alias target", () => {
  it("prepares by publishing the candidate once and pinning the alias's current version as stable", async () => {
    const t = target();
    await t.prepare(ctx);
    expect(lambda.commandCalls(GetAliasCommand)[0]!.args[0].input).toEqual({ FunctionName: "checkout-api", Name: "live" });
    expect(lambda.commandCalls(PublishVersionCommand)[0]!.args[0].input).toEqual({
      FunctionName: "checkout-api",
      Description: `rollgate ${ctx.specId} v8 (dep-9)`,
    });
    await t.prepare(ctx);
    expect(lambda.commandCalls(PublishVersionCommand)).toHaveLength(1);
  });

  it("routes back to a recorded version without publishing (a rollback to spec v7)", async () => {
    const t = await prepared();
    const rollback = { ...ctx, deploymentId: "dep-10", candidateVersion: 7, stableVersion: 8 };
    lambda.on(GetAliasCommand).resolves({ Name: "live", FunctionVersion: "6" });
    await t.prepare(rollback);
    expect(lambda.commandCalls(PublishVersionCommand)).toHaveLength(0);
    await t.shift(rollback, 100);
    expect(lambda.commandCalls(UpdateAliasCommand)[0]!.args[0].input).toMatchObject({ FunctionVersion: "5" });
  });

  it("shifts with AdditionalVersionWeights on the stable version, absolute weights", async () => {
    const t = await prepared();
    await expect(t.shift(ctx, 10)).resolves.toEqual({ stable: 90, candidate: 10 });
    await t.shift(ctx, 10);
    const sent = lambda.commandCalls(UpdateAliasCommand).map((c) => c.args[0].input);
    expect(sent).toEqual([
      { FunctionName: "checkout-api", Name: "live", FunctionVersion: "5", RoutingConfig: { AdditionalVersionWeights: { "6": 0.1 } } },
      { FunctionName: "checkout-api", Name: "live", FunctionVersion: "5", RoutingConfig: { AdditionalVersionWeights: { "6": 0.1 } } },
    ]);
  });

  it("points the alias at the candidate at 100%, and back at stable on teardown of the candidate", async () => {
    const t = await prepared();
    await t.shift(ctx, 100);
    await t.teardown(ctx, "candidate");
    await t.teardown(ctx, "stable");
    const sent = lambda.commandCalls(UpdateAliasCommand).map((c) => c.args[0].input);
    expect(sent.map((s) => [s.FunctionVersion, s.RoutingConfig])).toEqual([
      ["6", { AdditionalVersionWeights: {} }],
      ["5", { AdditionalVersionWeights: {} }],
      ["6", { AdditionalVersionWeights: {} }],
    ]);
  });

  it("reads weights from GetAlias", async () => {
    const t = await prepared();
    lambda.on(GetAliasCommand).resolves({ FunctionVersion: "5", RoutingConfig: { AdditionalVersionWeights: { "6": 0.25 } } });
    await expect(t.weights(ctx)).resolves.toEqual({ stable: 75, candidate: 25 });
    lambda.on(GetAliasCommand).resolves({ FunctionVersion: "6" });
    await expect(t.weights(ctx)).resolves.toEqual({ stable: 0, candidate: 100 });
  });

  it("judges health from the candidate version's State and LastUpdateStatus", async () => {
    const t = await prepared();
    lambda.on(GetFunctionConfigurationCommand).resolves({ State: "Active", LastUpdateStatus: "Successful" });
    await expect(t.health(ctx)).resolves.toMatchObject({ healthy: true });
    expect(lambda.commandCalls(GetFunctionConfigurationCommand)[0]!.args[0].input).toEqual({ FunctionName: "checkout-api", Qualifier: "6" });
    lambda.on(GetFunctionConfigurationCommand).resolves({ State: "Pending", StateReason: "Creating ENIs" });
    const pending = await t.health(ctx);
    expect(pending.healthy).toBe(false);
    expect(pending.detail).toContain("Creating ENIs");
  });

  it("reads the candidate's errors, invocations and p99 from CloudWatch", async () => {
    const t = await prepared();
    cloudwatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: "errors_candidate", Values: [3, 2] },
        { Id: "invocations_candidate", Values: [400, 100] },
        { Id: "p99_candidate", Values: [310, 280] },
        { Id: "invocations_alias", Values: [5000] },
      ],
    });
    await expect(t.metrics(ctx, 300)).resolves.toEqual({ errorRate: 0.01, latencyP99Ms: 310, requests: 500 });
    const input = cloudwatch.commandCalls(GetMetricDataCommand)[0]!.args[0].input;
    expect(input.StartTime).toEqual(new Date(now.getTime() - 300_000));
    expect(input.EndTime).toEqual(now);
    expect(input.MetricDataQueries?.find((q) => q.Id === "errors_candidate")).toEqual({
      Id: "errors_candidate",
      ReturnData: true,
      MetricStat: {
        Metric: {
          Namespace: "AWS/Lambda",
          MetricName: "Errors",
          Dimensions: [
            { Name: "FunctionName", Value: "checkout-api" },
            { Name: "Resource", Value: "checkout-api:live" },
            { Name: "ExecutedVersion", Value: "6" },
          ],
        },
        Period: 300,
        Stat: "Sum",
      },
    });
    expect(input.MetricDataQueries?.find((q) => q.Id === "p99_alias")?.MetricStat?.Stat).toBe("p99");
  });

  it("falls back to the alias-wide series when there are no per-version datapoints", async () => {
    const t = await prepared();
    cloudwatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: "invocations_candidate", Values: [] },
        { Id: "errors_alias", Values: [10] },
        { Id: "invocations_alias", Values: [200] },
        { Id: "p99_alias", Values: [150] },
      ],
    });
    await expect(t.metrics(ctx, 30)).resolves.toEqual({ errorRate: 0.05, latencyP99Ms: 150, requests: 200 });
  });

  it("records the spec-version -> Lambda-version mapping in the table", async () => {
    await target().prepare(ctx);
    const { readTargetState } = await import("../../packages/core/src/target/state.js");
    const state = await readTargetState<LambdaAliasState>(table, "lambdaAlias", ctx.specId, ctx.environment);
    expect(state).toEqual({ versions: { "8": "6", "7": "5" }, rollout: { deploymentId: "dep-9", stableFunctionVersion: "5", candidateFunctionVersion: "6" } });
  });

  it("turns AWS failures into TargetError, keeping the cause", async () => {
    const t = target();
    const conflict = new ResourceConflictException({ message: "update in progress", ...meta });
    lambda.on(PublishVersionCommand).rejects(conflict);
    const error = await t.prepare(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetError);
    expect(error).toMatchObject({ name: "TargetError", cause: conflict, effect: "unknown" });
    expect((error as Error).message).toContain("PublishVersion failed (ResourceConflictException");
  });

  it("says a prepare that failed reading the alias took no effect, and tears down nothing for it", async () => {
    lambda.on(GetAliasCommand).rejects(new Error("AccessDenied"));
    const error = await target().prepare(ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TargetError", effect: "none" });
    await target().teardown(ctx, "candidate");
    expect(lambda.commandCalls(UpdateAliasCommand)).toHaveLength(0);
    expect(lambda.commandCalls(PublishVersionCommand)).toHaveLength(0);
  });

  it("refuses to shift a deployment it has not prepared", async () => {
    await expect(target().shift(ctx, 10)).rejects.toThrow(/has not been prepared/);
    expect(lambda.commandCalls(UpdateAliasCommand)).toHaveLength(0);
  });

  it("is reached through a registered target, with clients for the target's region", async () => {
    const registry = createTargetRegistry({ table, cursors: createCursorCodec("test-secret") });
    await registry.put("checkout-live", { type: "lambda-alias", functionName: "checkout-api", alias: "live", region: "eu-central-1", specs: ["checkout-*"] }, "admin");
    const regions: (string | undefined)[] = [];
    const viaRegistry = createTrafficTarget(
      { name: "checkout-live", type: "lambda-alias" },
      { table, clock: () => now, awsClients: (region) => (regions.push(region), clients()) },
    );
    await viaRegistry.prepare(ctx);
    expect(regions).toEqual(["eu-central-1"]);
    expect(lambda.commandCalls(PublishVersionCommand)).toHaveLength(1);
    // Another spec may not use it: refused before any AWS call.
    lambda.resetHistory();
    const other = await viaRegistry.prepare({ ...ctx, specId: "payments" }).catch((e: unknown) => e);
    expect(other).toMatchObject({ code: "TARGET_NOT_ALLOWED", effect: "none" });
    expect(lambda.calls()).toHaveLength(0);
  });

  it("needs Lambda and CloudWatch clients", async () => {
    const registry = createTargetRegistry({ table, cursors: createCursorCodec("test-secret") });
    await registry.put("no-clients", { type: "lambda-alias", functionName: "checkout-api", alias: "live", specs: ["*"] }, "admin");
    const error = await createTrafficTarget({ name: "no-clients", type: "lambda-alias" }, { table }).prepare(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetConfigError);
  });
});

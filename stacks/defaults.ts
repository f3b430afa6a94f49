/**
 * App-wide settings shared by the stacks: which stages are throwaway, and how every
 * Lambda is built and run.
 */
import type { App, FunctionProps, Stack } from "sst/constructs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";

/**
 * Stages whose data may be lost: `sst dev`, `dev`, `test`, `local`, and `dev-*` / `pr-*`.
 * Every other stage (a personal stage included) is treated as holding real data.
 */
export function isEphemeralStage(app: Pick<App, "stage" | "mode">): boolean {
  return app.mode === "dev" || ["dev", "test", "local"].includes(app.stage) || /^(dev|pr)-/.test(app.stage);
}

/** How long Lambda, state machine and access logs are kept: bounded storage cost at rest. */
export const logRetention = RetentionDays.ONE_MONTH;

/** Lambda runtime: Node 22 (nodejs20.x is past its Lambda deprecation date). */
export const lambdaRuntime = "nodejs22.x" as const;

/**
 * Defaults for every Rollgate function. The AWS SDK v3 is bundled and tree-shaken rather
 * than left external for the runtime's copy: a cold start of the API that imports the
 * runtime's full client packages took about 3x as long as one that loads the bundled,
 * tree-shaken clients (`npm run bench -- cold`, figures in the README's "Deploy to AWS").
 * keepNames (SST's default) matters because Step Functions matches Retry/Catch on error
 * class names.
 */
export const functionDefaults: FunctionProps = {
  runtime: lambdaRuntime,
  architecture: "arm_64",
  memorySize: 1024,
  timeout: 30,
  tracing: "active",
  nodejs: {
    format: "esm",
    minify: true,
  },
  environment: {
    POWERTOOLS_SERVICE_NAME: "rollgate",
  },
};

/** A log group for one function, with the app's retention (Lambda's default is forever). */
export function functionLogGroup(stack: Stack, id: string): LogGroup {
  return new LogGroup(stack, `${id}Logs`, { retention: logRetention });
}

/**
 * Lambda handler the scheduled sweep runs (stacks/Orchestration.ts): the AWS side of what
 * `npm start` does at start and every few seconds. Step Functions keeps executions, but a
 * StartExecution whose answer was lost, or a crash between a launch and its record, can
 * leave a deployment in flight with no execution driving it; the same core reconciliation
 * (rollout/resume.ts) gives it one. Deployments changed within `quietForMs` are left alone
 * (being launched or stopped right now). A deployment that could not be resumed fails the
 * invocation after the others were handled, so the function's Errors metric shows it.
 */
import type { Logger } from "@aws-lambda-powertools/logger";
import { SFNClient } from "@aws-sdk/client-sfn";
import { executionRunning, resumeInFlight, ResumeIncompleteError } from "@rollgate/core/rollout";
import { createDynamoClient, type TableContext } from "@rollgate/core/store";
import { createSfnOrchestrator, type Orchestrator } from "@rollgate/core/workflow";
import { createLogger } from "./logger.js";

/** Longer than a launch (StartExecution and its record) or an abort takes within one API request. */
export const resumeQuietMs = 2 * 60_000;

export function createResumeHandler(deps: { table: TableContext; orchestrator: Orchestrator; logger: Logger; clock?: () => Date; quietForMs?: number }) {
  const store = { table: deps.table, orchestrator: deps.orchestrator, clock: deps.clock ?? (() => new Date()) };
  return async function handler(): Promise<{ resumed: number }> {
    try {
      const resumed = await resumeInFlight(store, { isRunning: executionRunning(deps.orchestrator), quietForMs: deps.quietForMs ?? resumeQuietMs });
      for (const r of resumed) deps.logger.warn("in-flight deployment resumed: no execution was driving it", { ...r });
      return { resumed: resumed.length };
    } catch (error) {
      if (error instanceof ResumeIncompleteError) {
        for (const r of error.resumed) deps.logger.warn("in-flight deployment resumed: no execution was driving it", { ...r });
        for (const f of error.failed) deps.logger.error("in-flight deployment not resumed; the next sweep tries again", { deploymentId: f.id, error: f.error as Error });
      }
      throw error;
    }
  };
}

/** The deployed function. Built lazily: tests import the factory only. */
let deployed: ReturnType<typeof createResumeHandler> | undefined;
export async function handler(): Promise<{ resumed: number }> {
  deployed ??= createResumeHandler({
    table: { client: createDynamoClient({ region: process.env.AWS_REGION }), tableName: required("ROLLGATE_TABLE_NAME") },
    orchestrator: createSfnOrchestrator({ client: new SFNClient({ region: process.env.AWS_REGION }), stateMachineArn: required("ROLLGATE_STATE_MACHINE_ARN") }),
    logger: createLogger(),
  });
  return deployed();
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the stack sets it on the resume function.`);
  return value;
}

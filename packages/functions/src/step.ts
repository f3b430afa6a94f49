/**
 * Lambda entry for the state machine's Task states (Advance, ApprovalGate, Compensate,
 * Escalate). Step Functions matches Retry/Catch on the thrown error's `name` (the Node
 * runtime reports it as `errorType`), so errors are rethrown untouched.
 *
 * The deployed `handler` is wired by the composition root, e.g.
 *   export const handler = createStepLambdaHandler(createLambdaRuntime().stepHandler);
 */
import { Logger } from "@aws-lambda-powertools/logger";
import type { Context } from "aws-lambda";
import {
  normalizeStepResult,
  stepRequestSchema,
  StepRequestInvalidError,
  type StepHandler,
  type StepResult,
} from "@rollgate/core/workflow";

export interface StepLambdaOptions {
  logger?: Logger;
}

/** Wraps the saga's step handler as a Lambda handler: validate, log, run, normalize. */
export function createStepLambdaHandler(stepHandler: StepHandler, options: StepLambdaOptions = {}) {
  const logger = options.logger ?? new Logger({ serviceName: "rollgate" });
  return async function handler(event: unknown, context?: Context): Promise<StepResult> {
    if (context) logger.addContext(context);
    const parsed = stepRequestSchema.safeParse(event);
    if (!parsed.success) {
      const error = new StepRequestInvalidError(parsed.error.message);
      logger.error("step request rejected", { error });
      throw error;
    }
    const request = parsed.data;
    const keys = { action: request.action, deploymentId: request.deploymentId };
    try {
      const result = normalizeStepResult(request, await stepHandler(request));
      logger.info("step done", { ...keys, result });
      return result;
    } catch (error) {
      logger.error("step failed", { ...keys, error: error as Error });
      throw error;
    }
  };
}

/** The deployed step Lambda (see stacks/Orchestration.ts). Built lazily: tests import the factory only. */
let deployed: ReturnType<typeof createStepLambdaHandler> | undefined;
export async function handler(event: unknown, context?: Context): Promise<StepResult> {
  if (!deployed) {
    const { createLambdaStepHandler } = await import("./lambda-runtime.js");
    deployed = createStepLambdaHandler(await createLambdaStepHandler());
  }
  return deployed(event, context);
}

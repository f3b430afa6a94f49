import { randomBytes } from "node:crypto";
import type { ExecutionInput } from "./contract.js";

/**
 * An execution name Step Functions accepts (1-80 of [A-Za-z0-9_-]) that a human can
 * still read in the console: `<deploymentId>-<mode>-<suffix>`. The random suffix lets a
 * deployment be compensated, or resumed, more than once.
 */
export function executionName(input: Pick<ExecutionInput, "deploymentId" | "mode">): string {
  const suffix = randomBytes(4).toString("hex");
  const readable = `${input.deploymentId}-${input.mode}`.replace(/[^A-Za-z0-9_-]/g, "_");
  return `${readable.slice(0, 80 - suffix.length - 1)}-${suffix}`;
}

/**
 * The name of a deployment's first execution, derived from its id alone: a start retried
 * after a lost answer (a timeout, a crash between the start and recording it) names the
 * same execution instead of starting a second one.
 */
export function launchExecutionName(deploymentId: string): string {
  return `${deploymentId.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 80 - "-run".length)}-run`;
}

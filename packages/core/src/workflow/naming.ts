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

import type { Deployment } from "@rollgate/client";
import { exitCodes, type ExitCode } from "./errors.js";

export type OutcomeKind = "succeeded" | "awaiting_approval" | "rolled_back" | "rejected" | "aborted" | "rollback_failed" | "timed_out";

export interface Outcome {
  kind: OutcomeKind;
  exitCode: ExitCode;
  /** Set when --timeout passed: how long, and the command that keeps watching. */
  timeout?: string;
  resume?: string;
}

/** A rejection and a gate that timed out both end `rolled_back`; the failure says which. */
const approvalFailures = new Set(["APPROVAL_REJECTED", "APPROVAL_TIMEOUT"]);

/**
 * Where the table of DESIGN.md section 12 is applied: the outcome of a deployment in this
 * status, or undefined while it is still running (awaiting approval counts as an outcome
 * only for `--until approval`).
 */
export function outcomeOf(deployment: Pick<Deployment, "status" | "failure">, until?: "approval"): Outcome | undefined {
  switch (deployment.status) {
    case "succeeded":
      return { kind: "succeeded", exitCode: exitCodes.succeeded };
    case "awaiting_approval":
      return until === "approval" ? { kind: "awaiting_approval", exitCode: exitCodes.succeeded } : undefined;
    case "rolled_back":
      return approvalFailures.has(deployment.failure?.code ?? "")
        ? { kind: "rejected", exitCode: exitCodes.rejected }
        : { kind: "rolled_back", exitCode: exitCodes.rolledBack };
    case "aborted":
      return { kind: "aborted", exitCode: exitCodes.aborted };
    case "rollback_failed":
      return { kind: "rollback_failed", exitCode: exitCodes.rollbackFailed };
    default:
      return undefined;
  }
}

import type { Deployment, DeploymentEvent, Plan, PlanStep } from "@rollgate/client";
import type { Outcome } from "./outcome.js";

/**
 * Text from the server (spec ids, reasons, comments, target errors) is printed on one line
 * with no control character: a newline or an escape sequence in a comment can neither add a
 * line (a forged workflow command in CI) nor move a terminal's cursor.
 */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => {
    if (ch === "\n") return "\\n";
    if (ch === "\r") return "\\r";
    if (ch === "\t") return " ";
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** `shift 25%`, `bake 5s`, `validate smoke_tests`: what a plan step does. */
export function stepLabel(step: PlanStep): string {
  switch (step.kind) {
    case "prepare":
      return "prepare candidate";
    case "health_check":
      return `health check${step.retries !== undefined ? ` (${step.retries} retries)` : ""}`;
    case "validate":
      return `validate ${step.check ?? ""}`.trim();
    case "approval":
      return `approval gate${step.requiredRoles?.length ? ` (${step.requiredRoles.join(", ")})` : ""}`;
    case "shift":
      return `shift ${step.weight ?? "?"}%`;
    case "bake":
      return `bake ${step.seconds ?? "?"}s`;
    case "analysis":
      return `analysis${step.weight !== undefined ? ` at ${step.weight}%` : ""}`;
    default:
      return step.kind;
  }
}

function stepRef(plan: Plan | undefined, index: unknown): string {
  if (typeof index !== "number") return "step";
  const step = plan?.steps.find((s) => s.index === index);
  const total = plan ? `/${plan.steps.length}` : "";
  return `step ${index + 1}${total}${step ? ` ${stepLabel(step)}` : ""}`;
}

const weightsText = (w: unknown) => {
  const weights = w as { stable?: number; candidate?: number } | undefined;
  return weights && typeof weights.stable === "number" ? ` (stable ${weights.stable}%, candidate ${weights.candidate}%)` : "";
};

const failureText = (f: unknown) => {
  const failure = f as { code?: string; message?: string } | undefined;
  return failure?.code ? `${failure.code}: ${failure.message ?? ""}` : "";
};

/** One event as the one line a person reads in a CI log. */
export function describeEvent(event: DeploymentEvent, plan: Plan | undefined): string {
  const d = event.data as Record<string, unknown>;
  const by = event.actor ? ` by ${event.actor}` : "";
  switch (event.type) {
    case "deployment.created":
      return `created${by}: ${event.specId} v${d.version} -> ${event.environment} (${d.strategy}${d.purpose === "rollback" ? ", rollback" : ""}${d.reason ? `, reason: ${d.reason}` : ""})`;
    case "deployment.execution_started":
      return `execution started (${d.mode})`;
    case "deployment.compensation_registered":
      return `${stepRef(plan, d.step)}: compensation ${d.kind ?? ""} registered`.replace("  ", " ");
    case "deployment.started":
      return `started: ${d.steps} steps`;
    case "deployment.step_started":
      return `${stepRef(plan, d.step)}: started`;
    case "deployment.step_completed":
      return `${stepRef(plan, d.step)}: done`;
    case "deployment.step_not_applied":
      return `${stepRef(plan, d.step)}: took no effect`;
    case "deployment.step_failed":
      return `${stepRef(plan, d.step)}: failed: ${failureText(d)}`;
    case "deployment.health_check_failed":
      return `${stepRef(plan, d.step)}: attempt ${d.attempt} of ${Number(d.retries) + 1} failed`;
    case "deployment.analysis_completed": {
      const metrics = typeof d.errorRate === "number" ? ` error rate ${d.errorRate}, p99 ${d.latencyP99Ms} ms at ${d.weight}%,` : "";
      const verdict = d.passed === undefined ? "" : d.passed ? " passed;" : " FAILED;";
      return `${stepRef(plan, d.step)}:${metrics}${verdict} ${d.failedChecks} failed checks (rolls back at ${d.threshold})`;
    }
    case "deployment.approval_requested": {
      const roles = (d.requiredRoles as string[]).length ? `roles ${(d.requiredRoles as string[]).join(", ")}` : "any principal with the approve scope";
      const nobody = (d.rolesWithoutApprovers as string[] | undefined)?.length ? `; nobody holds ${(d.rolesWithoutApprovers as string[]).join(", ")}` : "";
      return `waiting for approval: ${roles}, until ${d.expiresAt}${nobody}`;
    }
    case "deployment.approval_recorded":
      return `${d.subject} voted ${d.decision}`;
    case "deployment.approval_decided":
      return `approval gate ${d.decision} by ${d.by}${d.comment ? `: ${d.comment}` : ""}`;
    case "deployment.succeeded":
      return `succeeded: v${d.version} takes all traffic${d.previousVersion ? ` (was v${d.previousVersion})` : ""}`;
    case "deployment.abort_requested":
      return `abort requested${by}${d.reason ? `: ${d.reason}` : ""}`;
    case "deployment.rollback_requested":
      return `rollback requested${by}${d.reason ? `: ${d.reason}` : ""}`;
    case "deployment.rollback_started":
      return `rolling back: ${failureText(d.failure)}`;
    case "deployment.compensation_completed":
      return `compensation ${d.kind}: done${weightsText(d.weights)}`;
    case "deployment.compensation_failed":
      return `compensation ${d.kind}: failed: ${d.error}`;
    case "deployment.rolled_back":
      return `rolled back${d.failure ? `: ${failureText(d.failure)}` : ""}${weightsText(d.weights)}`;
    case "deployment.aborted":
      return `aborted${weightsText(d.weights)}`;
    case "deployment.rollback_failed":
      return `ROLLBACK FAILED: ${d.rollbackError}; pending: ${(d.pendingCompensations as string[]).join(", ")}; a human must act (the environment stays locked)`;
    default: {
      const fields = Object.entries(d)
        .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
        .join(" ");
      return `${event.type.replace(/^deployment\./, "").replaceAll("_", " ")}${by}${fields ? ` ${fields}` : ""}`;
    }
  }
}

/** `12:00:03 step 3/9 shift 25%: done` */
export function eventLine(event: DeploymentEvent, plan: Plan | undefined): string {
  return oneLine(`${event.at.slice(11, 19)} ${describeEvent(event, plan)}`);
}

/** The closing line: what happened, in words. */
export function outcomeLine(deployment: Deployment, outcome: Outcome): string {
  const what = `${deployment.specId} v${deployment.version} -> ${deployment.environment}`;
  const failure = deployment.failure ? ` (${failureText(deployment.failure)})` : "";
  switch (outcome.kind) {
    case "succeeded":
      return oneLine(`deployment ${deployment.id} succeeded: ${what}`);
    case "awaiting_approval":
      return oneLine(`deployment ${deployment.id} is waiting for approval: ${what}`);
    case "timed_out":
      return oneLine(`deployment ${deployment.id} is still ${deployment.status} after ${outcome.timeout}: it keeps running. Keep watching with: ${outcome.resume}`);
    case "rollback_failed":
      return oneLine(`deployment ${deployment.id} rollback_failed: ${what}${failure}; ${compensationError(deployment)}; a human must act (the environment stays locked)`);
    default:
      return oneLine(`deployment ${deployment.id} ${deployment.status}: ${what}${failure}`);
  }
}

function compensationError(deployment: Deployment): string {
  const failed = deployment.compensationLog.filter((entry) => entry.outcome === "failed").at(-1);
  return failed ? `compensation ${failed.kind} kept failing: ${failed.error ?? "no error recorded"}` : "a compensation kept failing";
}

/** The status command's few lines. */
export function statusLines(deployment: Deployment): string[] {
  const step = deployment.currentStep ? deployment.plan.steps.find((s) => s.index === deployment.currentStep!.index) : undefined;
  return [
    `${deployment.id}: ${deployment.status}`,
    `  ${deployment.specId} v${deployment.version} -> ${deployment.environment} (${deployment.strategy}, requested by ${deployment.requestedBy})`,
    ...(step ? [`  ${stepRef(deployment.plan, step.index)}`] : []),
    `  traffic: stable ${deployment.trafficWeights.stable}%, candidate ${deployment.trafficWeights.candidate}%`,
    ...(deployment.failure ? [`  failure: ${failureText(deployment.failure)}`] : []),
  ].map(oneLine);
}

export function planLines(plan: Plan): string[] {
  return [
    `plan: ${plan.specId} v${plan.version} -> ${plan.environment} (${plan.strategy}, ${plan.steps.length} steps, at least ${plan.minDurationSeconds}s)`,
    ...plan.steps.map((step) => `  ${stepRef(plan, step.index)}`),
  ].map(oneLine);
}

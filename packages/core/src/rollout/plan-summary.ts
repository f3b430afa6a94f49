import type { Plan, PlanStep } from "./plan.js";

/** A short, structured description of a plan, for approval pages and listings. */
export function summarizePlan(plan: Plan) {
  return {
    strategy: plan.strategy,
    purpose: plan.purpose,
    weights: plan.weights,
    steps: plan.steps.map((step) => step.kind),
    minDurationSeconds: plan.minDurationSeconds,
    approvalRequired: plan.settings.approvalRequired.value,
    approvers: plan.settings.approvers.value,
  };
}

const seconds = (value: number) => (value % 3600 === 0 ? `${value / 3600}h` : value % 60 === 0 ? `${value / 60}m` : `${value}s`);

function describeStep(plan: Plan, step: PlanStep): string {
  switch (step.kind) {
    case "prepare":
      return "prepare the candidate";
    case "health_check":
      return `health check (${step.retries} retries, every ${seconds(step.intervalSeconds)})`;
    case "validate":
      return `validation check: ${step.check}`;
    case "approval":
      return `approval gate: ${step.requiredRoles.length ? step.requiredRoles.join(" + ") : "any approver"} (times out after ${seconds(step.timeoutSeconds)})`;
    case "shift":
      return `shift ${step.weight}% of traffic to the candidate`;
    case "bake":
      return `bake ${seconds(step.seconds)}`;
    case "analysis":
      return `analysis: error rate <= ${plan.settings.errorRateThreshold.value}, p99 <= ${plan.settings.latencyP99ThresholdMs.value} ms`;
    case "promote":
      return `point ${plan.environment} at version ${plan.version}`;
    case "finalize":
      return "retire the old version";
  }
}

/** One line per plan step, in order: what a human approving the rollout reads. */
export function describePlan(plan: Plan): string[] {
  return [
    ...plan.steps.map((step) => `${step.index + 1}. ${describeStep(plan, step)}`),
    `at least ${seconds(plan.minDurationSeconds)} of bakes and analysis (${plan.strategy})`,
  ];
}

import type { Deployment, DeploymentEvent, Plan } from "@rollgate/client";
import { eventLine, oneLine, stepLabel } from "./render.js";

export type StepState = "pending" | "current" | "done" | "failed" | "no effect";

const markers: Record<StepState, string> = { pending: " ", current: ">", done: "✓", failed: "✗", "no effect": "-" };

/** An analysis step that passed reports `analysis_completed` rather than `step_completed`. */
export const isPassedAnalysis = (event: { type: string; data: unknown }) =>
  event.type === "deployment.analysis_completed" && (event.data as { passed?: unknown }).passed === true;

/** What each plan step looks like after these events. */
export function stepStates(plan: Plan, events: DeploymentEvent[]): Map<number, StepState> {
  const states = new Map<number, StepState>(plan.steps.map((step) => [step.index, "pending"]));
  for (const event of events) {
    const step = (event.data as { step?: unknown }).step;
    if (typeof step !== "number" || !states.has(step)) continue;
    if (event.type === "deployment.step_started") states.set(step, "current");
    else if (event.type === "deployment.step_completed" || isPassedAnalysis(event)) states.set(step, "done");
    else if (event.type === "deployment.step_failed") states.set(step, "failed");
    else if (event.type === "deployment.step_not_applied") states.set(step, "no effect");
  }
  return states;
}

/** The terminal's block: the plan's steps with the current one marked, and the latest event under it. */
export function liveFrame(plan: Plan, events: DeploymentEvent[]): string[] {
  const states = stepStates(plan, events);
  const last = events.at(-1);
  return [
    oneLine(`${plan.specId} v${plan.version} -> ${plan.environment} (${plan.strategy})`),
    ...plan.steps.map((step) => oneLine(`  ${markers[states.get(step.index) ?? "pending"]} ${step.index + 1}. ${stepLabel(step)}`)),
    last ? `  ${eventLine(last, plan)}` : "  waiting for the first event",
  ];
}

/**
 * On a terminal (and only there: never in CI logs, pipes or GitHub Actions), `--wait` redraws
 * this block in place instead of adding a line per event.
 */
export function createLiveView(write: (text: string) => void) {
  const events: DeploymentEvent[] = [];
  let drawn = 0;
  let plan: Plan | undefined;
  const draw = () => {
    if (!plan) return;
    const frame = liveFrame(plan, events);
    // Back to the block's first line, clear to the end of the screen, draw again.
    write(`${drawn > 0 ? `\u001b[${drawn}F\u001b[J` : ""}${frame.join("\n")}\n`);
    drawn = frame.length;
  };
  return {
    event(event: DeploymentEvent, deployment: Deployment) {
      plan = deployment.plan;
      events.push(event);
      draw();
    },
  };
}

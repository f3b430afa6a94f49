import { appendFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import type { Deployment } from "@rollgate/client";
import type { Outcome } from "./outcome.js";
import { stepLabel } from "./render.js";
import { isPassedAnalysis } from "./live.js";

/**
 * GitHub Actions mode (GITHUB_ACTIONS=true): workflow commands on stdout, the job summary
 * and step outputs in the files the runner names. Everything that comes from a spec or a
 * person is escaped, so it cannot end a command or start one of its own.
 */

/** A workflow command's message (`::error::<data>`). */
export const escapeData = (text: string) => text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");

/** A workflow command's property value (`title=<value>`): also `:` and `,`, which end it. */
export const escapeProperty = (text: string) => escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");

/** A Markdown table cell: one line, no pipe that splits it, no HTML. */
export function cell(value: unknown): string {
  const text = value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value);
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll("|", "\\|")
    .replaceAll("`", "'");
}

export interface GithubActions {
  mask(secret: string): string;
  error(title: string, message: string): string;
  /** Appends `name<<DELIMITER` blocks to $GITHUB_OUTPUT: a value cannot end its block early. */
  setOutputs(outputs: Record<string, string | number | undefined>): void;
  summary(markdown: string): void;
}

export function githubActions(env: NodeJS.ProcessEnv): GithubActions | undefined {
  if (env.GITHUB_ACTIONS !== "true") return undefined;
  return {
    mask: (secret) => `::add-mask::${escapeData(secret)}`,
    error: (title, message) => `::error title=${escapeProperty(title)}::${escapeData(message)}`,
    setOutputs(outputs) {
      if (!env.GITHUB_OUTPUT) return;
      const blocks = Object.entries(outputs)
        .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
        .map(([name, value]) => {
          let delimiter = `ghadelimiter_${randomUUID()}`;
          while (String(value).includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`;
          return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
        });
      appendFileSync(env.GITHUB_OUTPUT, blocks.join(""));
    },
    summary(markdown) {
      if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown);
    },
  };
}

const outcomeWords: Record<Outcome["kind"], string> = {
  succeeded: "succeeded",
  awaiting_approval: "waiting for approval",
  rolled_back: "rolled back",
  rejected: "rejected",
  aborted: "aborted",
  rollback_failed: "rollback failed: a human must act",
  timed_out: "still running (--timeout passed)",
};

type Row = unknown[];
const table = (head: string[], rows: Row[]) =>
  rows.length === 0
    ? "_none_\n"
    : [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`)].join("\n") + "\n";

/** The job summary of one rollout: steps, weights, analysis, approvals, compensations. */
export function summaryMarkdown(deployment: Deployment, outcome: Outcome): string {
  const done = new Set<number>();
  const noEffect = new Set<number>();
  for (const event of deployment.timeline) {
    const step = (event.data as { step?: unknown }).step;
    if (typeof step !== "number") continue;
    if (event.type === "deployment.step_completed" || isPassedAnalysis(event)) done.add(step);
    if (event.type === "deployment.step_not_applied") noEffect.add(step);
  }
  const stepState = (index: number) => {
    if (deployment.failure?.step === index) return "failed";
    if (noEffect.has(index)) return "took no effect";
    if (done.has(index)) return "done";
    if (deployment.currentStep?.index === index) return deployment.status === "awaiting_approval" ? "waiting for approval" : "current";
    return "not run";
  };
  const failure = deployment.failure ? `${deployment.failure.code}: ${deployment.failure.message}` : "";
  return [
    `### Rollgate: ${cell(deployment.specId)} v${deployment.version} → ${cell(deployment.environment)}: ${outcomeWords[outcome.kind]}`,
    "",
    table(
      ["", ""],
      [
        ["deployment", deployment.id],
        ["status", deployment.status],
        ["strategy", deployment.strategy],
        ["traffic", `stable ${deployment.trafficWeights.stable}% (v${deployment.stableVersion ?? "-"}), candidate ${deployment.trafficWeights.candidate}% (v${deployment.version})`],
        ["requested by", deployment.requestedBy],
        ...(deployment.reason ? [["reason", deployment.reason]] : []),
        ...(failure ? [["failure", failure]] : []),
        ...(outcome.resume ? [["keep watching", outcome.resume]] : []),
      ],
    ),
    "#### Steps",
    "",
    table(["#", "step", "state"], deployment.plan.steps.map((step) => [step.index + 1, stepLabel(step), stepState(step.index)])),
    "#### Analysis",
    "",
    table(
      ["step", "weight", "error rate", "p99 latency (ms)", "passed"],
      deployment.analysis.checks.map((check) => [check.step + 1, `${check.weight}%`, check.errorRate, check.latencyP99Ms, check.passed ? "yes" : "no"]),
    ),
    `Failed checks: ${deployment.analysis.failedChecks} (rolls back at ${deployment.analysis.threshold})`,
    "",
    "#### Approvals",
    "",
    table(
      ["gate", "required roles", "status", "votes"],
      deployment.approvals.map((gate) => [
        gate.gate + 1,
        gate.requiredRoles.join(", ") || "any approver",
        gate.status,
        gate.votes.map((vote) => `${vote.subject}${vote.role ? ` (${vote.role})` : ""}: ${vote.decision}${vote.comment ? ` "${vote.comment}"` : ""}`).join("; "),
      ]),
    ),
    "#### Compensations",
    "",
    table(
      ["step", "compensation", "outcome", "error"],
      deployment.compensationLog.map((entry) => [entry.step + 1, entry.kind, entry.outcome, entry.error ?? ""]),
    ),
  ].join("\n");
}

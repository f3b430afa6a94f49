import type { DomainEvent } from "../events/types.js";
import type { DeploymentView } from "../rollout/queries.js";
import type { Block } from "./api.js";

/**
 * Release cards in Block Kit: one parent message per deployment, rendered from the
 * deployment as it is now (so an update that arrives late still shows the truth), and the
 * few thread replies DESIGN.md section 11 allows. Slack's limits are kept here: at most 50
 * blocks, 3,000 characters per text (2,000 per section field), 2,000 per button value.
 */
export const blockKitLimits = { blocks: 50, text: 3_000, fieldText: 2_000, buttonValue: 2_000 } as const;

export const slackActions = { approve: "rollgate.approve", reject: "rollgate.reject", rollback: "rollgate.rollback" } as const;

/** Events that get a thread reply; everything else only updates the card. */
export const threadReplyTypes = [
  "deployment.approval_requested",
  "deployment.approval_recorded",
  "deployment.rollback_started",
  "deployment.succeeded",
  "deployment.rolled_back",
  "deployment.aborted",
  "deployment.rollback_failed",
] as const;

/** Events after which the card may look different (a status, step, weight or approval change). */
export const cardEventTypes = new Set<string>([
  "deployment.created",
  "deployment.started",
  "deployment.step_started",
  "deployment.approval_requested",
  "deployment.approval_recorded",
  "deployment.approval_decided",
  "deployment.abort_requested",
  "deployment.rollback_requested",
  "deployment.rollback_started",
  "deployment.compensation_completed",
  "deployment.rollback_resolved",
  ...threadReplyTypes,
]);

export function truncate(text: string, max: number = blockKitLimits.text): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Slack's mrkdwn control characters, so a reason or comment cannot mention @channel or fake a link. */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const statusIcon: Record<string, string> = {
  pending: ":hourglass_flowing_sand:",
  in_progress: ":arrows_counterclockwise:",
  awaiting_approval: ":raised_hand:",
  rolling_back: ":rewind:",
  succeeded: ":white_check_mark:",
  rolled_back: ":leftwards_arrow_with_hook:",
  aborted: ":no_entry_sign:",
  rollback_failed: ":rotating_light:",
};

const section = (text: string): Block => ({ type: "section", text: { type: "mrkdwn", text: truncate(text) } });
const field = (text: string) => ({ type: "mrkdwn", text: truncate(text, blockKitLimits.fieldText) });
const context = (text: string): Block => ({ type: "context", elements: [{ type: "mrkdwn", text: truncate(text) }] });
const button = (actionId: string, text: string, value: string, style?: "primary" | "danger"): Block => ({
  type: "button",
  action_id: actionId,
  text: { type: "plain_text", text: truncate(text, 75) },
  value: truncate(value, blockKitLimits.buttonValue),
  ...(style ? { style } : {}),
});

function phaseOf(view: DeploymentView): string {
  if (view.status === "rolling_back") return "compensating";
  if (view.status === "awaiting_approval") return "approval gate";
  if (["succeeded", "rolled_back", "aborted", "rollback_failed"].includes(view.status)) return "finished";
  return view.currentStep ? `rollout (${view.currentStep.kind.replace(/_/g, " ")})` : "starting";
}

export function cardTitle(view: Pick<DeploymentView, "specId" | "version" | "environment" | "purpose">): string {
  return `${view.purpose === "rollback" ? "Rollback of " : ""}${view.specId} v${view.version} → ${view.environment}`;
}

/** The parent message: spec, version, environment, strategy, status, phase, step, weights, approvals, who requested it. */
export function renderCard(view: DeploymentView): { text: string; blocks: Block[] } {
  const steps = view.plan.steps.length;
  const step = view.currentStep ? `${view.currentStep.index + 1}/${steps} (${view.currentStep.kind.replace(/_/g, " ")})` : `${Math.min(steps, steps)}/${steps}`;
  const weights = view.trafficWeights ? `stable ${view.trafficWeights.stable}% / candidate ${view.trafficWeights.candidate}%` : "n/a";
  const text = `${statusIcon[view.status] ?? ""} ${cardTitle(view)}: ${view.status.replace(/_/g, " ")}`.trim();
  const blocks: Block[] = [
    section(`${statusIcon[view.status] ?? ""} *${escapeText(cardTitle(view))}*\n*Status:* ${view.status.replace(/_/g, " ")}   *Phase:* ${phaseOf(view)}`),
    {
      type: "section",
      fields: [field(`*Strategy*\n${escapeText(view.strategy)}`), field(`*Step*\n${step}`), field(`*Traffic*\n${weights}`), field(`*Requested by*\n${escapeText(view.requestedBy)}`)],
    },
  ];
  for (const gate of view.approvals.slice(-10)) {
    const votes = gate.votes.map((v) => `${v.decision === "approve" ? ":white_check_mark:" : ":x:"} ${escapeText(v.subject)}${v.role ? ` (${escapeText(v.role)})` : ""}`).join(", ");
    const roles = gate.requiredRoles.length ? ` roles ${gate.approvedRoles.length}/${gate.requiredRoles.length} (${gate.requiredRoles.map(escapeText).join(", ")})` : "";
    blocks.push(context(`Approval gate ${gate.gate}: *${gate.status.replace(/_/g, " ")}*${roles}${votes ? `: ${votes}` : ""}`));
  }
  if (view.failure) blocks.push(context(`:warning: ${escapeText(view.failure.code)}: ${escapeText(view.failure.message)}`));
  const about = [`deployment \`${view.id}\``, view.reason ? `reason: ${escapeText(view.reason)}` : "", view.rollbackOf ? `rolls back \`${view.rollbackOf}\`` : ""].filter(Boolean).join(" · ");
  blocks.push(context(about));
  if (view.status === "succeeded" && view.stableVersion !== null) {
    blocks.push({ type: "actions", block_id: "rollgate.card", elements: [button(slackActions.rollback, `Roll back to v${view.stableVersion}`, view.id, "danger")] });
  }
  return { text: truncate(text), blocks: blocks.slice(0, blockKitLimits.blocks) };
}

/** The thread reply of one event, or undefined when the event gets none. */
export function renderThreadReply(
  event: DomainEvent,
  view: DeploymentView,
  mentions: ReadonlyMap<string, string[]>,
): { text: string; blocks: Block[]; broadcast?: boolean } | undefined {
  const data = event.data as Record<string, unknown>;
  const by = event.actor ? ` by ${escapeText(event.actor)}` : "";
  const simple = (text: string, broadcast = false) => ({ text: truncate(text), blocks: [section(text)], ...(broadcast ? { broadcast } : {}) });
  switch (event.type) {
    case "deployment.approval_requested": {
      const approvers = (data.approvers as { subject: string; roles: string[] }[] | undefined) ?? [];
      const who = approvers
        .map((a) => {
          const ids = mentions.get(a.subject);
          const name = ids?.length ? ids.map((id) => `<@${id}>`).join(" ") : escapeText(a.subject);
          return `${name}${a.roles.length ? ` (${a.roles.map(escapeText).join(", ")})` : ""}`;
        })
        .join(", ");
      const roles = (data.requiredRoles as string[] | undefined) ?? [];
      const missing = (data.rolesWithoutApprovers as string[] | undefined) ?? [];
      const text = [
        `:raised_hand: Approval needed for *${escapeText(cardTitle(view))}* (gate ${String(data.gate)}, until ${String(data.expiresAt)}).`,
        roles.length ? `Required roles: ${roles.map(escapeText).join(", ")}.` : "Anyone with the approve scope decides.",
        who ? `Approvers: ${who}` : "",
        missing.length ? `Nobody holds: ${missing.map(escapeText).join(", ")}.` : "",
      ].filter(Boolean).join("\n");
      return {
        text: truncate(`Approval needed: ${cardTitle(view)}`),
        blocks: [
          section(text),
          {
            type: "actions",
            block_id: `rollgate.gate.${String(data.gate)}`,
            elements: [button(slackActions.approve, "Approve", view.id, "primary"), button(slackActions.reject, "Reject", view.id, "danger")],
          },
        ],
      };
    }
    case "deployment.approval_recorded": {
      const verb = data.decision === "approve" ? ":white_check_mark: approved" : ":x: rejected";
      const vote = view.approvals.find((g) => g.gate === data.gate)?.votes.find((v) => v.subject === data.subject);
      return simple(`${escapeText(String(data.subject))} ${verb} (gate ${String(data.gate)})${vote?.comment ? `: ${escapeText(vote.comment)}` : ""}`);
    }
    case "deployment.rollback_started": {
      const failure = data.failure as { code: string; message: string; step?: number } | undefined;
      return simple(`:rewind: Rolling back: ${escapeText(failure?.code ?? "FAILED")}${failure?.step !== undefined ? ` at step ${failure.step + 1}` : ""}: ${escapeText(failure?.message ?? "")}`);
    }
    case "deployment.succeeded":
      return simple(`:white_check_mark: ${escapeText(cardTitle(view))} succeeded${data.previousVersion ? ` (replaces v${String(data.previousVersion)})` : ""}.`);
    case "deployment.rolled_back":
      return simple(`:leftwards_arrow_with_hook: Rolled back${by}: traffic is back on the stable version.`);
    case "deployment.aborted":
      return simple(`:no_entry_sign: Aborted${by}: traffic is back on the stable version.`);
    case "deployment.rollback_failed":
      return simple(
        `:rotating_light: Rollback of *${escapeText(cardTitle(view))}* failed: ${escapeText(String(data.rollbackError ?? ""))}. The environment stays locked until a human resolves it (\`POST /v1/deployments/${view.id}/resolve\`).`,
        true,
      );
    default:
      return undefined;
  }
}

import { hasScope, type Principal } from "../auth/principal.js";
import type { ApprovalGate, DeploymentRecord } from "../rollout/model.js";

/**
 * Whether a deployment's open gate waits on this principal: the rules `castVote` enforces
 * (approve scope, a required role, never the requester, one vote per gate, before expiry),
 * read without voting, so the dashboard shows an Approve button exactly where a vote would
 * be accepted. Waiting "on me" means a required role I hold is not approved yet (or the gate
 * needs any one approver).
 */
export function gateAwaiting(
  deployment: Pick<DeploymentRecord, "status" | "requestedBy" | "approvals">,
  principal: Principal,
  now: Date = new Date(),
): ApprovalGate | undefined {
  if (deployment.status !== "awaiting_approval" || !hasScope(principal, "approve")) return undefined;
  if (deployment.requestedBy === principal.subject) return undefined;
  const gate = deployment.approvals.find((g) => g.status === "open");
  if (!gate || Date.parse(gate.expiresAt) < now.getTime()) return undefined;
  if (gate.votes.some((v) => v.subject === principal.subject)) return undefined;
  if (gate.requiredRoles.length === 0) return gate;
  const missing = gate.requiredRoles.filter((role) => !gate.approvedRoles.includes(role));
  return missing.some((role) => principal.roles.includes(role)) ? gate : undefined;
}

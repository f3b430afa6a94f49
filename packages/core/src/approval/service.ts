import { createPrincipalDirectory } from "../auth/principals.js";
import type { Principal } from "../auth/principal.js";
import type { PrincipalRecord } from "../auth/schema.js";
import type { TableContext } from "../store/dynamo.js";
import type { Orchestrator } from "../workflow/contract.js";
import type { ApprovalGate, DeploymentStatus, Vote } from "../rollout/model.js";
import { describePlan, summarizePlan } from "../rollout/plan-summary.js";
import { loadDeployment } from "../rollout/repository.js";
import { ApprovalLinkExpiredError, ApprovalLinkNotFoundError, ApprovalLinkRevokedError } from "./errors.js";
import { readLink, type ApprovalLinkRecord } from "./links.js";
import { castVote, viaOf, type VoteOutcome } from "./votes.js";

export interface DecisionInput {
  decision: "approve" | "reject";
  comment?: string;
}

/** A decision through an approval link: the link says who decides, so nobody types a name. */
export type LinkDecisionInput = DecisionInput;

/** What an approval page shows. Reading it changes nothing. */
export interface ApprovalLinkView {
  deploymentId: string;
  specId: string;
  version: number;
  environment: string;
  strategy: string;
  status: DeploymentStatus;
  requestedBy: string;
  reason?: string;
  /** Who approves through this link, and for which of the gate's roles. */
  approver: { subject: string; displayName?: string; roles: string[] };
  /** The first of `approver.roles` (null: none). */
  role: string | null;
  gate: Pick<ApprovalGate, "gate" | "requiredRoles" | "approvedRoles" | "status" | "expiresAt"> | null;
  votes: Vote[];
  plan: ReturnType<typeof summarizePlan>;
  /** One line per plan step, for the page. */
  planSummary: string[];
  /** The deployment is waiting on this link's gate. */
  gateOpen: boolean;
  expiresAt: string;
  expired: boolean;
  /** The principal was disabled or lost the link's roles: the link acts for nobody. */
  revoked: boolean;
  /** This principal has decided on this gate already. */
  decided: boolean;
  /** Whether a POST with this link would be accepted now. */
  canDecide: boolean;
}

export interface ApprovalService {
  /** A principal's decision. The HTTP layer checks the approve scope; this checks role, self-approval and one vote. */
  decide(deploymentId: string, input: DecisionInput, principal: Principal): Promise<VoteOutcome>;
  viewApprovalLink(token: string): Promise<ApprovalLinkView>;
  /** A decision as the link's principal; the same rules as `decide`. */
  decideByLink(token: string, input: LinkDecisionInput): Promise<VoteOutcome>;
}

/** The roles a link may still vote for: those it was minted for that its (enabled) principal still holds. */
function liveRoles(link: ApprovalLinkRecord, principal: PrincipalRecord | undefined): string[] | undefined {
  if (!principal || principal.disabled || principal.subject !== link.subject) return undefined;
  const roles = link.roles.filter((role) => principal.roles.includes(role));
  return roles.length > 0 || link.roles.length === 0 ? roles : undefined;
}

/** Votes and approval links over the deployment table. */
export function createApprovalService(deps: { table: TableContext; orchestrator: Orchestrator; clock?: () => Date }): ApprovalService {
  const store = { table: deps.table, orchestrator: deps.orchestrator, clock: deps.clock ?? (() => new Date()) };
  const directory = createPrincipalDirectory({ table: deps.table });

  async function link(token: string) {
    const found = await readLink(deps.table, token);
    if (!found) throw new ApprovalLinkNotFoundError();
    const expiresAt = new Date(found.expiresAt * 1000).toISOString();
    const principal = typeof found.subject === "string" ? await directory.get(found.subject) : undefined;
    return {
      ...found,
      principal,
      roles: liveRoles(found, principal),
      expiresAtIso: expiresAt,
      expired: store.clock().getTime() > found.expiresAt * 1000,
    };
  }

  return {
    decide(deploymentId, input, principal) {
      return castVote(store, deploymentId, {
        decision: input.decision,
        comment: input.comment,
        subject: principal.subject,
        roles: principal.roles,
        via: viaOf(principal),
      });
    },

    async viewApprovalLink(token) {
      const found = await link(token);
      const record = await loadDeployment(deps.table, found.deploymentId);
      const gate = record.approvals.find((g) => g.gate === found.gate);
      const decided = gate?.votes.some((vote) => vote.subject === found.subject) ?? false;
      const gateOpen = record.status === "awaiting_approval" && gate?.status === "open";
      const revoked = found.roles === undefined;
      return {
        deploymentId: record.id,
        specId: record.specId,
        version: record.version,
        environment: record.environment,
        strategy: record.strategy,
        status: record.status,
        requestedBy: record.requestedBy,
        ...(record.reason ? { reason: record.reason } : {}),
        approver: {
          subject: found.subject,
          ...(found.principal?.displayName ? { displayName: found.principal.displayName } : {}),
          roles: found.roles ?? [],
        },
        role: found.roles?.[0] ?? null,
        gate: gate
          ? { gate: gate.gate, requiredRoles: gate.requiredRoles, approvedRoles: gate.approvedRoles, status: gate.status, expiresAt: gate.expiresAt }
          : null,
        votes: gate?.votes ?? [],
        plan: summarizePlan(record.plan),
        planSummary: describePlan(record.plan),
        gateOpen,
        expiresAt: found.expiresAtIso,
        expired: found.expired,
        revoked,
        decided,
        canDecide: gateOpen && !found.expired && !revoked && !decided,
      };
    },

    async decideByLink(token, input) {
      const found = await link(token);
      if (found.expired) throw new ApprovalLinkExpiredError(found.expiresAtIso);
      if (!found.roles) throw new ApprovalLinkRevokedError();
      return castVote(store, found.deploymentId, {
        decision: input.decision,
        comment: input.comment,
        subject: found.subject,
        roles: found.roles,
        via: "link",
        gate: found.gate,
      });
    },
  };
}

import type { Principal } from "../auth/principal.js";
import type { TableContext } from "../store/dynamo.js";
import type { Orchestrator } from "../workflow/contract.js";
import type { ApprovalGate, DeploymentStatus, Vote } from "../rollout/model.js";
import { describePlan, summarizePlan } from "../rollout/plan-summary.js";
import { loadDeployment } from "../rollout/repository.js";
import { ApprovalLinkExpiredError, ApprovalLinkNotFoundError } from "./errors.js";
import { linkSubject, readLink } from "./links.js";
import { castVote, type VoteOutcome } from "./votes.js";

export interface DecisionInput {
  decision: "approve" | "reject";
  comment?: string;
}

export interface LinkDecisionInput extends DecisionInput {
  /** The name the approver gives on the page; recorded with the vote. */
  approverName?: string;
}

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
  /** The role this link approves for (null: any approver). */
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
  /** Whether a POST with this link would be accepted now. */
  canDecide: boolean;
}

export interface ApprovalService {
  /** A principal's decision. The HTTP layer checks the approve scope; this checks role and self-approval. */
  decide(deploymentId: string, input: DecisionInput, principal: Principal): Promise<VoteOutcome>;
  viewApprovalLink(token: string): Promise<ApprovalLinkView>;
  decideByLink(token: string, input: LinkDecisionInput): Promise<VoteOutcome>;
}

/** Votes and approval links over the deployment table. */
export function createApprovalService(deps: { table: TableContext; orchestrator: Orchestrator; clock?: () => Date }): ApprovalService {
  const store = { table: deps.table, orchestrator: deps.orchestrator, clock: deps.clock ?? (() => new Date()) };

  async function link(token: string) {
    const found = await readLink(deps.table, token);
    if (!found) throw new ApprovalLinkNotFoundError();
    const expiresAt = new Date(found.expiresAt * 1000).toISOString();
    return { ...found, expiresAtIso: expiresAt, expired: store.clock().getTime() > found.expiresAt * 1000 };
  }

  return {
    decide(deploymentId, input, principal) {
      return castVote(store, deploymentId, {
        decision: input.decision,
        comment: input.comment,
        subject: principal.subject,
        roles: principal.roles,
        via: "api",
      });
    },

    async viewApprovalLink(token) {
      const found = await link(token);
      const record = await loadDeployment(deps.table, found.deploymentId);
      const gate = record.approvals.find((g) => g.gate === found.gate);
      const subject = linkSubject(found.tokenHash);
      const used = gate?.votes.some((vote) => vote.subject === subject) ?? false;
      return {
        deploymentId: record.id,
        specId: record.specId,
        version: record.version,
        environment: record.environment,
        strategy: record.strategy,
        status: record.status,
        requestedBy: record.requestedBy,
        ...(record.reason ? { reason: record.reason } : {}),
        role: found.role,
        gate: gate
          ? { gate: gate.gate, requiredRoles: gate.requiredRoles, approvedRoles: gate.approvedRoles, status: gate.status, expiresAt: gate.expiresAt }
          : null,
        votes: gate?.votes ?? [],
        plan: summarizePlan(record.plan),
        planSummary: describePlan(record.plan),
        gateOpen: record.status === "awaiting_approval" && gate?.status === "open",
        expiresAt: found.expiresAtIso,
        expired: found.expired,
        canDecide: record.status === "awaiting_approval" && gate?.status === "open" && !found.expired && !used,
      };
    },

    async decideByLink(token, input) {
      const found = await link(token);
      if (found.expired) throw new ApprovalLinkExpiredError(found.expiresAtIso);
      return castVote(store, found.deploymentId, {
        decision: input.decision,
        comment: input.comment,
        subject: linkSubject(found.tokenHash),
        via: "link",
        linkRole: found.role,
        gate: found.gate,
        approverName: input.approverName?.trim() || undefined,
      });
    },
  };
}

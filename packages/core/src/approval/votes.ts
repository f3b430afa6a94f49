import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import type { Principal } from "../auth/principal.js";
import type { PendingEvent } from "../events/outbox.js";
import type { Orchestrator } from "../workflow/contract.js";
import { ExecutionNotFoundError, TaskTimedOutError, TaskTokenInvalidError } from "../workflow/errors.js";
import { withBackoff } from "../store/retry.js";
import { keys } from "../store/keys.js";
import { marshallItem } from "../store/marshall.js";
import { DeploymentFinishedError } from "../rollout/errors.js";
import { startExecution } from "../rollout/executions.js";
import { isFinished, type ApprovalGate, type DeploymentRecord, type Vote } from "../rollout/model.js";
import { mutateDeployment, type DeploymentChange, type RolloutStore } from "../rollout/repository.js";
import { AlreadyVotedError, GateExpiredError, NotAwaitingApprovalError, RoleNotRequiredError, SelfApprovalError } from "./errors.js";

/** One decision on an open gate, by one principal. */
export interface Ballot {
  decision: "approve" | "reject";
  comment?: string;
  /** The principal's subject (a lower-case identifier: compared exactly, never normalized). */
  subject: string;
  /** api / slack: a credential of the principal, by its kind (viaOf); link: the principal's approval link. */
  via: Vote["via"];
  /** The roles the vote may count for: the principal's (api), or those of its link it still holds (link). */
  roles: string[];
  /** The gate an approval link belongs to (link). */
  gate?: number;
}

/** The channel a principal's vote came through, from the kind of credential that resolved it. */
export function viaOf(principal: Pick<Principal, "credential">): Vote["via"] {
  return principal.credential === "slack" ? "slack" : "api";
}

export interface VoteOutcome {
  deploymentId: string;
  status: DeploymentRecord["status"];
  vote: Vote;
  gate: ApprovalGate;
  /** approved: the quorum is met and the rollout continues; rejected: it rolls back. */
  outcome: "recorded" | "approved" | "rejected";
}

export type VoteStore = RolloutStore & { orchestrator: Orchestrator };

function votePut(tableName: string, deploymentId: string, gate: number, vote: Vote): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: marshallItem({ ...keys.approvalVote(deploymentId, gate, vote.subject), entity: "vote", deploymentId, gate, ...vote }),
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

/** The role a vote counts for: a required role the principal holds, one not yet approved first. */
function roleOf(record: DeploymentRecord, gate: ApprovalGate, ballot: Ballot): string | null {
  if (gate.requiredRoles.length === 0) return null;
  const held = gate.requiredRoles.filter((role) => ballot.roles.includes(role));
  if (held.length === 0) throw new RoleNotRequiredError(record.id, gate.requiredRoles);
  return held.find((role) => !gate.approvedRoles.includes(role)) ?? held[0] ?? null;
}

function openGateOf(current: DeploymentRecord, ballot: Ballot, now: Date): ApprovalGate {
  if (isFinished(current.status)) throw new DeploymentFinishedError(current.id, current.status);
  const gate = current.approvals.find((g) => g.status === "open");
  if (current.status !== "awaiting_approval" || !gate || (ballot.gate !== undefined && ballot.gate !== gate.gate)) {
    throw new NotAwaitingApprovalError(current.id, current.status);
  }
  if (now.getTime() > Date.parse(gate.expiresAt)) throw new GateExpiredError(current.id, gate.expiresAt);
  return gate;
}

/**
 * One principal decides once per gate, through whichever channel: a second approval (or a
 * rejection after an approval) by the same subject is refused, so one principal holding two
 * required roles cannot meet a two-role quorum alone. The conditional put of the vote item
 * (keys.approvalVote) makes it hold under concurrent votes too.
 */
function checkOneVote(deploymentId: string, gate: ApprovalGate, ballot: Ballot) {
  if (gate.votes.some((v) => v.subject === ballot.subject)) throw new AlreadyVotedError(deploymentId, gate.gate);
}

/**
 * Records a vote (one per subject per gate, conditional put) and, in the same transaction,
 * what it decides: quorum met -> in_progress past the gate; a rejection -> rolling_back.
 * Then resumes the state machine (SendTaskSuccess / SendTaskFailure); when the execution is
 * gone (a restart), starts a new one that continues from the table.
 */
export async function castVote(store: VoteStore, deploymentId: string, ballot: Ballot): Promise<VoteOutcome> {
  let result: Omit<VoteOutcome, "status"> | undefined;
  let taskToken: string | undefined;
  const record = await mutateDeployment(store, deploymentId, (current): DeploymentChange => {
    const now = store.clock();
    const gate = openGateOf(current, ballot, now);
    if (ballot.subject === current.requestedBy) throw new SelfApprovalError(current.id);
    checkOneVote(current.id, gate, ballot);
    const vote: Vote = {
      subject: ballot.subject,
      role: roleOf(current, gate, ballot),
      decision: ballot.decision,
      at: now.toISOString(),
      via: ballot.via,
      ...(ballot.comment ? { comment: ballot.comment.slice(0, 2_000) } : {}),
    };
    const approvedRoles =
      vote.decision === "approve" && vote.role && !gate.approvedRoles.includes(vote.role) ? [...gate.approvedRoles, vote.role] : gate.approvedRoles;
    const quorum =
      vote.decision === "approve" && (gate.requiredRoles.length === 0 || gate.requiredRoles.every((r) => approvedRoles.includes(r)));
    const outcome = vote.decision === "reject" ? "rejected" : quorum ? "approved" : "recorded";
    const updated: ApprovalGate = {
      ...gate,
      approvedRoles,
      votes: [...gate.votes, vote],
      status: outcome === "recorded" ? "open" : outcome,
    };
    taskToken = current.taskToken;
    result = { deploymentId: current.id, vote, gate: updated, outcome };
    const after: DeploymentRecord = { ...current, approvals: current.approvals.map((g) => (g.gate === gate.gate ? updated : g)) };
    const events: PendingEvent[] = [{ type: "deployment.approval_recorded", actor: ballot.subject, data: { gate: gate.gate, ...vote } }];
    if (outcome === "approved") {
      Object.assign(after, { status: "in_progress", currentStep: gate.step + 1, taskToken: undefined });
      events.push({ type: "deployment.approved", actor: ballot.subject, data: { gate: gate.gate, approvedRoles } });
      events.push({ type: "deployment.approval_decided", actor: ballot.subject, data: { gate: gate.gate, decision: "approved", by: ballot.subject, via: vote.via, approvedRoles } });
    } else if (outcome === "rejected") {
      const by = vote.subject;
      Object.assign(after, {
        status: "rolling_back",
        taskToken: undefined,
        rollbackStartedAt: vote.at,
        failure: { code: "APPROVAL_REJECTED", message: `Rejected by ${by}${vote.comment ? `: ${vote.comment}` : ""}`, step: gate.step },
      });
      events.push({ type: "deployment.rejected", actor: ballot.subject, data: { gate: gate.gate, comment: vote.comment } });
      events.push({
        type: "deployment.approval_decided",
        actor: ballot.subject,
        data: { gate: gate.gate, decision: "rejected", by: ballot.subject, via: vote.via, approvedRoles, ...(vote.comment ? { comment: vote.comment } : {}) },
      });
    }
    return {
      after,
      events,
      extra: [
        {
          item: votePut(store.table.tableName, current.id, gate.gate, vote),
          onConditionFailed: () => new AlreadyVotedError(current.id, gate.gate),
        },
      ],
    };
  });
  const decided = result!;
  if (decided.outcome === "approved") await resume(store, record, taskToken, "run");
  if (decided.outcome === "rejected") await resume(store, record, taskToken, "compensate", record.failure?.message ?? "rejected");
  return { ...decided, status: record.status };
}

/** The paused execution no longer exists, or no longer waits on this token. */
const executionGone = (error: unknown) =>
  error instanceof TaskTokenInvalidError || error instanceof TaskTimedOutError || error instanceof ExecutionNotFoundError;

async function resume(store: VoteStore, record: DeploymentRecord, taskToken: string | undefined, mode: "run" | "compensate", cause = "") {
  try {
    if (!taskToken) throw new TaskTokenInvalidError();
    // A throttled or dropped call is retried: falling back to a new execution would leave the
    // paused one waiting out its whole gate timeout, then compensating.
    await withBackoff(
      () =>
        mode === "run"
          ? store.orchestrator.sendTaskSuccess(taskToken, { approved: true })
          : store.orchestrator.sendTaskFailure(taskToken, "ApprovalRejected", cause),
      { retries: 4, baseMs: 100, maxMs: 2_000, shouldRetry: (error) => !executionGone(error) },
    );
  } catch {
    // The execution that opened the gate is gone (restart, or it was stopped): start one
    // that continues from what the table says.
    await startExecution(store, record, mode, mode === "compensate" ? { Error: "ApprovalRejected", Cause: cause } : undefined);
  }
}

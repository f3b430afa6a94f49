import { RollgateError, type ErrorKind } from "../errors/index.js";

/** Errors of the approval module (gates, votes, approval links). */
export abstract class ApprovalError extends RollgateError {}

/** The requester of a deployment can never approve (or reject) it. */
export class SelfApprovalError extends ApprovalError {
  override name = "SelfApprovalError";
  readonly code = "SELF_APPROVAL";
  readonly kind: ErrorKind = "forbidden";
  constructor(deploymentId: string) {
    super("The requester of a deployment cannot decide on its approval.", { context: { deploymentId } });
  }
}

/** The principal holds none of the roles the gate requires. */
export class RoleNotRequiredError extends ApprovalError {
  override name = "RoleNotRequiredError";
  readonly code = "ROLE_NOT_REQUIRED";
  readonly kind: ErrorKind = "forbidden";
  constructor(deploymentId: string, requiredRoles: string[]) {
    super(`This gate needs an approver with one of the roles: ${requiredRoles.join(", ")}.`, {
      context: { deploymentId, requiredRoles },
    });
  }
}

export class AlreadyVotedError extends ApprovalError {
  override name = "AlreadyVotedError";
  readonly code = "ALREADY_VOTED";
  readonly kind: ErrorKind = "conflict";
  constructor(deploymentId: string, gate: number) {
    super("This approver has already decided on this gate.", { context: { deploymentId, gate } });
  }
}

export class NotAwaitingApprovalError extends ApprovalError {
  override name = "NotAwaitingApprovalError";
  readonly code = "NOT_AWAITING_APPROVAL";
  readonly kind: ErrorKind = "precondition";
  constructor(deploymentId: string, status: string) {
    super(`Deployment ${deploymentId} is not waiting for an approval (it is ${status}).`, { context: { deploymentId, status } });
  }
}

export class GateExpiredError extends ApprovalError {
  override name = "GateExpiredError";
  readonly code = "GATE_EXPIRED";
  readonly kind: ErrorKind = "precondition";
  constructor(deploymentId: string, expiresAt: string) {
    super(`The approval gate of deployment ${deploymentId} expired at ${expiresAt}.`, { context: { deploymentId, expiresAt } });
  }
}

/** Unknown approval-link token (never issued, or deleted after expiry). */
export class ApprovalLinkNotFoundError extends ApprovalError {
  override name = "ApprovalLinkNotFoundError";
  readonly code = "APPROVAL_LINK_NOT_FOUND";
  readonly kind: ErrorKind = "not_found";
  constructor() {
    super("This approval link is not valid.");
  }
}

export class ApprovalLinkExpiredError extends ApprovalError {
  override name = "ApprovalLinkExpiredError";
  readonly code = "APPROVAL_LINK_EXPIRED";
  readonly kind: ErrorKind = "precondition";
  constructor(expiresAt: string) {
    super(`This approval link expired at ${expiresAt}.`, { context: { expiresAt } });
  }
}

/** The link's principal was disabled, or no longer holds the roles the link was minted for. */
export class ApprovalLinkRevokedError extends ApprovalError {
  override name = "ApprovalLinkRevokedError";
  readonly code = "APPROVAL_LINK_REVOKED";
  readonly kind: ErrorKind = "forbidden";
  constructor() {
    super("This approval link no longer acts for anyone: its principal was disabled or no longer holds the role.");
  }
}

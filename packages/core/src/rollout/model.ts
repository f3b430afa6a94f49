import type { TrafficWeights } from "../target/port.js";
import type { Plan } from "./plan.js";
import type { Strategy } from "./settings.js";

/** The lifecycle of a deployment. `aborted` ends rolled back, by request. */
export const deploymentStatuses = [
  "pending",
  "in_progress",
  "awaiting_approval",
  "rolling_back",
  "succeeded",
  "rolled_back",
  "rollback_failed",
  "aborted",
] as const;
export type DeploymentStatus = (typeof deploymentStatuses)[number];

/** Statuses an abort or rollback request can still stop. */
export const inFlightStatuses: readonly DeploymentStatus[] = ["pending", "in_progress", "awaiting_approval"];

/** Finished: nothing runs any more. `rollback_failed` is not here: it waits for a human and keeps the lock. */
export const finishedStatuses: readonly DeploymentStatus[] = ["succeeded", "rolled_back", "aborted"];

export const isInFlight = (status: DeploymentStatus) => inFlightStatuses.includes(status);
export const isFinished = (status: DeploymentStatus) => finishedStatuses.includes(status);

export type CompensationKind = "teardown_candidate" | "shift_to_stable" | "restore_env_pointer";

/** What the environment pointer said before `promote` moved it. */
export interface EnvironmentSnapshot {
  currentVersion: number | null;
  previousVersion: number | null;
  lastDeploymentId: string | null;
}

/** A registered compensation: the undo of a forward step that succeeded. */
export interface Compensation {
  kind: CompensationKind;
  /** The forward step it undoes. */
  step: number;
  registeredAt: string;
  restore?: EnvironmentSnapshot;
}

export interface CompensationLogEntry {
  kind: CompensationKind;
  step: number;
  outcome: "completed" | "failed";
  at: string;
  error?: string;
}

export interface AnalysisCheck {
  step: number;
  weight: number;
  at: string;
  errorRate: number;
  latencyP99Ms: number;
  passed: boolean;
}

export interface AnalysisState {
  /** Failed checks so far, across the rollout (Flagger counts them the same way). */
  failedChecks: number;
  threshold: number;
  /** The latest checks only (bounded, the events keep all of them). */
  checks: AnalysisCheck[];
  /** Failed health checks at the current health step. */
  healthAttempts: number;
}

export interface Vote {
  subject: string;
  role: string | null;
  decision: "approve" | "reject";
  comment?: string;
  at: string;
  /** How the vote came: api (a credential of the principal: a token, or a dashboard session), link (the principal's own approval link), slack (a linked Slack user's button or command). */
  via: "api" | "link" | "slack";
}

export interface ApprovalGate {
  gate: number;
  step: number;
  requiredRoles: string[];
  openedAt: string;
  expiresAt: string;
  /** cancelled: the deployment was aborted or rolled back while the gate was open. */
  status: "open" | "approved" | "rejected" | "timed_out" | "cancelled";
  approvedRoles: string[];
  votes: Vote[];
  /** Approval-link tokens minted for this gate, one per eligible principal (hashes are at keys.approvalLink). */
  links: number;
  /** Required roles that no eligible principal held when the gate opened. */
  rolesWithoutApprovers?: string[];
}

export interface FailureReason {
  code: string;
  message: string;
  step?: number;
}

/** A stop requested by a human: how the deployment should end once compensated. */
export interface StopRequest {
  by: string;
  reason?: string;
  at: string;
  outcome: "aborted" | "rolled_back";
}

/** The deployment item (keys.deployment). */
export interface DeploymentRecord {
  id: string;
  specId: string;
  version: number;
  environment: string;
  strategy: Strategy;
  /** A rollback deployment restores `rollbackOf`'s previous version. */
  purpose: "deploy" | "rollback";
  rollbackOf?: string;
  status: DeploymentStatus;
  plan: Plan;
  /** Index of the next plan step to run; `plan.steps.length` once finished. */
  currentStep: number;
  /** A step whose side effect may have started but whose completion is not recorded. */
  claim?: { step: number; at: string };
  /** Registered compensations; the last one runs first. */
  compensations: Compensation[];
  compensationLog: CompensationLogEntry[];
  trafficWeights: TrafficWeights;
  stableVersion: number | null;
  analysis: AnalysisState;
  approvals: ApprovalGate[];
  /** The open gate's Step Functions task token (only usable with AWS credentials). */
  taskToken?: string;
  failure?: FailureReason;
  stopRequest?: StopRequest;
  requestedBy: string;
  reason?: string;
  forced?: boolean;
  executionId?: string;
  /** Optimistic concurrency: bumped by every write, and the sequence of the latest event. */
  revision: number;
  createdAt: string;
  updatedAt: string;
  rollbackStartedAt?: string;
  /** When the last bake ends; a process restarted mid-bake waits out the rest before going on. */
  bakeUntil?: string;
  /** Who took over a rollback_failed deployment and released its lock. */
  resolvedBy?: string;
  resolvedAt?: string;
  /** Why compensation gave up (rollback_failed). */
  rollbackError?: string;
  finishedAt?: string;
}

/**
 * A retirement of the old version that a successful rollout started and that has not been
 * confirmed yet (the target call failed, or the process stopped before it returned). The
 * next rollout of the environment finishes it before it touches the target.
 */
export interface PendingRetirement {
  /** The version being retired. */
  version: number;
  /** The version that replaced it (and carries the traffic). */
  replacedBy: number;
  /** The deployment that started the retirement. */
  deploymentId: string;
  since: string;
}

/** The environment pointer item (keys.environment). */
export interface EnvironmentPointer extends EnvironmentSnapshot {
  specId: string;
  environment: string;
  /** Versions that have succeeded here: the promotion path's evidence. */
  succeededVersions: number[];
  retiring?: PendingRetirement;
  updatedAt?: string;
}

import type { TrafficWeights } from "../target/port.js";
import type { StepError, StepResult } from "../workflow/contract.js";
import type { DeploymentNotRunnableError } from "./errors.js";
import { isFinished, isInFlight, type Compensation, type DeploymentRecord, type FailureReason } from "./model.js";
import { loadDeployment, mutateDeployment, type DeploymentChange } from "./repository.js";
import { callWithRetries, compensationForClaim, register, targetFor, type SagaContext } from "./saga-context.js";

/**
 * The backward half of the saga. Compensations run last-registered first, each recorded
 * (popped, logged, evented) once it is done, so a retried `compensate` resumes where the
 * previous attempt stopped. A failing compensation is logged and rethrown: Step Functions
 * retries the Compensate task with backoff, then escalates.
 */

const workflowTimeout = "States.Timeout";
/** The error advance and openGate throw when the deployment is not where this execution expected it. */
const staleExecution: DeploymentNotRunnableError["name"] = "DeploymentNotRunnableError";

/** Why the rollback happened, from the error the state machine caught (when advance did not record one). */
export function failureFromError(record: DeploymentRecord, error: StepError | undefined): FailureReason {
  const step = record.currentStep;
  if (error?.Error === workflowTimeout && record.status === "awaiting_approval") {
    return { code: "APPROVAL_TIMEOUT", message: "The approval gate timed out (a timeout is a rejection).", step };
  }
  if (error?.Error === "ApprovalRejected") return { code: "APPROVAL_REJECTED", message: error.Cause ?? "Rejected.", step };
  if (error?.Error === "Rollgate.CompensationRequested") {
    return { code: "COMPENSATION_REQUESTED", message: error.Cause ?? "Compensation was requested.", step };
  }
  return { code: "STEP_ERROR", message: `${error?.Error ?? "Error"}: ${causeMessage(error?.Cause)}`.slice(0, 1_000), step };
}

/** Lambda puts `{"errorMessage": ...}` in Cause; the local engine a plain message. */
function causeMessage(cause: string | undefined): string {
  if (!cause) return "the step failed";
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === "string") return parsed.errorMessage;
  } catch {
    // not JSON: a plain message
  }
  return cause;
}

/** Moves an in-flight deployment to rolling_back and turns a dangling claim into a compensation. */
function beginRollback(ctx: SagaContext, known: DeploymentRecord, error: StepError | undefined) {
  return mutateDeployment(ctx, known.id, (current): DeploymentChange | null => {
    const inFlight = isInFlight(current.status);
    if (!inFlight && (current.status !== "rolling_back" || !current.claim)) return null;
    const at = ctx.clock().toISOString();
    const after: DeploymentRecord = { ...current, claim: undefined, taskToken: undefined, rollbackStartedAt: current.rollbackStartedAt ?? at };
    const claimKind = compensationForClaim(current);
    if (claimKind && current.claim) after.compensations = register(current.compensations, claimKind, current.claim.step, at);
    if (!inFlight) return { after, events: [{ type: "deployment.compensation_registered", data: { kind: claimKind, step: current.claim?.step } }] };
    const failure = current.failure ?? failureFromError(current, error);
    after.status = "rolling_back";
    after.failure = failure;
    const closed = failure.code === "APPROVAL_TIMEOUT" ? "timed_out" : "cancelled";
    after.approvals = current.approvals.map((gate) => (gate.status === "open" ? { ...gate, status: closed } : gate));
    return { after, events: [{ type: "deployment.rollback_started", data: { failure } }] };
  }, { known });
}

async function runCompensation(ctx: SagaContext, record: DeploymentRecord, compensation: Compensation) {
  const { target, context } = targetFor(ctx, record);
  if (compensation.kind === "teardown_candidate") await callWithRetries(ctx, () => target.teardown(context, "candidate"));
  if (compensation.kind === "shift_to_stable") return callWithRetries(ctx, () => target.shift(context, 0));
  // restore_env_pointer is a table write: it commits with the compensation's record below.
  return undefined;
}

const pointerMoved = () => new Error("the environment pointer no longer points at this deployment; restore it by hand");

const sameCompensation = (a: Compensation | undefined, b: Compensation) => a?.kind === b.kind && a.step === b.step;

/** `compensate`: undo what was done, end rolled_back (or aborted), release the lock. */
export async function compensate(ctx: SagaContext, id: string, error?: StepError): Promise<StepResult> {
  let record = await loadDeployment(ctx, id);
  if (isFinished(record.status) || record.status === "rollback_failed") return { status: record.status };
  // A stale execution lost the deployment to another one (a duplicate after a resume or a
  // fallback start): the deployment itself is fine, so this execution just ends.
  if (error?.Error === staleExecution && isInFlight(record.status)) return { status: record.status };
  record = await beginRollback(ctx, record, error);
  if (record.status !== "rolling_back") return { status: record.status };

  for (let top = record.compensations.at(-1); top && record.status === "rolling_back"; top = record.compensations.at(-1)) {
    const compensation = top;
    let weights: TrafficWeights | undefined;
    try {
      weights = await runCompensation(ctx, record, compensation);
      record = await mutateDeployment(ctx, id, (current) => {
        if (current.status !== "rolling_back" || !sameCompensation(current.compensations.at(-1), compensation)) return null;
        const at = ctx.clock().toISOString();
        const extra =
          compensation.kind === "restore_env_pointer" && compensation.restore
            ? [{ effect: { kind: "restore_environment" as const, snapshot: compensation.restore, at }, onConditionFailed: pointerMoved }]
            : [];
        return {
          after: {
            ...current,
            compensations: current.compensations.slice(0, -1),
            compensationLog: [...current.compensationLog, { kind: compensation.kind, step: compensation.step, outcome: "completed", at }],
            ...(weights ? { trafficWeights: weights } : {}),
          },
          events: [{ type: "deployment.compensation_completed", data: { kind: compensation.kind, step: compensation.step, weights } }],
          extra,
        };
      }, { known: record });
    } catch (failure) {
      await logFailure(ctx, id, compensation, failure);
      if (rollbackTimedOut(ctx, record)) return escalate(ctx, id, { Error: "RollbackTimeout", Cause: errorMessage(failure) });
      throw failure;
    }
  }

  record = await mutateDeployment(ctx, id, (current) => {
    if (current.status !== "rolling_back" || current.compensations.length > 0) return null;
    const status = current.stopRequest?.outcome ?? "rolled_back";
    const at = ctx.clock().toISOString();
    return {
      after: { ...current, status, finishedAt: at },
      events: [{ type: `deployment.${status}`, data: { failure: current.failure, weights: current.trafficWeights } }],
      extra: [{ effect: { kind: "release_lock" } }, { effect: { kind: "unmark_active" } }],
    };
  }, { known: record });
  return { status: record.status };
}

function rollbackTimedOut(ctx: SagaContext, record: DeploymentRecord): boolean {
  const started = Date.parse(record.rollbackStartedAt ?? record.updatedAt);
  return ctx.clock().getTime() - started >= record.plan.settings.rollbackTimeoutSeconds.value * 1000;
}

const errorMessage = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 1_000);

async function logFailure(ctx: SagaContext, id: string, compensation: Compensation, failure: unknown) {
  await mutateDeployment(ctx, id, (current) => {
    if (current.status !== "rolling_back") return null;
    const at = ctx.clock().toISOString();
    const entry = { kind: compensation.kind, step: compensation.step, outcome: "failed" as const, at, error: errorMessage(failure) };
    return {
      after: { ...current, compensationLog: [...current.compensationLog, entry].slice(-50) },
      events: [{ type: "deployment.compensation_failed", data: { ...entry } }],
    };
  }).catch(() => undefined);
}

/** `escalate`: compensation kept failing. Mark rollback_failed, raise the alert, keep the lock for a human. */
export async function escalate(ctx: SagaContext, id: string, error?: StepError): Promise<StepResult> {
  const record = await mutateDeployment(ctx, id, (current) => {
    if (current.status === "rollback_failed" || isFinished(current.status)) return null;
    const rollbackError = `${error?.Error ?? "Error"}: ${causeMessage(error?.Cause)}`.slice(0, 1_000);
    return {
      after: { ...current, status: "rollback_failed", failure: current.failure ?? failureFromError(current, error), rollbackError, taskToken: undefined },
      events: [
        {
          type: "deployment.rollback_failed",
          data: {
            failure: current.failure,
            rollbackError,
            pendingCompensations: current.compensations.map((c) => c.kind),
            weights: current.trafficWeights,
            lockHeld: true,
          },
        },
      ],
      extra: [{ effect: { kind: "unmark_active" } }],
    };
  });
  return { status: record.status };
}

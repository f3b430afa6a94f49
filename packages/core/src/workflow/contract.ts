/**
 * The contract between the state machine and the saga steps. The ASL definition is an
 * interpreter loop: it asks the step handler to `advance` the deployment (the handler runs
 * plan steps, recording each before starting the next, until it must wait), then waits,
 * opens an approval gate, or finishes. Any failure goes to `compensate`; a compensation that
 * keeps failing goes to `escalate`. The same handler serves the `step` Lambda in AWS and the
 * local engine's task handlers.
 */

export interface StepError {
  Error?: string;
  Cause?: string;
}

export type StepRequest =
  | { action: "advance"; deploymentId: string }
  | { action: "openGate"; deploymentId: string; taskToken: string; gateTimeoutSeconds?: number }
  | { action: "compensate"; deploymentId: string; error?: StepError }
  | { action: "escalate"; deploymentId: string; error?: StepError };

export interface AdvanceResult {
  /** advance: call advance again at once; wait: Wait waitSeconds then advance; gate: open an approval gate; done: finished. */
  next: "advance" | "wait" | "gate" | "done";
  waitSeconds?: number;
  /** For `gate`: how long the gate may stay open; a timeout is a rejection. */
  gateTimeoutSeconds?: number;
}

export interface CompensateResult {
  status: "rolled_back" | "aborted";
}

export type StepResult = AdvanceResult | CompensateResult | { status: string };

export type StepHandler = (request: StepRequest) => Promise<StepResult>;

/** Execution input. `compensate` starts straight at compensation (abort, recovery after a crash). */
export interface ExecutionInput {
  deploymentId: string;
  mode: "run" | "compensate";
  /** The plan's step kinds, for the execution history; the handler reads the plan from the table. */
  steps?: string[];
  /** Why a `compensate` execution compensates (abort, crash recovery); passed to the compensate step. */
  error?: StepError;
  /** Wait this long before the first advance (what was left of a bake when the process stopped). */
  waitSeconds?: number;
}

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

/** The orchestrator port: Step Functions in AWS, aws-local-stepfunctions locally. */
export interface Orchestrator {
  /**
   * Starts an execution. `name` (default: a fresh one) makes a retried start safe: when an
   * execution of that name exists with the same input, it is the one returned (Step
   * Functions' own rule for a running Standard execution, extended to a finished one);
   * with another input the start fails with ExecutionAlreadyExistsError.
   */
  start(input: ExecutionInput, options?: { name?: string }): Promise<{ executionId: string }>;
  /** SendTaskSuccess for an approval gate's task token. */
  sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<void>;
  /** SendTaskFailure: the gate was rejected. */
  sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void>;
  /** StopExecution: used by abort, which then starts a `compensate` execution. */
  stop(executionId: string, cause: string): Promise<void>;
  describe(executionId: string): Promise<ExecutionDescription>;
}

export interface ExecutionDescription {
  status: ExecutionStatus;
  output?: unknown;
  error?: StepError;
  /** State transitions so far (Standard workflows bill per transition); reported by the local engine only. */
  stateTransitions?: number;
}

import { RollgateError, type ErrorKind } from "../errors/index.js";

/**
 * Errors of the workflow module. `name` is spelled out (not taken from the class) because
 * Step Functions matches Retry/Catch on it and bundlers may rename classes.
 */
export abstract class WorkflowError extends RollgateError {}

/** The task token is unknown, malformed, or its gate is already closed. */
export class TaskTokenInvalidError extends WorkflowError {
  override name = "TaskTokenInvalidError";
  readonly code = "TASK_TOKEN_INVALID";
  readonly kind: ErrorKind = "precondition";
  constructor(options: { cause?: unknown } = {}) {
    super("The approval gate's task token is not valid, or the gate is already closed.", options);
  }
}

/** The gate's task timed out before the decision arrived (a timeout is a rejection). */
export class TaskTimedOutError extends WorkflowError {
  override name = "TaskTimedOutError";
  readonly code = "TASK_TIMED_OUT";
  readonly kind: ErrorKind = "precondition";
  constructor(options: { cause?: unknown } = {}) {
    super("The approval gate timed out before this decision arrived.", options);
  }
}

export class ExecutionNotFoundError extends WorkflowError {
  override name = "ExecutionNotFoundError";
  readonly code = "EXECUTION_NOT_FOUND";
  readonly kind: ErrorKind = "not_found";
  constructor(executionId: string, options: { cause?: unknown } = {}) {
    super(`Workflow execution ${executionId} does not exist.`, { ...options, context: { executionId } });
  }
}

/** An execution of this name exists with another input: a different start, not a retry of this one. */
export class ExecutionAlreadyExistsError extends WorkflowError {
  override name = "ExecutionAlreadyExistsError";
  readonly code = "EXECUTION_ALREADY_EXISTS";
  readonly kind: ErrorKind = "conflict";
  constructor(executionName: string, options: { cause?: unknown } = {}) {
    super(`A workflow execution named ${executionName} already exists with another input.`, { ...options, context: { executionName } });
  }
}

/** The workflow engine failed or refused a call for another reason. */
export class WorkflowUnavailableError extends WorkflowError {
  override name = "WorkflowUnavailableError";
  readonly code = "WORKFLOW_UNAVAILABLE";
  readonly kind: ErrorKind = "unavailable";
}

/** A step returned something the state machine cannot route on. */
export class StepResultInvalidError extends WorkflowError {
  override name = "StepResultInvalidError";
  readonly code = "STEP_RESULT_INVALID";
  readonly kind: ErrorKind = "unavailable";
  constructor(action: string, detail: string) {
    super(`The ${action} step returned an invalid result: ${detail}`, { context: { action } });
  }
}

/** A Task state sent a payload that is not a StepRequest. */
export class StepRequestInvalidError extends WorkflowError {
  override name = "StepRequestInvalidError";
  readonly code = "STEP_REQUEST_INVALID";
  readonly kind: ErrorKind = "invalid";
  constructor(detail: string) {
    super(`Invalid step request: ${detail}`);
  }
}

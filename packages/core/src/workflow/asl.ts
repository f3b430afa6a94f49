/**
 * The one state machine: an interpreter loop over the deployment's plan (see contract.ts).
 * The same JSON runs in Step Functions (the stack passes it to `DefinitionBody.fromString`)
 * and in the local engine, so it sticks to what both support: JSONPath, no JSONata, no
 * Assign.
 *
 *   Start ──mode=compensate──────────────────────────────────────────────┐
 *     └─► Advance ─► Route ─wait─► Bake ─► Advance                         │
 *            ▲          ├─gate─► ApprovalGate ─► Advance                  ▼
 *            └─advance──┤        (any failure, timeout or rejection) ─► Compensate ─► RolledBack
 *                       └─done─► Done                                       └─fails─► Escalate ─► RollbackFailed
 *
 * The last step result lives at `$.Payload` (where Lambda's own integration puts a result).
 * The name is load-bearing: the gate's TimeoutSecondsPath is resolved against the state
 * input by Step Functions but against the effective Parameters by aws-local-stepfunctions,
 * and `$.Payload.gateTimeoutSeconds` exists in both.
 *
 * A bake costs three transitions (Advance, Route, Bake): the step handler runs as many
 * plan steps per `advance` as it can before it has to wait, so the loop pays for waits,
 * not for plan steps.
 */

/** An ASL document (JSON-serializable). */
export interface StateMachineDefinition {
  Comment?: string;
  StartAt: string;
  TimeoutSeconds?: number;
  States: Record<string, AslState>;
}

/** One ASL state; loose on purpose, the definition is checked by asl-validator in tests. */
export type AslState = { Type: "Task" | "Choice" | "Wait" | "Pass" | "Succeed" | "Fail" } & Record<string, unknown>;

/** State names, for task-handler bindings and tests. */
export const stateNames = {
  start: "Start",
  compensationRequested: "CompensationRequested",
  advance: "Advance",
  route: "Route",
  bake: "Bake",
  resumeWait: "ResumeWait",
  approvalGate: "ApprovalGate",
  unexpectedResult: "UnexpectedResult",
  done: "Done",
  compensate: "Compensate",
  rolledBack: "RolledBack",
  escalate: "Escalate",
  rollbackFailed: "RollbackFailed",
} as const;

/** The integration that pauses on a task token (SendTaskSuccess / SendTaskFailure resume it). */
export const waitForTaskTokenResource = "arn:aws:states:::lambda:invoke.waitForTaskToken";

/** Error names the state machine itself raises into `$.error`. */
export const workflowErrorNames = {
  compensationRequested: "Rollgate.CompensationRequested",
  unexpectedResult: "Rollgate.UnexpectedStepResult",
  rollbackFailed: "Rollgate.RollbackFailed",
  /** The Error of an execution stopped through the orchestrator (abort). */
  executionStopped: "Rollgate.ExecutionStopped",
} as const;

export interface StateMachineOptions {
  /** ARN of the step Lambda (packages/functions/src/step.ts). */
  stepFunctionArn: string;
  /** Timeout of each step call; keep it above the Lambda's own timeout. Default 300. */
  stepTimeoutSeconds?: number;
}

/**
 * Failures of the Lambda service itself, and infrastructure errors the step handler reports
 * as `Rollgate.Transient`: safe to retry because every step is idempotent.
 */
const lambdaTransientErrors = [
  "Rollgate.Transient",
  "Lambda.ServiceException",
  "Lambda.AWSLambdaException",
  "Lambda.SdkClientException",
  "Lambda.TooManyRequestsException",
];

const transientRetry = {
  ErrorEquals: lambdaTransientErrors,
  IntervalSeconds: 1,
  MaxAttempts: 5,
  BackoffRate: 2,
  MaxDelaySeconds: 30,
  JitterStrategy: "FULL",
};

const toCompensate = [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: stateNames.compensate }];

/** Builds the plan-driven definition shared by every strategy. */
export function buildStateMachineDefinition(options: StateMachineOptions): StateMachineDefinition {
  const { stepFunctionArn } = options;
  const stepTimeout = options.stepTimeoutSeconds ?? 300;
  const step = (action: string, extra: Record<string, string> = {}) => ({
    Type: "Task" as const,
    Resource: stepFunctionArn,
    Parameters: { action, "deploymentId.$": "$.deploymentId", ...extra },
    TimeoutSeconds: stepTimeout,
  });
  const failure = (name: string, cause: string) => ({ Error: name, Cause: cause });

  return {
    Comment: "Rollgate rollout: a plan-driven saga (advance / wait / gate / done; compensate on any failure)",
    StartAt: stateNames.start,
    States: {
      [stateNames.start]: {
        Type: "Choice",
        Choices: [
          {
            And: [
              { Variable: "$.mode", StringEquals: "compensate" },
              { Variable: "$.error", IsPresent: true },
            ],
            Next: stateNames.compensate,
          },
          { Variable: "$.mode", StringEquals: "compensate", Next: stateNames.compensationRequested },
          // Resumed after a restart in the middle of a bake: wait out what is left of it first.
          { Variable: "$.waitSeconds", IsPresent: true, Next: stateNames.resumeWait },
        ],
        Default: stateNames.advance,
      },
      [stateNames.resumeWait]: {
        Type: "Wait",
        SecondsPath: "$.waitSeconds",
        Next: stateNames.advance,
      },
      // The compensate step's Parameters read $.error, and a missing path is an uncatchable States.Runtime.
      [stateNames.compensationRequested]: {
        Type: "Pass",
        Result: failure(workflowErrorNames.compensationRequested, "the execution was started to compensate"),
        ResultPath: "$.error",
        Next: stateNames.compensate,
      },
      [stateNames.advance]: {
        ...step("advance"),
        ResultPath: "$.Payload",
        Retry: [transientRetry, { ErrorEquals: ["States.Timeout"], IntervalSeconds: 2, MaxAttempts: 2, BackoffRate: 2 }],
        Catch: toCompensate,
        Next: stateNames.route,
      },
      [stateNames.route]: {
        Type: "Choice",
        Choices: [
          { Variable: "$.Payload.next", StringEquals: "wait", Next: stateNames.bake },
          { Variable: "$.Payload.next", StringEquals: "gate", Next: stateNames.approvalGate },
          { Variable: "$.Payload.next", StringEquals: "advance", Next: stateNames.advance },
          { Variable: "$.Payload.next", StringEquals: "done", Next: stateNames.done },
        ],
        Default: stateNames.unexpectedResult,
      },
      [stateNames.bake]: { Type: "Wait", SecondsPath: "$.Payload.waitSeconds", Next: stateNames.advance },
      [stateNames.approvalGate]: {
        Type: "Task",
        Resource: waitForTaskTokenResource,
        Parameters: {
          FunctionName: stepFunctionArn,
          Payload: {
            action: "openGate",
            "deploymentId.$": "$.deploymentId",
            "taskToken.$": "$$.Task.Token",
            "gateTimeoutSeconds.$": "$.Payload.gateTimeoutSeconds",
          },
        },
        // Resolves against the state input in Step Functions and against the effective
        // Parameters in aws-local-stepfunctions; `$.Payload` exists in both (see the header).
        // A timeout is a rejection: States.Timeout goes to Compensate like any other failure.
        TimeoutSecondsPath: "$.Payload.gateTimeoutSeconds",
        ResultPath: "$.gate",
        Retry: [transientRetry],
        Catch: toCompensate,
        Next: stateNames.advance,
      },
      [stateNames.unexpectedResult]: {
        Type: "Pass",
        Result: failure(workflowErrorNames.unexpectedResult, "the advance step returned an unknown `next`"),
        ResultPath: "$.error",
        Next: stateNames.compensate,
      },
      [stateNames.done]: { Type: "Succeed", OutputPath: "$.Payload" },
      [stateNames.compensate]: {
        ...step("compensate", { "error.$": "$.error" }),
        ResultPath: "$.Payload",
        Retry: [
          { ErrorEquals: ["States.ALL"], IntervalSeconds: 2, MaxAttempts: 5, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: "FULL" },
        ],
        Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: stateNames.escalate }],
        Next: stateNames.rolledBack,
      },
      // Rolled back is a handled outcome (the saga did its job), so the execution succeeds
      // with the compensate result; only a rollback that needs a human fails the execution.
      [stateNames.rolledBack]: { Type: "Succeed", OutputPath: "$.Payload" },
      [stateNames.escalate]: {
        ...step("escalate", { "error.$": "$.error" }),
        ResultPath: "$.escalation",
        Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
        Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.escalation", Next: stateNames.rollbackFailed }],
        Next: stateNames.rollbackFailed,
      },
      [stateNames.rollbackFailed]: {
        Type: "Fail",
        ...failure(workflowErrorNames.rollbackFailed, "compensation kept failing; the lock stays held for a human"),
      },
    },
  };
}

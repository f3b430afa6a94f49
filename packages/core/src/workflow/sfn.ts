import {
  DescribeExecutionCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import type { ExecutionDescription, ExecutionStatus, Orchestrator } from "./contract.js";
import {
  ExecutionAlreadyExistsError,
  ExecutionNotFoundError,
  TaskTimedOutError,
  TaskTokenInvalidError,
  WorkflowError,
  WorkflowUnavailableError,
} from "./errors.js";
import { workflowErrorNames } from "./asl.js";
import { canonicalJson } from "../spec/canonical.js";
import { executionName } from "./naming.js";

export interface SfnOrchestratorOptions {
  /** Built once per process and injected (tests pass a mocked client). */
  client: SFNClient;
  stateMachineArn: string;
}

/** Step Functions' own limits on SendTaskFailure/StopExecution fields. */
const maxErrorLength = 256;
const maxCauseLength = 32_768;

/** The orchestrator port on AWS Step Functions (Standard workflow). */
export function createSfnOrchestrator({ client, stateMachineArn }: SfnOrchestratorOptions): Orchestrator {
  return {
    async start(input, options = {}) {
      const name = options.name ?? executionName(input);
      const body = JSON.stringify(input);
      try {
        const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, name, input: body }));
        if (!executionArn) throw new WorkflowUnavailableError("StartExecution returned no execution ARN.");
        return { executionId: executionArn };
      } catch (error) {
        // A running execution of this name and input is returned by StartExecution itself; a
        // finished one is ExecutionAlreadyExists: the same input means a retry of this start.
        if ((error as { name?: string } | undefined)?.name !== "ExecutionAlreadyExists") throw translate(error, undefined);
        const executionArn = `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
        const existing = await call(() => client.send(new DescribeExecutionCommand({ executionArn })), executionArn);
        if (existing.input !== undefined && sameJson(existing.input, body)) return { executionId: executionArn };
        throw new ExecutionAlreadyExistsError(name, { cause: error });
      }
    },

    async sendTaskSuccess(taskToken, output) {
      await call(() => client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })));
    },

    async sendTaskFailure(taskToken, error, cause) {
      await call(() =>
        client.send(
          new SendTaskFailureCommand({
            taskToken,
            error: error.slice(0, maxErrorLength),
            cause: cause.slice(0, maxCauseLength),
          }),
        ),
      );
    },

    async stop(executionId, cause) {
      await call(
        () =>
          client.send(
            new StopExecutionCommand({
              executionArn: executionId,
              error: workflowErrorNames.executionStopped,
              cause: cause.slice(0, maxCauseLength),
            }),
          ),
        executionId,
      );
    },

    async describe(executionId): Promise<ExecutionDescription> {
      const execution = await call(
        () => client.send(new DescribeExecutionCommand({ executionArn: executionId })),
        executionId,
      );
      const description: ExecutionDescription = { status: toStatus(execution.status) };
      if (execution.output !== undefined) description.output = parseJson(execution.output);
      if (execution.error !== undefined || execution.cause !== undefined) {
        description.error = { Error: execution.error, Cause: execution.cause };
      }
      return description;
    },
  };
}

/** A redrivable failed execution is not running; it stays FAILED until someone redrives it. */
function toStatus(status: string | undefined): ExecutionStatus {
  switch (status) {
    case "SUCCEEDED":
    case "FAILED":
    case "TIMED_OUT":
    case "ABORTED":
    case "RUNNING":
      return status;
    case "PENDING_REDRIVE":
      return "RUNNING";
    default:
      throw new WorkflowUnavailableError(`DescribeExecution returned an unknown status ${String(status)}.`);
  }
}

/** Step Functions may hand the input back re-serialized: compare values, not bytes. */
function sameJson(a: string, b: string): boolean {
  return a === b || canonicalJson(parseJson(a)) === canonicalJson(parseJson(b));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Translates SDK errors at the adapter so no SDK type leaks into the domain. */
async function call<T>(send: () => Promise<T>, executionId?: string): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw translate(error, executionId);
  }
}

function translate(error: unknown, executionId: string | undefined): Error {
  if (error instanceof WorkflowError) return error;
  const name = (error as { name?: string } | undefined)?.name;
  switch (name) {
    case "TaskTimedOut":
      return new TaskTimedOutError({ cause: error });
    case "InvalidToken":
    case "TaskDoesNotExist":
      return new TaskTokenInvalidError({ cause: error });
    case "ExecutionDoesNotExist":
    case "InvalidArn":
      return new ExecutionNotFoundError(executionId ?? "(unknown)", { cause: error });
    default:
      return new WorkflowUnavailableError(`Step Functions call failed: ${name ?? "unknown error"}`, { cause: error });
  }
}

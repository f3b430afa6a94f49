import { beforeEach, describe, expect, it } from "vitest";
import { mockClient } from "aws-sdk-client-mock";
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  SFNServiceException,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskTimedOut,
} from "@aws-sdk/client-sfn";
import {
  createSfnOrchestrator,
  ExecutionAlreadyExistsError,
  ExecutionNotFoundError,
  launchExecutionName,
  TaskTimedOutError,
  TaskTokenInvalidError,
  WorkflowUnavailableError,
  workflowErrorNames,
} from "@rollgate/core/workflow";

const stateMachineArn = "arn:aws:states:eu-west-1:123456789012:stateMachine:rollgate";
const executionArn = "arn:aws:states:eu-west-1:123456789012:execution:rollgate:dep-1-run-0a1b2c3d";
const sfn = mockClient(SFNClient);
const orchestrator = createSfnOrchestrator({ client: new SFNClient({ region: "eu-west-1" }), stateMachineArn });
const meta = { $metadata: {} };

beforeEach(() => sfn.reset());

describe("the Step Functions orchestrator", () => {
  it("starts an execution named after the deployment, with the input as JSON", async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn, startDate: new Date() });
    const input = { deploymentId: "dep-1", mode: "run" as const, steps: ["prepare", "shift"] };
    await expect(orchestrator.start(input)).resolves.toEqual({ executionId: executionArn });
    const sent = sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input;
    expect(sent.stateMachineArn).toBe(stateMachineArn);
    expect(sent.name).toMatch(/^dep-1-run-[0-9a-f]{8}$/);
    expect(JSON.parse(sent.input!)).toEqual(input);
  });

  it("a deterministic name makes a retried start safe: ExecutionAlreadyExists with the same input is that execution", async () => {
    const input = { deploymentId: "dep-2", mode: "run" as const, steps: ["prepare"] };
    const name = launchExecutionName("dep-2");
    const arn = "arn:aws:states:eu-west-1:123456789012:execution:rollgate:dep-2-run";
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: "exists", ...meta }));
    // Step Functions hands the input back as it stored it: key order is not the question.
    sfn
      .on(DescribeExecutionCommand, { executionArn: arn })
      .resolvesOnce({ input: '{"steps":["prepare"],"mode":"run","deploymentId":"dep-2"}', status: "SUCCEEDED" } as never)
      .resolvesOnce({ input: JSON.stringify({ ...input, mode: "compensate" }), status: "RUNNING" } as never);
    await expect(orchestrator.start(input, { name })).resolves.toEqual({ executionId: arn });
    expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input.name).toBe("dep-2-run");

    // An execution of that name with another input is another start: refused, never returned.
    const error = await orchestrator.start(input, { name }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutionAlreadyExistsError);
    expect(error).toMatchObject({ code: "EXECUTION_ALREADY_EXISTS" });
  });

  it("keeps execution names within Step Functions' alphabet and length", async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn });
    await orchestrator.start({ deploymentId: `weird id/with:chars.${"x".repeat(100)}`, mode: "compensate" });
    const { name } = sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input;
    expect(name).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
  });

  it("sends a gate decision with its output as JSON", async () => {
    sfn.on(SendTaskSuccessCommand).resolves({});
    await orchestrator.sendTaskSuccess("token-1", { decision: "approve", by: "alice" });
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input).toEqual({
      taskToken: "token-1",
      output: '{"decision":"approve","by":"alice"}',
    });
  });

  it("sends a rejection with error and cause", async () => {
    sfn.on(SendTaskFailureCommand).resolves({});
    await orchestrator.sendTaskFailure("token-1", "Rollgate.ApprovalRejected", "no");
    expect(sfn.commandCalls(SendTaskFailureCommand)[0]!.args[0].input).toEqual({
      taskToken: "token-1",
      error: "Rollgate.ApprovalRejected",
      cause: "no",
    });
  });

  it("maps TaskTimedOut and InvalidToken to typed errors", async () => {
    sfn.on(SendTaskSuccessCommand).rejectsOnce(new TaskTimedOut({ message: "timed out", ...meta }));
    await expect(orchestrator.sendTaskSuccess("t", {})).rejects.toBeInstanceOf(TaskTimedOutError);
    sfn.on(SendTaskFailureCommand).rejectsOnce(new InvalidToken({ message: "bad token", ...meta }));
    const error = await orchestrator.sendTaskFailure("t", "E", "C").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskTokenInvalidError);
    expect(error).toMatchObject({ code: "TASK_TOKEN_INVALID", name: "TaskTokenInvalidError" });
  });

  it("stops an execution with the stop error and cause", async () => {
    sfn.on(StopExecutionCommand).resolves({ stopDate: new Date() });
    await orchestrator.stop(executionArn, "aborted by alice");
    expect(sfn.commandCalls(StopExecutionCommand)[0]!.args[0].input).toEqual({
      executionArn,
      error: workflowErrorNames.executionStopped,
      cause: "aborted by alice",
    });
  });

  it("maps ExecutionDoesNotExist to ExecutionNotFoundError", async () => {
    sfn.on(StopExecutionCommand).rejects(new ExecutionDoesNotExist({ message: "nope", ...meta }));
    sfn.on(DescribeExecutionCommand).rejects(new ExecutionDoesNotExist({ message: "nope", ...meta }));
    await expect(orchestrator.stop(executionArn, "x")).rejects.toBeInstanceOf(ExecutionNotFoundError);
    await expect(orchestrator.describe(executionArn)).rejects.toMatchObject({
      code: "EXECUTION_NOT_FOUND",
      context: { executionId: executionArn },
    });
  });

  it("wraps any other service failure without leaking the SDK error type", async () => {
    const throttled = new SFNServiceException({ name: "ThrottlingException", $fault: "client", message: "slow down", ...meta });
    sfn.on(StartExecutionCommand).rejects(throttled);
    const error = await orchestrator.start({ deploymentId: "d", mode: "run" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUnavailableError);
    expect((error as Error).message).toContain("ThrottlingException");
    expect((error as Error).cause).toBe(throttled);
  });

  it("describes status, parsed output and error", async () => {
    sfn
      .on(DescribeExecutionCommand)
      .resolvesOnce({ executionArn, stateMachineArn, status: "SUCCEEDED", startDate: new Date(), output: '{"status":"rolled_back"}' })
      .resolvesOnce({
        executionArn,
        stateMachineArn,
        status: "FAILED",
        startDate: new Date(),
        error: workflowErrorNames.rollbackFailed,
        cause: "compensation kept failing",
      })
      .resolvesOnce({ executionArn, stateMachineArn, status: "PENDING_REDRIVE", startDate: new Date() });
    await expect(orchestrator.describe(executionArn)).resolves.toEqual({ status: "SUCCEEDED", output: { status: "rolled_back" } });
    await expect(orchestrator.describe(executionArn)).resolves.toEqual({
      status: "FAILED",
      error: { Error: workflowErrorNames.rollbackFailed, Cause: "compensation kept failing" },
    });
    await expect(orchestrator.describe(executionArn)).resolves.toEqual({ status: "RUNNING" });
  });
});

import type { RunOptions, StateMachine } from "aws-local-stepfunctions";
import { buildStateMachineDefinition, stateNames, workflowErrorNames, type StateMachineDefinition } from "./asl.js";
import type {
  ExecutionDescription,
  ExecutionInput,
  ExecutionStatus,
  Orchestrator,
  StepError,
  StepHandler,
  StepRequest,
} from "./contract.js";
import { ExecutionAlreadyExistsError, ExecutionNotFoundError, StepRequestInvalidError } from "./errors.js";
import { LocalGateRegistry, LocalTaskError } from "./local-gates.js";
import { executionName } from "./naming.js";
import { installPromiseWithResolvers } from "./polyfill.js";
import { DEFAULT_GATE_TIMEOUT_SECONDS, MAX_TIMER_SECONDS, normalizeStepResult, stepRequestSchema } from "./schema.js";

/** The step Lambda's ARN inside the local engine; never called, every Task is bound locally. */
export const localStepFunctionArn = "arn:aws:lambda:local:000000000000:function:rollgate-step";

/** The subset of a logger (console, Powertools Logger) the engine writes to. */
export interface WorkflowLogger {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

export interface LocalOrchestratorOptions {
  stepHandler: StepHandler;
  /** Multiplies the engine's own timers (Wait states, Retry intervals); tests use 0 or 0.01. Default 1. */
  waitScale?: number;
  logger?: WorkflowLogger;
  /** Finished executions kept for `describe`, oldest dropped first. Default 10,000. */
  maxFinishedExecutions?: number;
}

/** The local orchestrator, with what tests, the bench and `npm start` need beyond the port. */
export interface LocalOrchestrator extends Orchestrator {
  /** Resolves once the execution has ended, whatever its status. */
  waitForCompletion(executionId: string): Promise<ExecutionDescription>;
  /** Validates the definition now instead of on the first `start` (~0.4 s). */
  ready(): Promise<void>;
  /** Gates waiting for a decision, across executions. */
  openGateCount(): number;
  runningCount(): number;
  /** Whether a running execution drives this deployment. */
  isDriving(deploymentId: string): boolean;
  /** Stops every running execution (process shutdown); their deployments are resumed from the table. */
  stopAll(cause: string): Promise<void>;
}

interface LocalExecution {
  deploymentId: string;
  /** The input as JSON: a start with the same name and input is a retry, not a second execution. */
  input: string;
  status: ExecutionStatus;
  output?: unknown;
  error?: StepError;
  transitions: number;
  /** Present while running only, so a finished execution holds a handful of fields. */
  live?: {
    abort(): void;
    settled: Promise<void>;
    gateToken?: string;
    stopped?: boolean;
  };
}

type JSONValue = Parameters<StateMachine["run"]>[0];

const sharedTaskContext = { Token: "bound-by-local-handler" };

/**
 * Runs the ASL definition from `buildStateMachineDefinition` in process with
 * aws-local-stepfunctions. Every Task state is bound to `stepHandler`; the approval gate
 * (which the engine cannot pause on a token) is bound to a handler that mints a token and
 * waits for sendTaskSuccess/sendTaskFailure. Executions live in memory: after a restart the
 * saga layer resumes or compensates from the table.
 */
export function createLocalOrchestrator(options: LocalOrchestratorOptions): LocalOrchestrator {
  const { stepHandler, logger } = options;
  const waitScale = options.waitScale ?? 1;
  const maxFinished = options.maxFinishedExecutions ?? 10_000;
  const definition = buildStateMachineDefinition({ stepFunctionArn: localStepFunctionArn });
  const retryIntervalOverrides = waitScale === 1 ? undefined : scaledRetryIntervals(definition, waitScale);
  const executions = new Map<string, LocalExecution>();
  const finished = new Set<string>();
  const gates = new LocalGateRegistry();
  let machine: Promise<StateMachine> | undefined;

  // One StateMachine for every execution: validating a definition costs ~0.4 s.
  const loadMachine = () =>
    (machine ??= (async () => {
      installPromiseWithResolvers();
      const engine = await import("aws-local-stepfunctions");
      return new engine.StateMachine(definition as never);
    })());

  const stopped = () => new LocalTaskError(workflowErrorNames.executionStopped, "the execution was stopped");

  async function runStep(record: LocalExecution, input: unknown, waitOverrides: Record<string, number>) {
    if (record.live?.stopped) throw stopped();
    const parsed = stepRequestSchema.safeParse(input);
    if (!parsed.success) throw new StepRequestInvalidError(parsed.error.message);
    const request: StepRequest = parsed.data;
    let result;
    try {
      result = normalizeStepResult(request, await stepHandler(request));
    } catch (error) {
      logger?.warn("workflow step failed", { ...describeRequest(request), error: errorName(error) });
      throw error;
    }
    if ("next" in result && result.next === "wait") {
      waitOverrides[stateNames.bake] = Math.round((result.waitSeconds ?? 0) * 1000 * waitScale);
    }
    return result as unknown as JSONValue;
  }

  async function openGate(executionId: string, record: LocalExecution, input: unknown) {
    const live = record.live;
    if (!live || live.stopped) throw stopped();
    const parsed = stepRequestSchema.safeParse((input as { Payload?: unknown } | null)?.Payload);
    if (!parsed.success || parsed.data.action !== "openGate") throw new StepRequestInvalidError("expected an openGate payload");
    const timeout = Math.min(parsed.data.gateTimeoutSeconds ?? DEFAULT_GATE_TIMEOUT_SECONDS, MAX_TIMER_SECONDS);
    const { token, decision } = gates.open(executionId, timeout);
    live.gateToken = token;
    const request = { ...parsed.data, taskToken: token };
    try {
      await stepHandler(request);
    } catch (error) {
      logger?.warn("workflow step failed", { ...describeRequest(request), error: errorName(error) });
      gates.abandon(token, error instanceof Error ? error : new Error(String(error)));
    }
    try {
      return (await decision) as JSONValue;
    } finally {
      if (live.gateToken === token) live.gateToken = undefined;
    }
  }

  function finish(id: string, record: LocalExecution, outcome: Pick<LocalExecution, "status" | "output" | "error">) {
    if (record.status === "RUNNING") Object.assign(record, outcome);
    record.live = undefined;
    finished.add(id);
    if (finished.size > maxFinished) {
      const oldest = finished.values().next().value as string;
      finished.delete(oldest);
      executions.delete(oldest);
    }
  }

  function find(executionId: string): LocalExecution {
    const record = executions.get(executionId);
    if (!record) throw new ExecutionNotFoundError(executionId);
    return record;
  }

  const describe = (record: LocalExecution): ExecutionDescription => ({
    status: record.status,
    ...(record.output === undefined ? {} : { output: record.output }),
    ...(record.error ? { error: record.error } : {}),
    stateTransitions: record.transitions,
  });

  const orchestrator: LocalOrchestrator = {
    async start(input: ExecutionInput, options: { name?: string } = {}) {
      const stateMachine = await loadMachine();
      const name = options.name ?? executionName(input);
      const executionId = `arn:aws:states:local:000000000000:execution:rollgate:${name}`;
      const inputJson = JSON.stringify(input);
      // Step Functions' rule for names: the same name and input is the same start (a retry).
      const existing = executions.get(executionId);
      if (existing) {
        if (existing.input === inputJson) return { executionId };
        throw new ExecutionAlreadyExistsError(name);
      }
      const record: LocalExecution = { deploymentId: input.deploymentId, input: inputJson, status: "RUNNING", transitions: 0 };
      // Read by the engine at each Wait, so the advance handler can set this bake's duration.
      const waitOverrides: Record<string, number> = {};
      if (input.waitSeconds !== undefined) waitOverrides[stateNames.resumeWait] = Math.round(input.waitSeconds * 1000 * waitScale);
      const runOptions: RunOptions = {
        overrides: {
          taskResourceLocalHandlers: {
            [stateNames.advance]: (payload) => runStep(record, payload, waitOverrides),
            [stateNames.compensate]: (payload) => runStep(record, payload, waitOverrides),
            [stateNames.escalate]: (payload) => runStep(record, payload, waitOverrides),
            [stateNames.approvalGate]: (payload) => openGate(executionId, record, payload),
          },
          waitTimeOverrides: waitOverrides,
          ...(retryIntervalOverrides ? { retryIntervalOverrides } : {}),
        },
        context: { Task: sharedTaskContext, Execution: { Id: executionId, Name: name } },
      };
      const execution = stateMachine.run(input as unknown as JSONValue, runOptions);
      // Draining the event log is what counts transitions; undrained, it would also grow without bound.
      const counted = (async () => {
        for await (const event of execution.eventLogs) {
          if (event.type === "StateEntered" || event.type === "StateRetried") record.transitions++;
        }
      })();
      const outcome = execution.result.then(
        (output) => ({ status: "SUCCEEDED" as const, output }),
        (error: unknown) => failureOutcome(error),
      );
      const settled = Promise.all([outcome, counted.catch(() => undefined)]).then(([result]) => {
        finish(executionId, record, result);
        if (result.status === "FAILED") logger?.warn("workflow execution failed", { executionId, ...result.error });
      });
      record.live = { abort: execution.abort, settled };
      executions.set(executionId, record);
      return { executionId };
    },

    async sendTaskSuccess(taskToken, output) {
      gates.succeed(taskToken, output);
    },

    async sendTaskFailure(taskToken, error, cause) {
      gates.fail(taskToken, error, cause);
    },

    async stop(executionId, cause) {
      const record = find(executionId);
      const live = record.live;
      if (!live || record.status !== "RUNNING") return;
      live.stopped = true;
      record.status = "ABORTED";
      record.error = { Error: workflowErrorNames.executionStopped, Cause: cause };
      live.abort();
      if (live.gateToken) gates.abandon(live.gateToken, stopped());
    },

    async describe(executionId) {
      return describe(find(executionId));
    },

    async waitForCompletion(executionId) {
      const record = find(executionId);
      await record.live?.settled;
      return describe(record);
    },

    async ready() {
      await loadMachine();
    },

    openGateCount: () => gates.size,
    runningCount: () => executions.size - finished.size,
    isDriving: (deploymentId) => [...executions.values()].some((record) => record.live && record.deploymentId === deploymentId),

    async stopAll(cause) {
      const running = [...executions.entries()].filter(([, record]) => record.live);
      await Promise.all(running.map(([id]) => orchestrator.stop(id, cause)));
      await Promise.all(running.map(([, record]) => record.live?.settled));
    },
  };
  return orchestrator;
}

function failureOutcome(error: unknown): Pick<LocalExecution, "status" | "error"> {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === "ExecutionAbortedError") return { status: "ABORTED" };
  if (name === "ExecutionTimeoutError") return { status: "TIMED_OUT" };
  // ExecutionError wraps the state's error (a Fail state's Error/Cause, or an uncaught one).
  const cause = (error as { cause?: { name?: string; message?: string } } | undefined)?.cause;
  return { status: "FAILED", error: { Error: cause?.name ?? name ?? "Error", Cause: cause?.message ?? String(error) } };
}

/** Retry waits scaled like Wait states, per retrier (the engine's override has no backoff). */
function scaledRetryIntervals(definition: StateMachineDefinition, scale: number): Record<string, number[]> {
  const overrides: Record<string, number[]> = {};
  for (const [name, state] of Object.entries(definition.States)) {
    const retriers = state.Retry as Array<{ IntervalSeconds?: number }> | undefined;
    if (retriers) overrides[name] = retriers.map((r) => Math.round((r.IntervalSeconds ?? 1) * 1000 * scale));
  }
  return overrides;
}

const describeRequest = (request: StepRequest) => ({ action: request.action, deploymentId: request.deploymentId });
const errorName = (error: unknown) => (error as { name?: string } | undefined)?.name ?? "Error";

import { randomBytes } from "node:crypto";
import { TaskTokenInvalidError } from "./errors.js";

/** An error a local Task state fails with; its `name` is what Retry/Catch match, as in AWS. */
export class LocalTaskError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

interface OpenGate {
  executionId: string;
  resolve(output: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * The local stand-in for `.waitForTaskToken`: an open gate is a pending promise keyed by an
 * unguessable token, settled by SendTaskSuccess/SendTaskFailure, its timeout, or a stop.
 * Every path out deletes the entry and clears the timer, so closed gates leave nothing behind.
 */
export class LocalGateRegistry {
  private readonly gates = new Map<string, OpenGate>();

  /**
   * Opens a gate. The timer starts before the gate's step runs, so it fires just before the
   * engine's own TimeoutSecondsPath timer (same duration, created earlier): the gate is
   * cleaned up by us rather than left pending after the engine gives up on it.
   */
  open(executionId: string, timeoutSeconds: number): { token: string; decision: Promise<unknown> } {
    const token = randomBytes(32).toString("base64url");
    let resolve!: (output: unknown) => void;
    let reject!: (error: Error) => void;
    const decision = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // The engine attaches its handler only once the gate's step has returned; a decision
    // arriving before that must not count as an unhandled rejection.
    decision.catch(() => undefined);
    const timer = setTimeout(
      () => this.close(token)?.reject(new LocalTaskError("States.Timeout", "the approval gate timed out")),
      timeoutSeconds * 1000,
    );
    this.gates.set(token, { executionId, resolve, reject, timer });
    return { token, decision };
  }

  succeed(token: string, output: unknown): void {
    const gate = this.close(token);
    if (!gate) throw new TaskTokenInvalidError();
    gate.resolve(output);
  }

  fail(token: string, error: string, cause: string): void {
    const gate = this.close(token);
    if (!gate) throw new TaskTokenInvalidError();
    gate.reject(new LocalTaskError(error, cause));
  }

  /** Closes the gate without a decision (stop, or the gate's step failed). */
  abandon(token: string, error: Error): void {
    this.close(token)?.reject(error);
  }

  get size(): number {
    return this.gates.size;
  }

  private close(token: string): OpenGate | undefined {
    const gate = this.gates.get(token);
    if (!gate) return undefined;
    this.gates.delete(token);
    clearTimeout(gate.timer);
    return gate;
  }
}

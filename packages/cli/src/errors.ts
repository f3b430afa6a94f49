import type { FieldIssue, Problem } from "@rollgate/client";

/** The exit codes of DESIGN.md section 12; stable, documented in `rollgate --help`. */
export const exitCodes = {
  succeeded: 0,
  unexpected: 1,
  refused: 2,
  rolledBack: 3,
  rejected: 4,
  aborted: 5,
  timedOut: 6,
  rollbackFailed: 7,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** An error the CLI explains in a few lines and ends with its exit code; never a stack trace. */
export class CliError extends Error {
  override readonly name: string = "CliError";
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** Further lines: field errors, hints. */
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

/** Bad arguments: exit 2. */
export class UsageError extends CliError {
  override readonly name = "UsageError";
  constructor(message: string, details: string[] = []) {
    super(message, exitCodes.refused, details);
  }
}

/** The server could not be reached: exit 1, naming the URL. */
export class NetworkError extends CliError {
  override readonly name = "NetworkError";
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super(`cannot reach ${url}: ${describeCause(cause)}`, exitCodes.unexpected);
  }
}

/** The server answered with a problem: a 4xx is exit 2 (refused), anything else exit 1. */
export class ApiProblemError extends CliError {
  override readonly name = "ApiProblemError";
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem> & Record<string, unknown>,
    method: string,
    url: string,
  ) {
    const title = problem.title ?? `HTTP ${status}`;
    const code = problem.code ? ` (${problem.code})` : "";
    const detail = problem.detail ? `: ${problem.detail}` : "";
    super(
      `${method} ${url} answered ${status} ${title}${code}${detail}`,
      status >= 400 && status < 500 ? exitCodes.refused : exitCodes.unexpected,
      [...(problem.errors ?? []).map(fieldIssueLine), ...inFlightHint(problem)],
    );
  }
}

/** `deployment.strategy: ... (line 6, column 13)`: the path, and where in the YAML when known. */
export function fieldIssueLine(issue: FieldIssue): string {
  const at = issue.line !== undefined ? ` (line ${issue.line}${issue.column !== undefined ? `, column ${issue.column}` : ""})` : "";
  return `${issue.path || "(document)"}: ${issue.message}${at}`;
}

/** A 409 for a rollout in flight names it: say how to follow it. */
function inFlightHint(problem: Record<string, unknown>): string[] {
  const id = problem.deploymentId;
  return typeof id === "string" ? [`the deployment in flight: ${id} (follow it with: rollgate watch ${id})`] : [];
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = (cause as { cause?: unknown }).cause;
  const code = inner && typeof inner === "object" && "code" in inner ? String((inner as { code: unknown }).code) : undefined;
  const innerMessage = inner instanceof Error ? inner.message : undefined;
  return [cause.message, innerMessage && innerMessage !== cause.message ? innerMessage : code].filter(Boolean).join(": ");
}

import type { Context, TypedResponse } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "@hono/zod-openapi";
import type { JSONParsed } from "hono/utils/types";
import type { ProblemSchema } from "./problem-schema.js";
import { isRollgateError, type ErrorKind, type FieldIssue } from "@rollgate/core/errors";
import { isStorageUnavailable, StorageUnavailableError } from "@rollgate/core/store";

/** RFC 9457 problem details, plus Rollgate's stable `code` and field-level `errors`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
}

const statusByKind: Record<ErrorKind, ContentfulStatusCode> = {
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition: 409,
  too_large: 413,
  unavailable: 503,
};

/**
 * Every stable `code` the API sends, with its status: the one table that the error mapper
 * (`problemForError`) and the OpenAPI document (the `code` enum of each problem response,
 * openapi.ts) read. A code with one status is sent with it whatever its error's kind says
 * (syntax-level problems are 400); a code with several is sent with its error's kind's status
 * (a target named at deploy time is a 422, a target read by name a 404), and a route names the
 * one it sends. A new typed error: one line here, and its code in the `problems(...)` of the
 * routes that send it (the contract test fails on a code a route does not declare).
 */
export const problemCodes = {
  // The HTTP layer's own: validators, middleware, the router (added to operations by openapi.ts).
  REQUEST_INVALID: [400, 422],
  MALFORMED_JSON: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  PRECONDITION_FAILED: 412,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
  STORAGE_UNAVAILABLE: 503,
  WRITE_CONTENTION: 503,
  PARSE_CAPACITY_EXCEEDED: 503,
  INVALID_CURSOR: 400,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_IN_PROGRESS: 409,
  CROSS_SITE_REQUEST: 403,
  SLACK_SIGNATURE_INVALID: 401,
  // Spec registry.
  SPEC_PARSE_ERROR: 400,
  SPEC_NOT_A_MAP: 422,
  SPEC_TOO_COMPLEX: 422,
  SPEC_INVALID: 422,
  SPEC_NOT_FOUND: 404,
  SPEC_VERSION_NOT_FOUND: 404,
  SPEC_TOO_LARGE: 413,
  // Tokens and principals.
  TOKEN_NOT_FOUND: 404,
  PRINCIPAL_NOT_FOUND: 404,
  PRINCIPAL_DISABLED: 409,
  INVALID_SUBJECT: 422,
  PRINCIPAL_CONFLICT: 409,
  // Policy.
  POLICY_VIOLATION: 422,
  POLICY_INVALID: 422,
  POLICY_REVISION_MISMATCH: 412,
  // Rollouts.
  DEPLOYMENT_NOT_FOUND: 404,
  LOCK_HELD: 409,
  DEPLOYMENT_CONFLICT: 409,
  DEPLOYMENT_NOT_RUNNABLE: 409,
  DEPLOYMENT_FINISHED: 409,
  PROMOTION_PATH: 409,
  VERSION_DISABLED: 409,
  VERSION_ALREADY_CURRENT: 409,
  UNKNOWN_ENVIRONMENT: 422,
  INVALID_ROLLOUT_SETTINGS: 422,
  INVALID_DEPLOYMENT_REQUEST: 422,
  FORCE_REQUIRES_ADMIN: 403,
  NO_PREVIOUS_VERSION: 409,
  NOTHING_TO_PROMOTE: 409,
  DEPLOYMENT_SUPERSEDED: 409,
  ALREADY_ROLLED_BACK: 409,
  ORCHESTRATOR_UNAVAILABLE: 503,
  // The workflow engine, as a decision or a stop reaches it.
  TASK_TOKEN_INVALID: 409,
  TASK_TIMED_OUT: 409,
  EXECUTION_NOT_FOUND: 404,
  EXECUTION_ALREADY_EXISTS: 409,
  WORKFLOW_UNAVAILABLE: 503,
  TRANSIENT: 503,
  // Approvals.
  SELF_APPROVAL: 403,
  ROLE_NOT_REQUIRED: 403,
  ALREADY_VOTED: 409,
  NOT_AWAITING_APPROVAL: 409,
  GATE_EXPIRED: 409,
  APPROVAL_LINK_NOT_FOUND: 404,
  APPROVAL_LINK_EXPIRED: 409,
  APPROVAL_LINK_REVOKED: 403,
  // Registered targets.
  TARGET_NOT_FOUND: [404, 422],
  TARGET_NOT_ALLOWED: 422,
  TARGET_INVALID: 422,
  TARGET_IN_USE: 409,
  // Webhooks and Slack links.
  WEBHOOK_NOT_FOUND: 404,
  WEBHOOK_DELIVERY_NOT_FOUND: 404,
  WEBHOOK_DELIVERY_DELIVERED: 409,
  WEBHOOK_DELIVERY_IN_FLIGHT: 409,
  SLACK_USER_NOT_LINKED: 404,
  SLACK_LINK_SUBJECT_UNKNOWN: 422,
} as const satisfies Record<string, ContentfulStatusCode | readonly ContentfulStatusCode[]>;

export type ProblemCode = keyof typeof problemCodes;
/** The statuses `code` is sent with. */
export const statusesOf = (code: ProblemCode): readonly ContentfulStatusCode[] => {
  const declared: ContentfulStatusCode | readonly ContentfulStatusCode[] = problemCodes[code];
  return typeof declared === "number" ? [declared] : declared;
};

/** The codes of a request no operation serves (the router's), by status. */
export const unroutedCodes = { 401: ["UNAUTHENTICATED"], 404: ["NOT_FOUND"], 405: ["METHOD_NOT_ALLOWED"] } as const satisfies Record<number, readonly ProblemCode[]>;

function statusOf(code: string, kind: ErrorKind): ContentfulStatusCode {
  const declared = (problemCodes as Record<string, ContentfulStatusCode | readonly ContentfulStatusCode[]>)[code];
  return typeof declared === "number" ? declared : statusByKind[kind];
}

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export const problemType = (code: string) => `https://rollgate.dev/problems/${code.toLowerCase().replaceAll("_", "-")}`;

export function problem<S extends ContentfulStatusCode>(
  c: Context,
  status: S,
  code: ProblemCode,
  detail: string,
  extra: { errors?: FieldIssue[]; [key: string]: unknown } = {},
) {
  // Context first: a context field may never replace a standard member (`status`, `code`, ...).
  const body: Problem = {
    ...extra,
    type: problemType(code),
    title: titles[status] ?? "Error",
    status,
    detail,
    code,
    instance: redactPath(c.req.path),
  };
  if (status === 401) c.header("WWW-Authenticate", 'Bearer realm="rollgate"');
  // Typed as what it is, a JSON document with this status, so a typed route may return it.
  return c.body(JSON.stringify(body), status, { "content-type": "application/problem+json" }) as unknown as Response & TypedResponse<JSONParsed<z.output<typeof ProblemSchema>>, S, "json">;
}

/** Approval-link tokens are bearer secrets in the URL: never echo or log them. */
export function redactPath(path: string): string {
  return path.startsWith("/approvals/") ? "/approvals/***" : path;
}

/** Maps a domain error to its problem document; anything else is the caller's 500. */
export function problemForError(c: Context, error: unknown) {
  // The database not answering is a passing condition (503 + Retry-After), not our bug.
  if (!isRollgateError(error) && isStorageUnavailable(error)) error = new StorageUnavailableError(error);
  if (!isRollgateError(error)) return undefined;
  const status = statusOf(error.code, error.kind);
  if (status === 503) c.header("Retry-After", String(error.context.retryAfterSeconds ?? (error.code === "STORAGE_UNAVAILABLE" ? 5 : 1)));
  return problem(c, status, error.code as ProblemCode, error.message, {
    ...(error.errors.length ? { errors: error.errors } : {}),
    ...error.context,
  });
}

/** zod issues -> `errors: [{path, message}]` with dotted paths and [index] for arrays. */
export function zodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[], prefix = ""): FieldIssue[] {
  return issues.map((issue) => ({
    path: formatPath([...(prefix ? [prefix] : []), ...issue.path]),
    message: issue.message,
  }));
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

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

/** Syntax-level problems are 400; semantic ones keep their kind's status. */
const statusByCode: Record<string, ContentfulStatusCode> = {
  INVALID_CURSOR: 400,
  SPEC_PARSE_ERROR: 400,
  SPEC_NOT_A_MAP: 422,
  POLICY_REVISION_MISMATCH: 412,
  PRECONDITION_FAILED: 412,
};

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
  code: string,
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
  const status = statusByCode[error.code] ?? statusByKind[error.kind];
  if (status === 503) c.header("Retry-After", String(error.context.retryAfterSeconds ?? (error.code === "STORAGE_UNAVAILABLE" ? 5 : 1)));
  return problem(c, status, error.code, error.message, {
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

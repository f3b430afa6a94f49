import type { OpenAPIHono } from "@hono/zod-openapi";
import { ProblemSchema } from "./problem-schema.js";

/**
 * The parts of the OpenAPI document that no single route owns: the document's header
 * (servers, tags, licence), the shared headers and problem responses, and what middleware
 * adds to every operation (x-request-id, 401 from the auth middleware, 413 from the body
 * limit, 415/400 from the body parsers, 500/503 from the error mapper). Routes declare what
 * they decide themselves; `finishDocument` adds the rest, so a status or header that a
 * middleware sends is declared once, next to the rule that says where it applies.
 */

export const documentConfig = {
  openapi: "3.1.0",
  info: {
    title: "Rollgate API",
    version: "1.0.0",
    description:
      "Spec registry and rollout orchestration. Errors are RFC 9457 problem+json (`application/problem+json`) with a stable `code`. " +
      "Every response carries `x-request-id`. A known path called with a method it does not serve is a 405 with `Allow`.",
    license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
    contact: { name: "Rollgate platform team", url: "https://rollgate.dev" },
  },
  servers: [{ url: "/", description: "The server that serves this document (`npm start`: http://localhost:3000)" }],
  tags: [
    { name: "service", description: "Liveness and the API description itself; no credential needed" },
    { name: "specs", description: "The spec registry: register, validate, read, diff and retire OSpec documents" },
    { name: "deployments", description: "Rollouts: start, promote, follow, approve, abort and roll back" },
    { name: "approval-links", description: "Per-approver links delivered when an approval gate opens; the link is the credential" },
    { name: "tokens", description: "Admin: API tokens (stored hashed, shown once)" },
    { name: "principals", description: "People and bots, their roles, and who the caller is" },
    { name: "policy", description: "The platform's environment policy: the floor specs cannot lower" },
    { name: "targets", description: "Admin: registered traffic targets and which specs may use them" },
    { name: "webhooks", description: "Admin: outbound event subscriptions and their delivery log" },
    { name: "slack", description: "Admin: which principal each Slack user acts as, and with which scopes" },
  ],
};

const text = { type: "string" as const };
/** Response headers the server sends, each declared once (`components.headers`). */
export const headerComponents = {
  RequestId: { description: "The request's id (the caller's `x-request-id` if it sent one): quote it when reporting a problem", schema: text },
  Location: { description: "The URL of the resource the request created", required: true, schema: text },
  ETag: { description: "Strong entity tag of the representation", schema: text },
  RetryAfter: { description: "Seconds to wait before trying again", schema: { type: "integer" as const, minimum: 0 } },
  WWWAuthenticate: { description: "The scheme to authenticate with: `Bearer realm=\"rollgate\"`", schema: text },
  IdempotentReplayed: { description: "`true`: this is the stored response of an earlier request with the same `Idempotency-Key`", schema: { type: "string" as const, enum: ["true"] } },
  Allow: { description: "The methods the path serves", schema: text },
};
export const headerRef = (name: keyof typeof headerComponents) => ({ $ref: `#/components/headers/${name}` });

const problemContent = { "application/problem+json": { schema: ProblemSchema } };

const problemResponse = (description: string, headers: Record<string, { $ref: string }> = {}) => ({
  description,
  headers: { "x-request-id": headerRef("RequestId"), ...headers },
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

/** The problem responses, by status (`components.responses`). */
const problemResponses = {
  400: ["BadRequest", problemResponse("The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields")],
  401: ["Unauthenticated", problemResponse("No valid credential: send `Authorization: Bearer <token>`", { "WWW-Authenticate": headerRef("WWWAuthenticate") })],
  403: ["Forbidden", problemResponse("The credential lacks the scope or role this needs")],
  404: ["NotFound", problemResponse("No such resource")],
  405: ["MethodNotAllowed", problemResponse("The path exists but does not serve this method", { Allow: headerRef("Allow") })],
  406: ["NotAcceptable", problemResponse("No representation the `Accept` header takes; `available` lists those there are")],
  409: ["Conflict", problemResponse("The request conflicts with the resource's state (`code` says how)")],
  412: ["PreconditionFailed", problemResponse("`If-Match` does not name the current representation")],
  413: ["ContentTooLarge", problemResponse("The body is over the size limit (256 KiB by default)")],
  415: ["UnsupportedMediaType", problemResponse("The body's Content-Type is not one the operation accepts")],
  422: ["UnprocessableContent", problemResponse("The body parses but breaks the schema or a rule; `errors` names the fields")],
  500: ["InternalError", problemResponse("A bug on the server; quote the request id")],
  503: [
    "ServiceUnavailable",
    problemResponse("A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds", {
      "Retry-After": headerRef("RetryAfter"),
    }),
  ],
} as const;

export type ProblemStatus = keyof typeof problemResponses;

/**
 * A route's problem responses. Inline for the route's types (hono types a handler's
 * returns from its responses' content); `finishDocument` turns each into a reference to the
 * shared response of its status.
 */
export const problems = <const S extends ProblemStatus[]>(...statuses: S) =>
  Object.fromEntries(statuses.map((status) => [status, { description: problemResponses[status][1].description, content: problemContent }])) as {
    [K in S[number]]: { description: string; content: typeof problemContent };
  };

const problemRef = (status: ProblemStatus) => ({ $ref: `#/components/responses/${problemResponses[status][0]}` });
const isInlineProblem = (response: Json) => JSON.stringify(response.content) === JSON.stringify({ "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } });

/** The request header of operations that honour idempotent retries. */
export const IdempotencyKeyParameter = {
  name: "Idempotency-Key",
  in: "header" as const,
  required: false,
  description: "1 to 255 visible ASCII characters. The same key and request replay the first response (with `Idempotent-Replayed: true`); the same key with another request is a 422.",
  schema: { type: "string" as const, minLength: 1, maxLength: 255, pattern: "^[\\x21-\\x7e]+$" },
};

type Json = Record<string, unknown>;
const methods = ["get", "put", "post", "delete", "patch", "head", "options"];

/** Adds what middleware sends to every operation of a generated document (see the file comment). */
export function finishDocument(doc: Json): Json {
  const components = (doc.components ??= {}) as Json;
  components.headers = { ...(components.headers as Json | undefined), ...headerComponents };
  components.responses = {
    ...(components.responses as Json | undefined),
    ...Object.fromEntries(Object.values(problemResponses).map(([name, response]) => [name, response])),
  };
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Json>)) {
    for (const [method, value] of Object.entries(item)) {
      if (!methods.includes(method)) continue;
      const op = value as { responses: Record<string, Json>; security?: Json[]; requestBody?: unknown; parameters?: Json[] };
      const add: ProblemStatus[] = [500, 503];
      if (op.security?.some((requirement) => "bearer" in requirement)) add.push(401);
      if (op.requestBody || op.parameters?.length) add.push(400);
      if (["post", "put", "patch"].includes(method)) add.push(413);
      if (op.requestBody) add.push(415);
      const idempotent = op.parameters?.some((p) => String(p.name).toLowerCase() === "idempotency-key");
      const responses: Record<string, Json> = { ...Object.fromEntries(add.map((status) => [status, problemRef(status)])), ...op.responses };
      for (const [status, response] of Object.entries(responses)) {
        if (status in problemResponses && isInlineProblem(response)) responses[status] = problemRef(Number(status) as ProblemStatus);
        if ("$ref" in responses[status]!) continue;
        const headers: Json = { "x-request-id": headerRef("RequestId"), ...(response.headers as Json | undefined) };
        if (idempotent && status.startsWith("2")) headers["Idempotent-Replayed"] = headerRef("IdempotentReplayed");
        response.headers = headers;
      }
      op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
  // Only what is used (a header only a later route needs, say, stays out until then).
  const used = JSON.stringify(doc.paths);
  for (const kind of ["responses", "headers"] as const) {
    const all = components[kind] as Json;
    components[kind] = Object.fromEntries(Object.entries(all).filter(([name]) => used.includes(`"#/components/${kind}/${name}"`) || JSON.stringify(components.responses).includes(`"#/components/${kind}/${name}"`)));
  }
  return doc;
}

/** The finished document of `app` (built once, on the first call: every route is registered by then). */
export function documentOf(app: Pick<OpenAPIHono, "getOpenAPI31Document">) {
  let doc: Json | undefined;
  return () => (doc ??= finishDocument(app.getOpenAPI31Document(documentConfig) as unknown as Json));
}

/** Tokens are opaque bearer secrets; the scopes an operation needs are the names in its requirement. */
export const bearerSecurityScheme = {
  type: "http" as const,
  scheme: "bearer",
  description:
    "`Authorization: Bearer <token>`. An operation's requirement lists the scopes that let it through (any one of them): `specs:read`, `specs:write`, `deploy`, `approve`, `rollback`, `admin` (which holds every scope).",
};

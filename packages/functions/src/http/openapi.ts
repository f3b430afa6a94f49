import type { OpenAPIHono } from "@hono/zod-openapi";
import { ProblemSchema } from "./problem-schema.js";
import { problemCodes, statusesOf, type ProblemCode } from "./problem.js";

/**
 * The parts of the OpenAPI document that no single route owns: the document's header
 * (servers, tags, licence), the shared headers, the problem responses, and what middleware
 * adds to every operation (x-request-id, 401 from the auth middleware, 413 from the body
 * limit, 415/400/422 from the validators, 500/503 from the error mapper). Routes declare what
 * they decide themselves; `finishDocument` adds the rest, so a status or header that a
 * middleware sends is declared once, next to the rule that says where it applies. Each
 * problem response declares the exact `code`s it can carry (an enum): the route's, named in
 * `problems(...)`, and the middleware's, with statuses from problem.ts's `problemCodes`.
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

/** Where a route's `problems(...)` leaves its codes for `finishDocument` (which removes the key). */
const codesKey = "x-problem-codes";

/** What each problem status means, and the headers it carries besides x-request-id. */
const problemStatuses = {
  400: { description: "The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields" },
  401: { description: "No valid credential: send `Authorization: Bearer <token>`", headers: { "WWW-Authenticate": headerRef("WWWAuthenticate") } },
  403: { description: "The credential lacks the scope or role this needs" },
  404: { description: "No such resource" },
  405: { description: "The path exists but does not serve this method", headers: { Allow: headerRef("Allow") } },
  406: { description: "No representation the `Accept` header takes; `available` lists those there are" },
  409: { description: "The request conflicts with the resource's state (`code` says how)" },
  412: { description: "`If-Match` does not name the current representation" },
  413: { description: "The body is over the size limit (256 KiB by default)" },
  415: { description: "The body's Content-Type is not one the operation accepts" },
  422: { description: "The body parses but breaks the schema or a rule; `errors` names the fields" },
  500: { description: "A bug on the server; quote the request id" },
  503: {
    description: "A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds",
    headers: { "Retry-After": headerRef("RetryAfter") },
  },
} as const;

export type ProblemStatus = keyof typeof problemStatuses;

type Statuses<T> = T extends number ? T : T extends readonly (infer S)[] ? S : never;
type Codes = typeof problemCodes;
/** A code with one status, or `[code, status]` for a code sent with several (`["REQUEST_INVALID", 422]`). */
export type ProblemEntry =
  | { [K in ProblemCode]: Codes[K] extends number ? K : never }[ProblemCode]
  | { [K in ProblemCode]: readonly [K, Statuses<Codes[K]>] }[ProblemCode];
type StatusOfEntry<E> = E extends readonly [ProblemCode, infer S] ? S : E extends ProblemCode ? Codes[E] : never;

/**
 * A route's problem responses, named by the codes its handler and use case can send (the
 * statuses come from problem.ts's table). What middleware sends (401, 403 for the scope, 413,
 * the validators' 400/415/422, 500, 503) is added by `finishDocument`. Inline for the
 * route's types (hono types a handler's returns from its responses' content).
 */
export const problems = <const E extends readonly ProblemEntry[]>(...entries: E) => {
  const byStatus = new Map<number, string[]>();
  for (const entry of entries) {
    const [code, status] = typeof entry === "string" ? [entry, problemCodes[entry as ProblemCode] as number] : (entry as readonly [ProblemCode, number]);
    if (!(statusesOf(code) as readonly number[]).includes(status)) throw new Error(`problems(): ${code} is never sent with ${status}`);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      status,
      { description: problemStatuses[status as ProblemStatus].description, content: { "application/problem+json": { schema: ProblemSchema, [codesKey]: codes } } },
    ]),
  ) as unknown as { [S in StatusOfEntry<E[number]> & ProblemStatus]: { description: string; content: typeof problemContent } };
};

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

/** What the validators of a route check, from its definition (zod schemas get a validator; plain JSON Schema is documentation). */
export interface RouteValidation {
  /** Path, query or header parameters checked by zod: 400 REQUEST_INVALID. */
  parameters: boolean;
  /** A JSON body checked by zod: 400 MALFORMED_JSON, 415 UNSUPPORTED_MEDIA_TYPE, 422 REQUEST_INVALID. */
  jsonBody: boolean;
}

const isZod = (schema: unknown) => typeof (schema as { safeParse?: unknown } | undefined)?.safeParse === "function";

/** The validation of each route of `app`'s registry, by `method path` (as the document spells them). */
export function routeValidations(definitions: readonly { type: string; route?: unknown }[]): Map<string, RouteValidation> {
  const out = new Map<string, RouteValidation>();
  for (const definition of definitions) {
    if (definition.type !== "route") continue;
    const route = definition.route as { method: string; path: string; request?: { params?: unknown; query?: unknown; headers?: unknown; body?: { content?: Record<string, { schema?: unknown }> } } };
    const request = route.request ?? {};
    const body = Object.entries(request.body?.content ?? {});
    out.set(`${route.method} ${route.path}`, {
      parameters: [request.params, request.query, request.headers].some(isZod),
      jsonBody: body.some(([type, media]) => /json/.test(type) && isZod(media.schema)),
    });
  }
  return out;
}

/**
 * The codes middleware sends for an operation, by status: the error mapper's 500, the
 * credential's 401 and 503 (the token is looked up), the scope's 403, the body limit's 413,
 * the validators' 400/415/422, the idempotency key's, the cursor's.
 */
function middlewareCodes(method: string, op: { security?: Json[]; parameters?: Json[] }, validation: RouteValidation | undefined): [ProblemStatus, ProblemCode][] {
  const out: [ProblemStatus, ProblemCode][] = [[500, "INTERNAL"]];
  const bearer = (op.security ?? []).filter((requirement) => "bearer" in requirement);
  if (bearer.length) out.push([401, "UNAUTHENTICATED"], [503, "STORAGE_UNAVAILABLE"]);
  if (bearer.some((requirement) => (requirement.bearer as string[]).length)) out.push([403, "FORBIDDEN"]);
  if (["post", "put", "patch"].includes(method)) out.push([413, "BODY_TOO_LARGE"]);
  if (validation?.parameters) out.push([400, "REQUEST_INVALID"]);
  if (validation?.jsonBody) out.push([400, "MALFORMED_JSON"], [415, "UNSUPPORTED_MEDIA_TYPE"], [422, "REQUEST_INVALID"]);
  const parameter = (name: string, where: string) => op.parameters?.some((p) => String(p.name).toLowerCase() === name && p.in === where);
  if (parameter("idempotency-key", "header")) out.push([400, "REQUEST_INVALID"], [409, "IDEMPOTENCY_IN_PROGRESS"], [422, "IDEMPOTENCY_KEY_REUSED"]);
  if (parameter("cursor", "query")) out.push([400, "INVALID_CURSOR"]);
  return out;
}

/** The problem schema of one response: the Problem component, its `code` one of `codes`. */
const problemSchemaWith = (codes: string[]) => ({
  allOf: [{ $ref: "#/components/schemas/Problem" }, { type: "object", properties: { code: { type: "string", enum: codes } } }],
});

/**
 * Adds what middleware sends to every operation of a generated document (see the file
 * comment), and gives each problem response the `code` enum of what it can send: the route's
 * codes (`problems(...)`) and the middleware's. `validations` (from `routeValidations`) says
 * which routes have validators; without it, none is assumed.
 */
export function finishDocument(doc: Json, validations: Map<string, RouteValidation> = new Map()): Json {
  const components = (doc.components ??= {}) as Json;
  components.headers = { ...(components.headers as Json | undefined), ...headerComponents };
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const [method, value] of Object.entries(item)) {
      if (!methods.includes(method)) continue;
      const op = value as { responses: Record<string, Json>; security?: Json[]; parameters?: Json[] };
      const codes = new Map<string, Set<string>>();
      const add = (status: string, code: string) => codes.set(status, (codes.get(status) ?? new Set()).add(code));
      for (const [status, code] of middlewareCodes(method, op, validations.get(`${method} ${path}`))) add(String(status), code);
      const responses: Record<string, Json> = { ...op.responses };
      for (const [status, response] of Object.entries(responses)) {
        const media = (response.content as Record<string, Json> | undefined)?.["application/problem+json"];
        for (const code of (media?.[codesKey] as string[] | undefined) ?? []) add(status, code);
        if (media) delete media[codesKey];
      }
      for (const [status, set] of codes) {
        const response = (responses[status] ??= { description: problemStatuses[Number(status) as ProblemStatus].description, content: {} });
        const content = (response.content ??= {}) as Json;
        content["application/problem+json"] = { schema: problemSchemaWith([...set].sort()) };
        response.headers = { ...(problemStatuses[Number(status) as ProblemStatus] as { headers?: Json }).headers, ...(response.headers as Json | undefined) };
      }
      const idempotent = op.parameters?.some((p) => String(p.name).toLowerCase() === "idempotency-key");
      for (const [status, response] of Object.entries(responses)) {
        const headers: Json = { "x-request-id": headerRef("RequestId"), ...(response.headers as Json | undefined) };
        if (idempotent && status.startsWith("2")) headers["Idempotent-Replayed"] = headerRef("IdempotentReplayed");
        response.headers = headers;
      }
      op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
  // Only the headers that are used (a header only a later route needs, say, stays out until then).
  const used = JSON.stringify(doc.paths);
  components.headers = Object.fromEntries(Object.entries(components.headers as Json).filter(([name]) => used.includes(`"#/components/headers/${name}"`)));
  return doc;
}

/** The finished document of `app` (built once, on the first call: every route is registered by then). */
export function documentOf(app: Pick<OpenAPIHono, "getOpenAPI31Document" | "openAPIRegistry">) {
  let doc: Json | undefined;
  return () => (doc ??= finishDocument(app.getOpenAPI31Document(documentConfig) as unknown as Json, routeValidations(app.openAPIRegistry.definitions)));
}

/** Tokens are opaque bearer secrets; the scopes an operation needs are the names in its requirement. */
export const bearerSecurityScheme = {
  type: "http" as const,
  scheme: "bearer",
  description:
    "`Authorization: Bearer <token>`. An operation's requirement lists the scopes that let it through (any one of them): `specs:read`, `specs:write`, `deploy`, `approve`, `rollback`, `admin` (which holds every scope).",
};

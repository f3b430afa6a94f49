import { createRoute, z } from "@hono/zod-openapi";
import { versionEtag, versionSummary } from "@rollgate/core/registry";
import type { SpecFormat } from "@rollgate/core/spec";
import { bearerScope, securedRoutes } from "../auth.js";
import type { AppEnv, AppServices } from "../env.js";
import { withIdempotency } from "../idempotency.js";
import { createParseLimiter, limitSpecParsing } from "../parse-limit.js";
import { problem } from "../problem.js";
import { headerRef, IdempotencyKeyParameter } from "../openapi.js";
import {
  EnvironmentStateSchema,
  LifecycleStateSchema,
  PageQuery,
  pageOf,
  problems,
  RegisterResponseSchema,
  SpecIdParam,
  SpecSummarySchema,
  SpecVersionSchema,
  SpecVersionSummarySchema,
  toVersionRef,
  VersionParam,
  FieldIssueSchema,
} from "../schemas.js";

const ValidationQuery = z.object({
  validation: z.enum(["lenient", "strict"]).optional().openapi({ param: { name: "validation", in: "query" } }),
});

// Plain schemas, not zod: the registry parses the text itself (with line numbers in its
// errors), so no request validator may read the body first.
const specText = { type: "string" as const, description: "The document as YAML" };
const specBody = {
  required: true,
  description: "An OSpec document as YAML or JSON (at most 256 KiB). Without a Content-Type (or `text/plain`), the format is detected.",
  content: {
    "application/yaml": { schema: specText },
    "text/yaml": { schema: specText },
    "application/json": { schema: { type: "object" as const, additionalProperties: true, description: "The document as JSON" } },
  },
};

const ValidationResultSchema = z
  .object({ valid: z.literal(true), specId: z.string(), contentHash: z.string(), warnings: z.array(FieldIssueSchema) })
  .openapi("ValidationResult");

/** Which parser a request body asks for, from its Content-Type; undefined = unsupported. */
function formatOf(contentType: string | undefined): SpecFormat | "auto" | undefined {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "" || type === "text/plain" || type === "application/octet-stream") return "auto";
  if (type === "application/json" || type.endsWith("+json")) return "json";
  if (["application/yaml", "text/yaml", "application/x-yaml", "text/x-yaml"].includes(type)) return "yaml";
  return undefined;
}

const versionReadHeaders = {
  ETag: { description: "Strong: the content hash; `-raw` for the raw text; a suffix once the lifecycle state changed", schema: { type: "string" as const } },
  "Cache-Control": { description: "See the operation's description", schema: { type: "string" as const } },
  Vary: { description: "`Accept`: the representation depends on it", schema: { type: "string" as const } },
  "x-spec-version": { description: "The version number (what `latest` resolved to)", schema: { type: "string" as const } },
};

/** If-Match uses the strong comparison (RFC 9110 13.1.1): a weak tag never matches, `*` always does. */
function matchesAnyOf(header: string, etag: string): boolean {
  return header.split(",").some((tag) => tag.trim() === "*" || tag.trim() === etag);
}

/** If-None-Match uses the weak comparison (RFC 9110 13.1.2): `W/` is ignored, `*` matches. */
function matchesNoneOf(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === etag;
  });
}

export function specRoutes(services: AppServices) {
  const app = securedRoutes();
  const { registry } = services;
  // The JSON form shows the lifecycle state: a client may keep it as long as this server may (the state bound).
  const jsonMaxAge = Math.max(1, Math.floor(registry.stateMaxAgeMs / 1000));
  const parsing = limitSpecParsing(services.parseLimiter ?? createParseLimiter());

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/specs",
      operationId: "registerSpec",
      tags: ["specs"],
      middleware: [parsing] as const,
      summary: "Register a spec document",
      description:
        "201 with a new version, 200 when identical content is already registered. `Idempotency-Key` is honoured. An environment with `auto_deploy` may start a deployment (`deploymentId`).",
      parameters: [IdempotencyKeyParameter],
      request: { query: ValidationQuery, body: specBody },
      responses: {
        200: { description: "Identical content: the existing version", content: { "application/json": { schema: RegisterResponseSchema } } },
        201: { description: "A new version", headers: { Location: headerRef("Location") }, content: { "application/json": { schema: RegisterResponseSchema } } },
        ...problems(["REQUEST_INVALID", 400], "SPEC_PARSE_ERROR", "SPEC_NOT_A_MAP", "SPEC_TOO_COMPLEX", "SPEC_INVALID", "SPEC_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "WRITE_CONTENTION", "PARSE_CAPACITY_EXCEEDED"),
      },
      security: bearerScope("specs:write"),
    }),
    async (c) => {
      const format = formatOf(c.req.header("content-type"));
      if (!format) return problem(c, 415, "UNSUPPORTED_MEDIA_TYPE", "Send the spec as application/yaml, text/yaml or application/json.");
      const mode = c.req.valid("query").validation;
      const text = await c.req.text();
      const fingerprint = `${c.req.header("content-type") ?? ""}|${mode ?? ""}|${text}`;
      const response = await withIdempotency(c, services, fingerprint, async () => {
        const principal = c.get("principal");
        const result = await registry.register(text, { format, mode, principal });
        // auto_deploy: only with `deploy` and the policy's consent; otherwise a warning says why not.
        const auto =
          result.created && services.deployments
            ? await services.deployments.autoDeploy(result.version.specId, result.version.version, principal, result.document)
            : { warnings: [] };
        return {
          status: result.created ? (201 as const) : (200 as const),
          body: {
            ...result.version,
            warnings: [...result.warnings, ...auto.warnings],
            ...(auto.deployment ? { deploymentId: auto.deployment.id } : {}),
          },
        };
      });
      // A replay of a creation carries its Location too.
      if (response.status === 201) {
        const { specId, version } = (await response.clone().json()) as { specId: string; version: number };
        response.headers.set("Location", `/v1/specs/${specId}/versions/${version}`);
      }
      return response;
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/specs/validate",
      operationId: "validateSpec",
      tags: ["specs"],
      middleware: [parsing] as const,
      summary: "Validate a spec document without registering it",
      description: "A dry run of `POST /v1/specs`: 200 with the warnings, or 422 with every error (path, and line for YAML).",
      request: { query: ValidationQuery, body: specBody },
      responses: {
        200: { description: "Valid, with warnings", content: { "application/json": { schema: ValidationResultSchema } } },
        ...problems("SPEC_PARSE_ERROR", "SPEC_NOT_A_MAP", "SPEC_TOO_COMPLEX", "SPEC_INVALID", "UNSUPPORTED_MEDIA_TYPE", "PARSE_CAPACITY_EXCEEDED"),
      },
      security: bearerScope("specs:read"),
    }),
    async (c) => {
      const format = formatOf(c.req.header("content-type"));
      if (!format) return problem(c, 415, "UNSUPPORTED_MEDIA_TYPE", "Send the spec as application/yaml, text/yaml or application/json.");
      const result = registry.validate(await c.req.text(), { format, mode: c.req.valid("query").validation });
      return c.json({ valid: true as const, ...result }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/specs",
      operationId: "listSpecs",
      tags: ["specs"],
      summary: "List specs",
      description: "Paged with `limit` and `cursor`.",
      request: { query: PageQuery },
      responses: { 200: { description: "A page of specs", content: { "application/json": { schema: pageOf(SpecSummarySchema, "SpecPage") } } } },
      security: bearerScope("specs:read"),
    }),
    async (c) => c.json(await registry.listSpecs(c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/specs/{specId}",
      operationId: "getSpec",
      tags: ["specs"],
      summary: "Spec summary: latest version and the version current in each environment",
      description: "`environments` in promotion order, as `GET /v1/specs/{specId}/environments` lists them.",
      request: { params: z.object({ specId: SpecIdParam }) },
      responses: {
        200: {
          description: "Summary",
          content: { "application/json": { schema: SpecSummarySchema.extend({ environments: z.array(EnvironmentStateSchema) }).openapi("SpecDetail") } },
        },
        ...problems("SPEC_NOT_FOUND"),
      },
      security: bearerScope("specs:read"),
    }),
    async (c) => {
      const { specId } = c.req.valid("param");
      const spec = await registry.getSpec(specId);
      const environments = services.deployments ? await services.deployments.environments(specId) : [];
      return c.json({ ...spec, environments }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/specs/{specId}/versions",
      operationId: "listSpecVersions",
      tags: ["specs"],
      summary: "List versions, newest first",
      description: "Summaries (no document), paged with `limit` and `cursor`.",
      request: { params: z.object({ specId: SpecIdParam }), query: PageQuery },
      responses: { 200: { description: "A page of versions", content: { "application/json": { schema: pageOf(SpecVersionSummarySchema, "SpecVersionPage") } } }, ...problems("SPEC_NOT_FOUND") },
      security: bearerScope("specs:read"),
    }),
    async (c) => c.json(await registry.listVersions(c.req.valid("param").specId, c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/specs/{specId}/versions/{version}",
      operationId: "getSpecVersion",
      tags: ["specs"],
      summary: "One version (`latest` allowed); `Accept: application/yaml` returns the raw text as submitted",
      description:
        "A numbered version carries a strong `ETag` and honours `If-None-Match` (304). The raw text never changes " +
        "(`Cache-Control: private, max-age=31536000, immutable`); the JSON form carries the lifecycle state, which can " +
        "change, so it may be cached for the server's state staleness bound only. `latest` moves: `Cache-Control: no-cache`. " +
        "A spec registered as JSON has no YAML text: under `Accept: application/yaml` it is a 406, unless the Accept header also takes `application/json` (then the JSON form is served).",
      request: {
        params: z.object({ specId: SpecIdParam, version: VersionParam }),
        headers: z.object({ "if-none-match": z.string().max(4096).optional().openapi({ description: "ETags of representations the caller holds" }) }),
      },
      responses: {
        200: {
          description: "The version",
          headers: versionReadHeaders,
          content: {
            "application/json": { schema: SpecVersionSchema },
            "application/yaml": { schema: z.string().openapi({ description: "The raw text, as submitted" }) },
          },
        },
        304: { description: "Not modified: the `If-None-Match` ETag is current", headers: versionReadHeaders },
        ...problems("SPEC_NOT_FOUND", "SPEC_VERSION_NOT_FOUND", "NOT_ACCEPTABLE"),
      },
      security: bearerScope("specs:read"),
    }),
    async (c) => {
      const { specId, version } = c.req.valid("param");
      const accept = c.req.header("accept") ?? "";
      let wantsText = /\b(application|text)\/(x-)?yaml\b/.test(accept);
      let read = await registry.readVersion(specId, toVersionRef(version), wantsText ? "raw" : "canonical");
      if (wantsText && read.format === "json") {
        // JSON text is no YAML document to label as one: the JSON form if the caller takes it, else 406.
        c.header("Vary", "Accept");
        if (!/\bapplication\/json\b|\*\/\*/.test(accept)) {
          return problem(c, 406, "NOT_ACCEPTABLE", "This spec was registered as JSON: it has no YAML text. Ask for application/json (the JSON form carries the document).", {
            available: ["application/json"],
          });
        }
        wantsText = false;
        read = await registry.readVersion(specId, toVersionRef(version), "canonical");
      }
      const etag = versionEtag(read, wantsText);
      const headers = {
        etag,
        vary: "Accept",
        "cache-control": version === "latest" ? "private, no-cache" : wantsText ? "private, max-age=31536000, immutable" : `private, max-age=${jsonMaxAge}`,
        "x-spec-version": String(read.version),
      };
      if (matchesNoneOf(c.req.valid("header")["if-none-match"], etag)) return c.body(null, 304, headers);
      if (wantsText) return c.body(read.text, 200, { ...headers, "content-type": "application/yaml; charset=utf-8" });
      // The stored canonical JSON is the document: splice it in rather than parse and re-serialise.
      const summary = JSON.stringify(versionSummary(read));
      return c.body(`${summary.slice(0, -1)},"document":${read.text}}`, 200, { ...headers, "content-type": "application/json" });
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/v1/specs/{specId}/versions/{version}",
      operationId: "setSpecVersionState",
      tags: ["specs"],
      summary: "Change a version's lifecycle state (active, deprecated, disabled)",
      description:
        "A disabled version cannot be deployed; a deprecated one can, with a warning. `If-Match` with the ETag of the version's JSON form refuses to change a state that changed since (412). The response's ETag is the new JSON form's.",
      request: {
        params: z.object({ specId: SpecIdParam, version: VersionParam }),
        headers: z.object({ "if-match": z.string().max(4096).optional().openapi({ description: "The ETag of the JSON form this change is based on (`*`: any)" }) }),
        body: { required: true, content: { "application/json": { schema: z.strictObject({ state: LifecycleStateSchema }) } } },
      },
      responses: {
        200: { description: "Updated", headers: { ETag: headerRef("ETag") }, content: { "application/json": { schema: SpecVersionSummarySchema } } },
        ...problems("SPEC_NOT_FOUND", "SPEC_VERSION_NOT_FOUND", "PRECONDITION_FAILED"),
      },
      security: bearerScope("specs:write"),
    }),
    async (c) => {
      const { specId, version } = c.req.valid("param");
      const { state } = c.req.valid("json");
      const ifMatch = c.req.valid("header")["if-match"];
      // Checked inside the registry's conditional write: of two changes based on one read, one gets 412.
      const updated = await registry.setState(specId, toVersionRef(version), state, c.get("principal"), ifMatch === undefined ? undefined : (current) => matchesAnyOf(ifMatch, current));
      c.header("ETag", versionEtag(updated, false));
      return c.json(updated, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/specs/{specId}/diff",
      operationId: "diffSpecVersions",
      tags: ["specs"],
      summary: "RFC 6902 JSON Patch from one version to another, with the rollout-relevant changes",
      description: "`to` defaults to `latest`. `rolloutChanges` flags the changes that loosen a guardrail.",
      request: {
        params: z.object({ specId: SpecIdParam }),
        query: z.object({
          from: VersionParam.openapi({ param: { name: "from", in: "query" } }),
          to: VersionParam.optional().openapi({ param: { name: "to", in: "query" } }),
        }),
      },
      responses: {
        200: {
          description: "The diff",
          content: {
            "application/json": {
              schema: z
                .object({
                  specId: z.string(),
                  from: z.number().int(),
                  to: z.number().int(),
                  patch: z.array(z.object({ op: z.string(), path: z.string(), value: z.unknown().optional(), from: z.string().optional() })),
                  rolloutChanges: z.array(
                    z.object({
                      op: z.string(),
                      path: z.string(),
                      from: z.unknown().optional(),
                      to: z.unknown().optional(),
                      loosens: z.literal(true).optional().openapi({ description: "The change lowers a guardrail: approval removed, an approver role dropped, the promotion order changed" }),
                      why: z.string().optional(),
                    }),
                  ),
                  summary: z.array(z.string()),
                })
                .openapi("SpecDiff"),
            },
          },
        },
        ...problems("SPEC_NOT_FOUND", "SPEC_VERSION_NOT_FOUND"),
      },
      security: bearerScope("specs:read"),
    }),
    async (c) => {
      const { specId } = c.req.valid("param");
      const { from, to } = c.req.valid("query");
      const diff = await registry.diff(specId, toVersionRef(from), toVersionRef(to ?? "latest"));
      return c.json({ specId, ...diff }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/specs/{specId}/environments",
      operationId: "listSpecEnvironments",
      tags: ["specs"],
      summary: "Environments in promotion order with their current and previous versions",
      description: "With the last deployment in each; an environment nothing was deployed to yet has null versions.",
      request: { params: z.object({ specId: SpecIdParam }) },
      responses: { 200: { description: "Environments", content: { "application/json": { schema: z.object({ items: z.array(EnvironmentStateSchema) }) } } }, ...problems("SPEC_NOT_FOUND") },
      security: bearerScope("specs:read"),
    }),
    async (c) => {
      const { specId } = c.req.valid("param");
      await registry.getSpec(specId);
      const items = services.deployments ? await services.deployments.environments(specId) : [];
      return c.json({ items }, 200);
    },
  );

  return app;
}

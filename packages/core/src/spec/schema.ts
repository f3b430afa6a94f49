import { z } from "zod";
import { codePointLength, isDateTime, isEmail } from "./formats.js";
import { specIdProblem } from "./spec-id.js";

/**
 * The official OSpec v1.0 JSON Schema (shared/fixtures/ospec-v1.0.schema.json), in zod.
 * A document passes `ospecSchema` exactly when it passes that JSON Schema: objects with
 * `additionalProperties: false` are strict, those without it are loose, lengths count
 * code points, patterns are Unicode regexes, `integer` is any whole number, and formats
 * follow ajv-formats. Written by hand rather than with `z.fromJSONSchema`, which counts
 * lengths in UTF-16 units and uses zod's own email and date-time formats.
 */

/** A string whose length, counted in code points as JSON Schema does, is within bounds. */
function text(bounds: { min?: number; max?: number } = {}) {
  const { min, max } = bounds;
  let schema = z.string();
  if (min !== undefined) schema = schema.refine((s) => codePointLength(s) >= min, `must be at least ${min} characters long`);
  if (max !== undefined) schema = schema.refine((s) => codePointLength(s) <= max, `must be at most ${max} characters long`);
  return schema.meta({ ...(min === undefined ? {} : { minLength: min }), ...(max === undefined ? {} : { maxLength: max }) });
}

/** JSON Schema `pattern`: an unanchored search, with ajv's `u` flag. */
function matching(pattern: string, hint?: string) {
  return z.string().regex(new RegExp(pattern, "u"), hint ? `${hint} (pattern ${pattern})` : `must match the pattern ${pattern}`);
}

/** JSON Schema `integer`: any whole number (zod's `.int()` would also cap it at 2^53). */
function integer(bounds: { min?: number; max?: number } = {}) {
  let schema = z.number().refine(Number.isInteger, "expected an integer");
  if (bounds.min !== undefined) schema = schema.min(bounds.min);
  if (bounds.max !== undefined) schema = schema.max(bounds.max);
  return schema.meta({ type: "integer" });
}

const nonEmptyText = text({ min: 1 });
const kebabName = matching("^[a-z][a-z0-9-]*$", "expected a kebab-case name");

export const httpEndpointSchema = z.strictObject({
  path: matching("^/.*", "must start with /"),
  status: integer({ min: 100, max: 599 }),
  method: z.enum(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]).optional(),
  response_contains: z.array(z.string()).optional(),
});

export const uxFlowSchema = z.strictObject({
  name: nonEmptyText,
  steps: z.array(nonEmptyText).min(1),
});

export const acceptanceTestSchema = z.strictObject({
  file: matching("^.+\\.(test|spec)\\.[a-zA-Z0-9]+$", "expected a test file name such as app.test.ts"),
  type: z.enum(["unit", "integration", "e2e", "performance", "security"]).optional(),
  coverage_threshold: z.number().min(0).max(1).optional(),
});

export const performanceSchema = z.strictObject({
  response_time_ms: integer({ min: 1 }).optional(),
  throughput_rps: integer({ min: 1 }).optional(),
  memory_mb: integer({ min: 1 }).optional(),
  cpu_percent: z.number().min(0).max(100).optional(),
  disk_space_mb: integer({ min: 1 }).optional(),
});

export const acceptanceSchema = z
  .strictObject({
    http_endpoints: z.array(httpEndpointSchema).optional(),
    ux_flows: z.array(uxFlowSchema).optional(),
    tests: z.array(acceptanceTestSchema).optional(),
    performance: performanceSchema.optional(),
  })
  // Unknown keys already fail the section (and would count toward minProperties): only judge a clean one.
  .refine((acceptance) => Object.keys(acceptance).length >= 1, {
    message: "must define at least one kind of acceptance criteria",
    when: (payload) => payload.issues.length === 0,
  });

export const technologyStackSchema = z
  .object({
    meta_framework: z.string().optional(),
    ui_library: z.string().optional(),
    styling: z.string().optional(),
    database: z.string().optional(),
    runtime: z.string().optional(),
    package_manager: z.enum(["npm", "yarn", "pnpm", "bun"]).optional(),
    deployment: z.string().optional(),
  })
  .catchall(nonEmptyText);

/** Any JSON object (not a list, not null): JSON Schema's `type: object`. */
const anyObject = z.record(z.string(), z.unknown());

export const agentsSchema = z.looseObject({
  primary: z.enum(["claude-code", "cursor", "github-copilot", "sourcegraph-cody", "tabnine"]).optional(),
  secondary: z
    .object({
      deployment: z.string().optional(),
      testing: z.string().optional(),
      security: z.string().optional(),
      performance: z.string().optional(),
    })
    .catchall(z.string())
    .optional(),
  preferences: z.record(z.string(), z.union([z.string(), z.boolean(), anyObject])).optional(),
});

export const subAgentSchema = z.strictObject({
  name: kebabName,
  description: text({ min: 10 }),
  focus: z.array(z.string()).optional(),
  tools: z.array(z.string()).optional(),
  model: z.enum(["haiku", "sonnet", "opus"]).optional(),
  system_prompt: z.string().optional(),
});

export const guardrailsSchema = z.strictObject({
  tests_required: z.boolean().optional(),
  min_test_coverage: z.number().min(0).max(1).optional(),
  lint: z.boolean().optional(),
  type_check: z.boolean().optional(),
  dependency_check: z.boolean().optional(),
  security_scan: z.boolean().optional(),
  license_whitelist: z.array(nonEmptyText).optional(),
  max_pr_size: integer({ min: 1 }).optional(),
  human_approval_required: z.array(nonEmptyText).optional(),
});

const scriptFile = /^.+\.(sh|py|js|ts|rb|pl)$/u;
const embeddedScript = /^#!\//u;

/** The schema's `oneOf`: exactly one of "a script file" and "a script starting with #!/" (not both). */
export const scriptSchema = z
  .string()
  .refine(
    (script) => Number(scriptFile.test(script)) + Number(embeddedScript.test(script)) === 1,
    "expected either a script path (.sh, .py, .js, .ts, .rb, .pl) or an embedded script starting with #!/, not both",
  );

export const taskSchema = z.strictObject({
  id: matching("^[a-z][a-z0-9-_]*$", "expected a lower-case task id"),
  title: text({ min: 3, max: 100 }),
  description: text({ max: 500 }).optional(),
  dependencies: z.array(z.string()).optional(),
  estimated_hours: z.number().min(0).optional(),
  risk_level: z.enum(["low", "medium", "high"]).optional(),
});

const dateTime = z.string().refine(isDateTime, "expected an RFC 3339 date-time such as 2024-01-15T10:00:00Z");

export const maintainerSchema = z.strictObject({
  name: nonEmptyText,
  email: z.string().refine(isEmail, "expected an email address").optional(),
  github: matching("^[a-zA-Z0-9]([a-zA-Z0-9-]){0,38}$", "expected a GitHub user name").optional(),
});

export const metadataSchema = z.strictObject({
  maintainers: z.array(maintainerSchema).optional(),
  license: z.string().optional(),
  version: matching("^\\d+\\.\\d+\\.\\d+(-.+)?$", "expected a semantic version").optional(),
  tags: z.array(matching("^[a-z0-9-]+$", "expected a lower-case tag")).optional(),
  estimated_effort: z.string().optional(),
  created_at: dateTime.optional(),
  updated_at: dateTime.optional(),
});

const secretName = matching("^[A-Z][A-Z0-9_]*$", "expected an upper-case variable name");

export const secretsSchema = z.strictObject({
  provider: z.string().optional(),
  required: z.array(secretName).optional(),
  optional: z.array(secretName).optional(),
});

export const outcomeTypes = [
  "web-app",
  "api",
  "cli",
  "game",
  "library",
  "ml-pipeline",
  "mobile-app",
  "desktop-app",
  "infrastructure",
  "documentation",
] as const;

/** The whole OSpec v1.0 document as the official schema defines it (strict mode). */
export const ospecSchema = z.strictObject({
  ospec_version: matching("^\\d+\\.\\d+\\.\\d+$", "expected a version such as 1.0.0"),
  id: kebabName,
  name: text({ min: 3, max: 100 }),
  description: text({ min: 10, max: 500 }),
  outcome_type: z.enum(outcomeTypes),
  acceptance: acceptanceSchema,
  stack: z.record(z.string(), nonEmptyText).optional(),
  technology_stack: technologyStackSchema.optional(),
  agents: agentsSchema.optional(),
  sub_agents: z.array(subAgentSchema).optional(),
  guardrails: guardrailsSchema.optional(),
  prompts: z.record(z.string(), matching("^.+\\.(md|txt)$", "expected a .md or .txt file")).optional(),
  scripts: z.record(z.string(), scriptSchema).optional(),
  tasks: z.array(taskSchema).optional(),
  metadata: metadataSchema.optional(),
  secrets: secretsSchema.optional(),
});
export type OspecDocument = z.infer<typeof ospecSchema>;

export { specIdPattern } from "./spec-id.js";

/**
 * What lenient mode requires (the rest of the official schema only warns). Loose: every
 * other section is kept as it is.
 */
export const ospecIdentitySchema = z.looseObject({
  ospec_version: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a version such as "1.0.0"'),
  // The spec's identity: kebab-case, 1-100 characters, never rewritten (spec-id.ts).
  id: z.string().superRefine((id, ctx) => {
    const problem = specIdProblem(id);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  name: z.string().refine((name) => name.trim() !== "", "must not be empty"),
  outcome_type: z.string(),
});

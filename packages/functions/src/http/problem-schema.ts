import { z } from "@hono/zod-openapi";

/** The problem document (RFC 9457) and its field issues: the `Problem` and `FieldIssue` components. */
export const FieldIssueSchema = z
  .object({ path: z.string(), message: z.string(), line: z.number().int().optional(), column: z.number().int().optional() })
  .openapi("FieldIssue");

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().openapi({ example: "SPEC_INVALID" }),
    instance: z.string().optional(),
    errors: z.array(FieldIssueSchema).optional(),
  })
  // RFC 9457 extension members: the error's context (`requiredScope`, `limit`, `deploymentId`, ...).
  .catchall(z.unknown())
  .openapi("Problem", { description: "RFC 9457 problem details with a stable `code`; other members carry the error's context" });

import { createRoute, z } from "@hono/zod-openapi";
import { environmentPolicySchema, policyDocumentSchema, type PolicyStore } from "@rollgate/core/policy";
import { bearerScope, securedRoutes } from "../auth.js";
import type { AppEnv, AppServices } from "../env.js";
import { problem } from "../problem.js";
import { problems } from "../schemas.js";

const PolicySchema = z
  .object({
    revision: z.number().int().openapi({ description: "0 until a policy is first set; +1 per change. Also the ETag." }),
    environments: z.record(z.string(), environmentPolicySchema),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .openapi("Policy");

const etag = (revision: number) => `"${revision}"`;

/** `If-Match: "3"` -> 3; `*` -> undefined (any); anything else can never match -> -1. */
function expectedRevision(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === "*") return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,12})"?\s*$/.exec(header);
  return match ? Number(match[1]) : -1;
}

/** The platform policy (DESIGN section 8): anyone with `specs:read` reads it, an admin sets it. */
export function policyRoutes(services: AppServices) {
  const app = securedRoutes();
  const policy = (): PolicyStore => {
    if (!services.policy) throw new Error("policy store not configured");
    return services.policy;
  };
  const ETag = { ETag: { description: "The revision, quoted", schema: { type: "string" as const } } };

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/policy",
      operationId: "getPolicy",
      tags: ["policy"],
      summary: "The platform's environment policy: the floor specs cannot lower",
      description: "Revision 0 and no environments until an admin first sets one. The ETag is the revision; `If-None-Match` with it is a 304 while it is current.",
      request: {
        headers: z.object({ "if-none-match": z.string().optional().openapi({ param: { name: "if-none-match", in: "header" }, description: "An ETag from an earlier read: 304 while it is current" }) }),
      },
      responses: {
        200: { description: "The policy", headers: ETag, content: { "application/json": { schema: PolicySchema } } },
        304: { description: "Unchanged since the ETag given in If-None-Match", headers: ETag },
        
      },
      security: bearerScope("specs:read"),
    }),
    async (c) => {
      const current = await policy().get();
      c.header("ETag", etag(current.revision));
      const seen = c.req.header("if-none-match");
      if (seen !== undefined && seen.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag(current.revision))) return c.body(null, 304);
      return c.json(current, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/v1/policy",
      operationId: "putPolicy",
      tags: ["policy"],
      summary: "Admin: replace the platform's environment policy",
      description:
        "Per environment name: `requiresApproval`, `approvers` (roles), `after` (environments a version must have succeeded in first), `autoDeploy`, `strategies`, `slackChannel`. Each change is a new revision and writes a `policy.changed` event with the actor. `If-Match` with the ETag refuses to overwrite a newer revision (412). An unchanged document changes nothing.",
      request: {
        headers: z.object({ "if-match": z.string().optional().openapi({ param: { name: "if-match", in: "header" }, description: "The ETag of the revision this change is based on" }) }),
        body: { required: true, content: { "application/json": { schema: policyDocumentSchema } } },
      },
      responses: {
        200: { description: "The policy now in force", headers: ETag, content: { "application/json": { schema: PolicySchema } } },
        ...problems("POLICY_INVALID", "POLICY_REVISION_MISMATCH"),
      },
      security: bearerScope("admin"),
    }),
    async (c) => {
      const ifRevision = expectedRevision(c.req.header("if-match"));
      if (ifRevision === -1) return problem(c, 412, "POLICY_REVISION_MISMATCH", "If-Match must be the policy's ETag, e.g. \"3\".");
      const { policy: current } = await policy().put(c.req.valid("json"), c.get("principal"), ifRevision === undefined ? {} : { ifRevision });
      c.header("ETag", etag(current.revision));
      return c.json(current, 200);
    },
  );

  return app;
}

import { z } from "zod";
import { subjectPattern } from "../auth/schema.js";

/** The scopes a Slack user may act with (DESIGN.md section 11): never admin, never specs:write. */
export const slackScopes = ["specs:read", "approve", "rollback", "deploy"] as const;
export type SlackScope = (typeof slackScopes)[number];

/** Slack user ids: `U…` or `W…` (Enterprise Grid), upper-case alphanumerics. */
export const slackUserIdPattern = /^[UW][A-Z0-9]{2,30}$/;
export const slackUserIdSchema = z.string().regex(slackUserIdPattern, "expected a Slack user id such as U0123ABCD");

/** The body of `PUT /v1/slack/users/{slackUserId}`. */
export const slackLinkInputSchema = z.strictObject({
  subject: z.string().regex(subjectPattern, "expected a principal's subject (lower-case letters, digits, . _ -)"),
  scopes: z.array(z.enum(slackScopes)).min(1, "name at least one scope").max(slackScopes.length),
});
export type SlackLinkInput = z.infer<typeof slackLinkInputSchema>;

/** A link as the API shows it. */
export const slackLinkViewSchema = z.object({
  slackUserId: z.string(),
  subject: z.string(),
  scopes: z.array(z.enum(slackScopes)),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type SlackLinkView = z.infer<typeof slackLinkViewSchema>;

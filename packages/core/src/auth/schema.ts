import { z } from "zod";
import { scopes } from "./principal.js";

export const scopeSchema = z.enum(scopes);

/**
 * A principal's subject: a lower-case identifier. Anything else (upper case, fullwidth or
 * other look-alike letters, zero-width or other invisible characters, spaces) is refused
 * rather than normalized, so two spellings of one name can never coexist and a subject
 * compares equal only to itself.
 */
export const subjectPattern = /^[a-z0-9][a-z0-9._@-]{0,127}$/;
export const subjectSchema = z
  .string()
  .regex(subjectPattern, "expected a lower-case identifier: a-z, 0-9 and . _ @ -, starting with a letter or digit, at most 128 characters");

/** A role for approval gates (`tech-lead`): matched exactly against the spec's and the policy's approvers. */
export const roleSchema = z.string().min(1).max(100);
export const rolesSchema = z.array(roleSchema).max(50);

export const issueTokenSchema = z.strictObject({
  subject: subjectSchema,
  scopes: z.array(scopeSchema).min(1),
  /** When given, sets the principal's roles (the principal is created when missing). */
  roles: rolesSchema.optional(),
  expiresAt: z.iso
    .datetime({ offset: true })
    .refine((at) => Date.parse(at) > Date.now(), "must be in the future")
    .optional(),
});
export type IssueTokenInput = z.infer<typeof issueTokenSchema>;

export interface TokenRecord {
  id: string;
  subject: string;
  scopes: z.infer<typeof scopeSchema>[];
  /** The principal's roles (roles belong to the principal, not to the token). */
  roles: string[];
  createdAt: string;
  createdBy: string;
  expiresAt?: string;
}

/** `PUT /v1/principals/{subject}`: the whole principal (roles default to none). */
export const putPrincipalSchema = z.strictObject({
  roles: rolesSchema.default([]),
  displayName: z.string().trim().min(1).max(200).optional(),
  email: z.email().max(320).optional(),
  /** false re-enables a disabled principal (its old tokens stay revoked). */
  disabled: z.boolean().default(false),
});
export type PutPrincipalInput = z.input<typeof putPrincipalSchema>;

/** A person or a bot. Credentials (tokens, Slack links, sessions) act as one. */
export interface PrincipalRecord {
  subject: string;
  roles: string[];
  displayName?: string;
  email?: string;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

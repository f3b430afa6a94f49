import { z } from "zod";
import { scopes } from "./principal.js";

export const scopeSchema = z.enum(scopes);

export const issueTokenSchema = z.strictObject({
  subject: z.string().min(1).max(200),
  scopes: z.array(scopeSchema).min(1),
  roles: z.array(z.string().min(1).max(100)).max(50).optional(),
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
  roles: string[];
  createdAt: string;
  createdBy: string;
  expiresAt?: string;
}

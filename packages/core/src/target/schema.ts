import { z } from "zod";
import { classifyAddress } from "./address.js";

/**
 * Registered targets (DESIGN.md section 9): where traffic really moves, set by an admin and
 * named by specs. A spec never carries a URL, a function name or a secret.
 */

/** Target names: lower-case identifiers, as environment names. */
export const targetNamePattern = /^[a-z][a-z0-9-]{0,62}$/;
export const targetNameSchema = z.string().regex(targetNamePattern, "expected a lower-case name: a-z first, then a-z, 0-9 or -, at most 63 characters");

/** A glob over spec ids: kebab-case characters and `*` (any run of characters). */
export const specPatternSchema = z
  .string()
  .regex(/^[a-z0-9*-]{1,100}$/, "expected a spec id pattern: lower-case letters, digits, - and * (any characters), e.g. payments-*");

const environmentName = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "expected a lower-case environment name");

/** Standard Webhooks style: `whsec_` + base64 of the key bytes; or any long enough string a deployer already verifies. */
export const webhookSecretSchema = z.union([
  z.string().regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, "expected whsec_ followed by base64 of 24 to 64 bytes"),
  z.string().regex(/^(?!whsec_)[\x21-\x7e]{32,256}$/, "expected at least 32 printable characters (or a whsec_ secret)"),
]);

const access = {
  /** Spec ids allowed to use the target. */
  specs: z.array(specPatternSchema).min(1, "name at least one spec id pattern (e.g. payments-*)").max(50),
  /** Environments it may be used in; absent: any. */
  environments: z.array(environmentName).min(1).max(50).optional(),
  description: z.string().max(500).optional(),
};

const webhookUrl = z
  .url({ protocol: /^https?$/, error: "expected an http or https URL" })
  .max(2048)
  .superRefine((value, ctx) => {
    if (!URL.canParse(value)) return; // z.url() has said so already
    const url = new URL(value);
    if (url.username || url.password) ctx.addIssue({ code: "custom", message: "must not carry credentials: the target's secret signs every call" });
    if (url.hash) ctx.addIssue({ code: "custom", message: "must not have a #fragment" });
  });

export const webhookTargetInputSchema = z.strictObject({
  type: z.literal("webhook"),
  url: webhookUrl,
  /** Loopback and private ranges (127/8, 10/8, 172.16/12, 192.168/16, fc00::/7, 100.64/10): refused unless true. */
  allowPrivateNetwork: z.boolean().optional(),
  /** The signing secret; generated (`whsec_…`) when absent on creation, kept when absent on update. */
  secret: webhookSecretSchema.optional(),
  ...access,
});

export const lambdaAliasTargetInputSchema = z.strictObject({
  type: z.literal("lambda-alias"),
  functionName: z
    .string()
    .regex(/^(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:)?[A-Za-z0-9_-]{1,64}$/, "expected a Lambda function name or ARN"),
  alias: z.string().regex(/^(?!\d+$)[A-Za-z0-9_-]{1,128}$/, "expected a Lambda alias name"),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "expected an AWS region such as eu-west-1").optional(),
  ...access,
});

/** The body of `PUT /v1/targets/{name}`. */
export const targetInputSchema = z
  .discriminatedUnion("type", [webhookTargetInputSchema, lambdaAliasTargetInputSchema], {
    error: "expected type webhook or lambda-alias (simulated targets stay inline in the spec)",
  })
  .superRefine((target, ctx) => {
    if (target.type !== "webhook" || !URL.canParse(target.url)) return;
    // An address literal is judged now; host names are judged on every call (DNS can change).
    const verdict = classifyAddress(new URL(target.url).hostname);
    if (verdict.range === "not an IP address") return;
    if (verdict.class === "refused") {
      ctx.addIssue({ code: "custom", path: ["url"], message: `${verdict.address} is a ${verdict.range} address: always refused` });
    } else if (verdict.class === "private" && !target.allowPrivateNetwork) {
      ctx.addIssue({
        code: "custom",
        path: ["url"],
        message: `${verdict.address} is a ${verdict.range} address: set allowPrivateNetwork: true if the deployer really lives there`,
      });
    }
  });
export type TargetInput = z.infer<typeof targetInputSchema>;

const viewCommon = {
  name: z.string(),
  specs: z.array(z.string()),
  environments: z.array(z.string()).optional(),
  description: z.string().optional(),
  /** Bumped by every PUT. */
  revision: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
};

/** What `GET /v1/targets/{name}` shows: everything but the secret. */
export const targetViewSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("webhook"), url: z.string(), allowPrivateNetwork: z.boolean(), ...viewCommon }),
  z.object({ type: z.literal("lambda-alias"), functionName: z.string(), alias: z.string(), region: z.string().optional(), ...viewCommon }),
]);
export type TargetView = z.infer<typeof targetViewSchema>;

/** A registered target as stored, secret included: never leaves core as is. */
export type StoredTarget = Extract<TargetView, { type: "lambda-alias" }> | (Extract<TargetView, { type: "webhook" }> & { secret: string });

/** What a rollout plan records about its target: which one, never how to reach it. */
export type TargetReference = { name: string; type: StoredTarget["type"] };

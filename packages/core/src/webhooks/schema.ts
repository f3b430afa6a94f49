import { z } from "zod";
import { eventTypes } from "../events/catalog.js";
import { classifyAddress } from "../target/address.js";

/**
 * Outbound webhooks (DESIGN.md section 10): an admin subscribes a URL to event types; each
 * matching event is delivered to it as a signed CloudEvent, with its own retry state.
 */

const namespaces = [...new Set(eventTypes.map((type) => type.split(".")[0]!))];

/** `*`, a namespace wildcard (`deployment.*`) or one catalog type (`deployment.succeeded`). */
export const eventPatternSchema = z.string().refine((pattern) => pattern === "*" || (eventTypes as string[]).includes(pattern) || (pattern.endsWith(".*") && namespaces.includes(pattern.slice(0, -2))), {
  message: `expected *, one of ${namespaces.map((n) => `${n}.*`).join(", ")}, or an event type of the catalog (e.g. deployment.succeeded)`,
});

export function eventMatches(patterns: readonly string[], type: string): boolean {
  return patterns.some((pattern) => pattern === "*" || pattern === type || (pattern.endsWith(".*") && type.startsWith(pattern.slice(0, -1))));
}

/** The body of `POST /v1/webhooks`. */
export const webhookInputSchema = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/, error: "expected an http or https URL" })
      .max(2048)
      .superRefine((value, ctx) => {
        if (!URL.canParse(value)) return;
        const url = new URL(value);
        if (url.username || url.password) ctx.addIssue({ code: "custom", message: "must not carry credentials: the secret signs every delivery" });
        if (url.hash) ctx.addIssue({ code: "custom", message: "must not have a #fragment" });
      }),
    events: z.array(eventPatternSchema).min(1, "name at least one event type or pattern (e.g. deployment.*)").max(50),
    /** Loopback and private ranges: refused unless true (link-local and cloud metadata always). */
    allowPrivateNetwork: z.boolean().optional(),
    description: z.string().max(500).optional(),
  })
  .superRefine((input, ctx) => {
    if (!URL.canParse(input.url)) return;
    // An address literal is judged now; host names on every delivery (DNS can change).
    const verdict = classifyAddress(new URL(input.url).hostname);
    if (verdict.range === "not an IP address") return;
    if (verdict.class === "refused") {
      ctx.addIssue({ code: "custom", path: ["url"], message: `${verdict.address} is a ${verdict.range} address: always refused` });
    } else if (verdict.class === "private" && !input.allowPrivateNetwork) {
      ctx.addIssue({ code: "custom", path: ["url"], message: `${verdict.address} is a ${verdict.range} address: set allowPrivateNetwork: true if the receiver really lives there` });
    }
  });
export type WebhookInput = z.infer<typeof webhookInputSchema>;

/** A subscription as `GET /v1/webhooks` shows it: everything but the secret. */
export const webhookViewSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    allowPrivateNetwork: z.boolean(),
    description: z.string().optional(),
    /** `disabled` after the receiver answered 410 Gone. */
    status: z.enum(["active", "disabled"]),
    disabledReason: z.string().optional(),
    createdAt: z.string(),
    createdBy: z.string(),
  });
export type WebhookView = z.infer<typeof webhookViewSchema>;

/** What `POST /v1/webhooks` answers: the view and the signing secret, shown this once. */
export const createdWebhookSchema = webhookViewSchema.extend({ secret: z.string() });

export const deliveryStatuses = ["pending", "delivered", "failed"] as const;

/** One event's delivery to one subscription, as the delivery log shows it. */
export const deliveryViewSchema = z
  .object({
    id: z.string(),
    webhookId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    /** pending: waiting for its next attempt; delivered: a 2xx; failed: out of attempts, 410, or the subscription is gone (retry by hand). */
    status: z.enum(deliveryStatuses),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    /** The HTTP status of the last answer; null when there was none (timeout, refused address). */
    lastStatus: z.number().int().nullable(),
    /** A stable code and a short message; never any part of the receiver's body. */
    lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
  });
export type DeliveryView = z.infer<typeof deliveryViewSchema>;

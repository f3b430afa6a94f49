import { GetItemCommand, UpdateItemCommand, type TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { z } from "zod";
import type { PendingEvent } from "../events/catalog.js";
import { isDeploymentEvent, type Notifier } from "../events/types.js";
import { mutateDeployment } from "../rollout/repository.js";
import type { Sealer } from "../sealing/index.js";
import type { TableContext } from "../store/dynamo.js";
import { keys } from "../store/keys.js";
import { marshallItem, unmarshallItem } from "../store/marshall.js";
import type { ChannelOutcome, DeliveryChannel, StoredDelivery, WebhookStore } from "../webhooks/index.js";
import type { ApprovalLinkDelivery } from "./links.js";

/**
 * Approval-link delivery as a relay channel (DESIGN.md section 10). When a gate opens, the
 * gate's transaction also writes its new links **sealed** (sealing/, AES-256-GCM under a
 * server key; the table never holds a token in plaintext, the delivery item not even
 * sealed). The relay turns the gate's `deployment.approval_requested` event into a delivery
 * item on the webhook delivery machinery (own attempts, backoff and dead letter), so the
 * step that opened the gate never waits for a receiver. An attempt opens the sealed links
 * and hands them to the sink (the console locally, the approval webhook). The outcome goes
 * on the deployment's timeline: `deployment.approval_links_delivered`, or after the last
 * attempt `deployment.approval_links_undelivered` (the gate stays open for API, dashboard
 * and Slack votes). Once settled, the sealed links are removed; a repeated attempt (a lost
 * lease, a relay retry) finds nothing left to send.
 */

/** One try at getting a gate's links to the approvers; throws when they did not arrive (a retry follows). */
export type ApprovalLinkSink = (delivery: ApprovalLinkDelivery, attempt: { number: number; eventId: string }) => void | Promise<void>;

const channelId = keys.approvalLinkDeliveryChannel();
const sealContext = (deploymentId: string, gate: number) => `approval-links:${deploymentId}:${gate}`;

/** What the delivery item carries: a reference, never a link. */
const itemBody = z.object({ deploymentId: z.string(), gate: z.number().int(), links: z.number().int(), expiresAt: z.string() });

interface SealedLinks {
  deploymentId: string;
  gate: number;
  links: number;
  /** Epoch seconds (TTL): the gate's links die then anyway. */
  expiresAt: number;
  /** Present until the delivery settled. */
  sealed?: string;
  settled?: "delivered" | "undelivered";
}

/** The gate's transaction writes this next to the hashed links: the links to deliver, sealed. */
export function sealedLinksWrite(tableName: string, sealer: Sealer, delivery: ApprovalLinkDelivery, expiresAtEpoch: number, now: Date): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: marshallItem({
        ...keys.approvalLinkSend(delivery.deploymentId, delivery.gate),
        entity: "approvalLinkSend",
        deploymentId: delivery.deploymentId,
        gate: delivery.gate,
        links: delivery.links.length,
        sealed: sealer.seal(JSON.stringify(delivery), sealContext(delivery.deploymentId, delivery.gate)),
        createdAt: now.toISOString(),
        expiresAt: expiresAtEpoch,
      }),
    },
  };
}

/** The relay's part: one delivery item per opened gate (idempotent per event, so a retried record adds nothing). */
export function createApprovalLinkFanOut(store: Pick<WebhookStore, "enqueue">, clock: () => Date = () => new Date()): Notifier {
  return {
    async publish(event) {
      if (!isDeploymentEvent(event) || event.type !== "deployment.approval_requested") return;
      const body = itemBody.parse({ deploymentId: event.deploymentId, gate: event.data.gate, links: event.data.links, expiresAt: event.data.expiresAt });
      await store.enqueue({ webhookId: channelId, eventId: event.id, eventType: event.type, eventAt: event.at, body: JSON.stringify(body) }, clock().toISOString());
    },
  };
}

export interface ApprovalLinkChannelDeps {
  table: TableContext;
  store: Pick<WebhookStore, "enqueue">;
  /** Opens the sealed links. Without it (no key where deliveries run) every attempt fails, and the timeline says why. */
  sealer?: Sealer;
  send: ApprovalLinkSink;
  /** The dispatcher's `maxAttempts`: the attempt that reaches it writes `approval_links_undelivered`. */
  maxAttempts: number;
  clock?: () => Date;
}

export interface ApprovalLinkChannel extends DeliveryChannel {
  fanOut: Notifier;
}

export function createApprovalLinkChannel(deps: ApprovalLinkChannelDeps): ApprovalLinkChannel {
  const { table } = deps;
  const clock = deps.clock ?? (() => new Date());
  const rollout = { table, clock };

  async function load(deploymentId: string, gate: number): Promise<SealedLinks | undefined> {
    const { Item } = await table.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: marshallItem(keys.approvalLinkSend(deploymentId, gate)), ConsistentRead: true }),
    );
    return Item ? unmarshallItem<SealedLinks>(Item) : undefined;
  }

  /** The outcome on the timeline, then the sealed links gone (in that order: a crash in between re-sends, never loses the outcome). */
  async function settle(ref: z.infer<typeof itemBody>, outcome: { delivered: true; attempts: number } | { delivered: false; attempts: number; error: string }, sealedRecord: boolean) {
    const counts = { gate: ref.gate, links: ref.links, attempts: outcome.attempts };
    const event: PendingEvent = outcome.delivered
      ? { type: "deployment.approval_links_delivered", data: counts }
      : { type: "deployment.approval_links_undelivered", data: { ...counts, error: outcome.error.slice(0, 300) } };
    await mutateDeployment(rollout, ref.deploymentId, (current) => ({ after: current, events: [event] }));
    if (!sealedRecord) return;
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.tableName,
        Key: marshallItem(keys.approvalLinkSend(ref.deploymentId, ref.gate)),
        UpdateExpression: "REMOVE sealed SET settled = :settled, settledAt = :at",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: marshallItem({ ":settled": outcome.delivered ? "delivered" : "undelivered", ":at": clock().toISOString() }),
      }),
    );
  }

  async function attempt(item: StoredDelivery): Promise<ChannelOutcome> {
    const ref = itemBody.parse(JSON.parse(item.body));
    const attemptNo = item.attempts + 1;
    const failed = async (code: string, message: string): Promise<ChannelOutcome> => {
      if (attemptNo >= deps.maxAttempts) await settle(ref, { delivered: false, attempts: attemptNo, error: `${message}; gave up after ${attemptNo} attempts` }, true);
      return { status: "retry", code, message };
    };
    const record = await load(ref.deploymentId, ref.gate);
    if (!record) {
      // The gate opened where no sealing key was set (or so long ago that its links expired): nothing can be sent.
      if (clock().getTime() < Date.parse(ref.expiresAt)) {
        await settle(ref, { delivered: false, attempts: attemptNo, error: "no sealed links were kept for this gate (is the sealing key set where gates open?)" }, false);
      }
      return { status: "delivered" };
    }
    // Settled before (a repeated attempt). A gate that closed meanwhile still gets its links: each says so when opened.
    if (!record.sealed) return { status: "delivered" };
    if (!deps.sealer) return failed("SEALING_KEY_MISSING", "the sealing key is not set where approval links are delivered");
    let delivery: ApprovalLinkDelivery;
    try {
      delivery = JSON.parse(deps.sealer.open(record.sealed, sealContext(ref.deploymentId, ref.gate))) as ApprovalLinkDelivery;
    } catch (error) {
      return failed((error as { code?: string }).code ?? "SEALED_VALUE_UNREADABLE", error instanceof Error ? error.message : String(error));
    }
    try {
      await deps.send(delivery, { number: attemptNo, eventId: item.eventId });
    } catch (error) {
      return failed((error as { code?: string }).code ?? "LINK_DELIVERY_FAILED", error instanceof Error ? error.message : String(error));
    }
    await settle(ref, { delivered: true, attempts: attemptNo }, true);
    return { status: "delivered" };
  }

  return { fanOut: createApprovalLinkFanOut(deps.store, clock), attempt };
}

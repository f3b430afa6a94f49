import { createHash, randomUUID } from "node:crypto";
import { isDeploymentEvent, type DomainEvent, type Notifier } from "../events/types.js";
import { isRollgateError } from "../errors/index.js";
import type { DeploymentView } from "../rollout/queries.js";
import { keys } from "../store/keys.js";
import type { ChannelOutcome, DeliveryChannel, StoredDelivery, WebhookStore } from "../webhooks/index.js";
import type { SlackApi, SlackMessage } from "./api.js";
import { CardLeaseLostError, type CardState, type CardStore } from "./card-store.js";
import { cardEventTypes, escapeText, renderCard, renderThreadReply, threadReplyTypes, truncate } from "./cards.js";
import { SlackApiError } from "./errors.js";

/**
 * Slack as a relay channel. The relay's part (`fanOut`) writes one delivery item per
 * deployment event that can change a card, on the webhook delivery machinery (its own retry
 * state, backoff and dead letter per item, so a Slack outage delays only Slack). An attempt
 * brings the deployment's card up to date with the deployment as it is now, under the
 * card's lease: posts the card if it has none, posts the thread replies of events that have
 * none yet (in timeline order), and `chat.update`s the card when what it shows changed.
 * A projection, so a late, repeated or reordered delivery is harmless.
 */
export interface SlackChannelDeps {
  store: Pick<WebhookStore, "enqueue">;
  cards: CardStore;
  api: SlackApi;
  deployments: { get(id: string): Promise<DeploymentView> };
  /** The environment's channel (a policy environment's `slackChannel`, else ROLLGATE_SLACK_CHANNEL); undefined: no card. */
  channelFor(environment: string): Promise<string | undefined>;
  /** Slack users linked to subjects, for mentions. */
  slackUsersOf(subjects: string[]): Promise<Map<string, string[]>>;
  clock?: () => Date;
  /** How long one sync may hold a card. Default 60 s. */
  leaseMs?: number;
  /** How long a delivery waits when another process holds the card. Default 500 ms. */
  busyDelayMs?: number;
}

export interface SlackChannel extends DeliveryChannel {
  fanOut: Notifier;
  /** Brings one deployment's card up to date now (a button click does this before answering). */
  sync(deploymentId: string): Promise<ChannelOutcome>;
}

const channelId = keys.slackDeliveryChannel();
/** The metadata `event_type` of every message Rollgate posts; its payload names the deployment and the slot. */
export const releaseEventType = "rollgate_release";
/** How far before a claim a lookup starts: Slack's clock and ours may differ a little. */
const claimSkewMs = 5 * 60_000;
const hashOf = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("base64url");
/** A rollback deployment's events that are also told in the thread of the deployment it rolls back. */
const originReplyTypes = new Set(["deployment.created", "deployment.succeeded", "deployment.rolled_back", "deployment.aborted", "deployment.rollback_failed"]);

function originReply(event: DomainEvent, view: DeploymentView): { text: string; broadcast?: boolean } | undefined {
  const by = event.actor ? escapeText(event.actor) : "someone";
  switch (event.type) {
    case "deployment.created":
      return { text: `:leftwards_arrow_with_hook: ${by} started a rollback: restoring v${view.version} (deployment \`${view.id}\`)${view.reason ? `: ${escapeText(view.reason)}` : ""}` };
    case "deployment.succeeded":
      return { text: `:white_check_mark: Rollback done: ${escapeText(view.environment)} runs v${view.version} again (deployment \`${view.id}\`).` };
    case "deployment.rollback_failed":
      return { text: `:rotating_light: The rollback to v${view.version} failed (deployment \`${view.id}\`): a human must act.`, broadcast: true };
    default:
      return { text: `The rollback to v${view.version} ended ${event.type.slice("deployment.".length).replace(/_/g, " ")} (deployment \`${view.id}\`).` };
  }
}

/**
 * The relay's part alone: one delivery item per deployment event that can change a card
 * (idempotent, so a retried stream record adds nothing). The stream Lambda needs only this.
 */
export function createSlackFanOut(store: Pick<WebhookStore, "enqueue">, clock: () => Date = () => new Date()): Notifier {
  return {
    async publish(event) {
      if (!isDeploymentEvent(event) || !cardEventTypes.has(event.type)) return;
      await store.enqueue(
        { webhookId: channelId, eventId: event.id, eventType: event.type, eventAt: event.at, body: JSON.stringify({ deploymentId: event.deploymentId }) },
        clock().toISOString(),
      );
    },
  };
}

export function createSlackChannel(deps: SlackChannelDeps): SlackChannel {
  const clock = deps.clock ?? (() => new Date());
  const leaseMs = deps.leaseMs ?? 60_000;
  const busyDelayMs = deps.busyDelayMs ?? 500;
  const replyTypes = new Set<string>(threadReplyTypes);

  const fanOut = createSlackFanOut(deps.store, clock);

  /**
   * Posts one message of a card (slot `card`, a reply's event id, `origin:<event id>`) at
   * most once: claims the slot, then posts with metadata naming the slot. A claim from an
   * earlier holder without a recorded `ts` means that post may have reached Slack: the
   * message is looked up (after the claim, less a margin for clock skew) and reused if found.
   */
  async function postOnce(deploymentId: string, card: CardState, owner: string, slot: string, message: SlackMessage): Promise<{ ts: string; found: boolean }> {
    const tag = { eventType: releaseEventType, payload: { deployment_id: deploymentId, slot } };
    const claimedAt = card.claims[slot];
    if (claimedAt) {
      const oldest = ((Date.parse(claimedAt) - claimSkewMs) / 1_000).toFixed(6);
      const found = await deps.api.findMessage({ channel: message.channel, ...(message.threadTs ? { threadTs: message.threadTs } : {}), oldest, tag });
      if (found) return { ts: found, found: true };
    } else {
      const at = clock();
      await deps.cards.claim(deploymentId, owner, slot, at);
      card.claims[slot] = at.toISOString();
    }
    return { ts: (await deps.api.postMessage({ ...message, metadata: tag })).ts, found: false };
  }

  async function underLease(view: DeploymentView, card: CardState, owner: string) {
    const { api, cards } = deps;
    const rendered = renderCard(view);
    const renderedHash = hashOf(rendered);
    if (!card.ts) {
      const { ts, found } = await postOnce(view.id, card, owner, "card", { channel: card.channel, ...rendered });
      // A card found in Slack shows what it showed then: unknown here, so it is updated below.
      const shown = found ? "" : renderedHash;
      await cards.setPosted(view.id, owner, ts, shown);
      card = { ...card, ts, renderedHash: shown };
    }
    const pending = view.timeline.filter((event) => replyTypes.has(event.type) && !card.replies[event.id]);
    const mentions = pending.some((e) => e.type === "deployment.approval_requested")
      ? await deps.slackUsersOf(pending.flatMap((e) => ((e.data.approvers as { subject: string }[] | undefined) ?? []).map((a) => a.subject)))
      : new Map<string, string[]>();
    for (const event of pending) {
      const reply = renderThreadReply(event, view, mentions);
      if (!reply) continue;
      const { ts } = await postOnce(view.id, card, owner, event.id, { channel: card.channel, threadTs: card.ts, ...reply });
      await cards.addReply(view.id, owner, event.id, ts);
    }
    if (view.rollbackOf) {
      const origin = await cards.get(view.rollbackOf);
      if (origin?.ts) {
        for (const event of view.timeline.filter((e) => originReplyTypes.has(e.type) && !card.replies[`origin:${e.id}`])) {
          const reply = originReply(event, view)!;
          const slot = `origin:${event.id}`;
          const { ts } = await postOnce(view.id, card, owner, slot, { channel: origin.channel, threadTs: origin.ts, text: truncate(reply.text), ...(reply.broadcast ? { broadcast: true } : {}) });
          await cards.addReply(view.id, owner, slot, ts);
        }
      }
    }
    if (card.renderedHash !== renderedHash) {
      await api.updateMessage({ channel: card.channel, ts: card.ts!, ...rendered });
      await cards.setRendered(view.id, owner, renderedHash);
    }
  }

  async function sync(deploymentId: string): Promise<ChannelOutcome> {
    let view: DeploymentView;
    try {
      view = await deps.deployments.get(deploymentId);
    } catch (error) {
      if (isRollgateError(error) && error.kind === "not_found") return { status: "delivered" };
      throw error;
    }
    const channel = await deps.channelFor(view.environment);
    if (!channel) return { status: "delivered" };
    const owner = randomUUID();
    const card = await deps.cards.acquire(deploymentId, channel, owner, clock(), leaseMs);
    if (!card) return { status: "retry", code: "SLACK_CARD_BUSY", message: "another delivery is updating this card", delayMs: busyDelayMs, countsAsAttempt: false };
    try {
      // Read again under the lease: what the card shows is never older than what a previous holder showed.
      await underLease(await deps.deployments.get(deploymentId), card, owner);
      return { status: "delivered" };
    } catch (error) {
      if (error instanceof SlackApiError) return { status: "retry", code: `SLACK_${error.slackError.toUpperCase()}`, message: error.message };
      if (error instanceof CardLeaseLostError) return { status: "retry", code: "SLACK_CARD_BUSY", message: error.message, delayMs: busyDelayMs, countsAsAttempt: false };
      throw error;
    } finally {
      await deps.cards.release(deploymentId, owner);
    }
  }

  return {
    fanOut,
    sync,
    async attempt(delivery: StoredDelivery) {
      const { deploymentId } = JSON.parse(delivery.body) as { deploymentId: string };
      return sync(deploymentId);
    },
  };
}

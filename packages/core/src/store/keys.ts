/**
 * Key layout of the single table. This module is the only place that spells key strings.
 *
 *   entity              pk                          sk                      gsi1pk / gsi1sk
 *   spec summary        SPEC#<specId>               META                    SPECS / <specId>
 *   spec version        SPEC#<specId>               V#<0000000042>          -
 *   content hash        SPEC#<specId>               HASH#<sha256>           -
 *   environment         SPEC#<specId>               ENV#<env>               -   (env pointer: currentVersion, previousVersion, lastDeploymentId, succeededVersions)
 *   rollout lock        SPEC#<specId>               LOCK#<env>              -
 *   deployment          DEP#<id>                    META                    DEPS / <createdAt>#<id>
 *   deployment listing  DEP#<id>                    LIST                    DEPS / <createdAt>#<id>   (summary copy, for the global listing)
 *   deployment by spec  DEP#<id>                    BYSPEC                  DEPS#<specId> / <createdAt>#<id>   (summary copy, for per-spec listing)
 *   deployment event    DEP#<id>                    EVT#<seq:8>             -
 *   approval vote       DEP#<id>                    VOTE#<gate>#<subject>   -
 *   approval link       APPROVAL#<sha256(token)>    LINK                    -
 *   links to deliver    LINKSEND#<deploymentId>     GATE#<gate>             -   (a gate's new links, sealed, until the approval-link channel settles them; see approval/link-channel.ts)
 *   in-flight index     ACTIVE                      DEP#<id>                -   (one item per non-terminal deployment, for resume after restart)
 *   api token           TOKEN#<id>                  TOKEN                   TOKENS / <createdAt>#<id>
 *   dashboard session   SESSION#<sha256(secret)>    SESSION                 -   (bound to a token id and subject; see auth/sessions.ts)
 *   principal           PRINCIPAL#<subject>         PRINCIPAL               PRINCIPALS / <subject>
 *   principal's token   PRINCIPAL#<subject>         TOKEN#<id>              -   (reference, so disabling a principal finds its tokens)
 *   role member         ROLE#<role>                 PRINCIPAL#<subject>     -   (who holds a role, for minting approval links)
 *   idempotency record  IDEM#<subject>#<key>        IDEM                    -
 *   target state        TARGET#<specId>#<env>       STATE                   -
 *   registered target   TARGETDEF#<name>            DEF                     TARGETS / <name>   (webhook or lambda-alias, secret included; see target/registry.ts)
 *   webhook             WEBHOOK#<id>                DEF                     WEBHOOKS / <createdAt>#<id>   (outbound subscription, secret included; see webhooks/store.ts)
 *   webhook delivery    WEBHOOK#<id>                DLV#<eventAt>#<eventId> WEBHOOKDUE#<id> / <nextAttemptAt>#<eventAt>#<eventId>   (one per channel and event; in its channel's due index only while pending;
 *                                                                                <id> is a subscription's or another channel's id, e.g. `slack`)
 *   slack user link     SLACKUSER#<slackUserId>     LINK                    SLACKUSERS#<subject> / <slackUserId>   (which principal a Slack user acts as, with which scopes)
 *   slack request       SLACKREQ#<trigger or action> REQ                    -   (a Slack trigger_id / action_ts seen once; TTL expiresAt)
 *   slack release card  SLACKCARD#<deploymentId>    CARD                    -   (channel, ts, thread replies posted, the render lease; see slack/card-store.ts)
 *   server config       CONFIG                      <name>                  -
 *   platform policy     POLICY                      CURRENT                 -   (the environment policy with its revision, updatedBy, updatedAt)
 *   platform event      EVENTS#<stream>             EVT#<seq:8>             -   (the outbox for events about no deployment: stream `policy`, seq = the policy revision;
 *                                                                                the same item shape as a deployment event, so the relay publishes both)
 *   spec event          EVENTS#spec:<specId>        EVT#<version:8>         -   (spec.version_registered, written with the version)
 *                       EVENTS#spec:<specId>        EVT#<version:8>#<n:4>   -   (spec.version_state_changed, n = the version's stateRevision)
 *   target event        EVENTS#target:<name>        EVT#<createdMs:13>#<rev:8> - (target.registered/changed/removed; createdMs: when this registration of the
 *                                                                                name began, so a name registered again after its removal starts a new run)
 */

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export const keys = {
  spec: (specId: string) => ({ pk: `SPEC#${specId}`, sk: "META" }),
  specListPartition: () => "SPECS",
  specVersion: (specId: string, version: number) => ({
    pk: `SPEC#${specId}`,
    sk: `V#${pad(version, 10)}`,
  }),
  specVersionPrefix: () => "V#",
  versionFromSortKey: (sk: string) => Number(sk.slice(2)),
  contentHash: (specId: string, hash: string) => ({ pk: `SPEC#${specId}`, sk: `HASH#${hash}` }),
  environment: (specId: string, env: string) => ({ pk: `SPEC#${specId}`, sk: `ENV#${env}` }),
  environmentPrefix: () => "ENV#",
  lock: (specId: string, env: string) => ({ pk: `SPEC#${specId}`, sk: `LOCK#${env}` }),

  deployment: (id: string) => ({ pk: `DEP#${id}`, sk: "META" }),
  deploymentListPartition: () => "DEPS",
  deploymentListSort: (createdAt: string, id: string) => `${createdAt}#${id}`,
  deploymentEvent: (id: string, seq: number) => ({ pk: `DEP#${id}`, sk: `EVT#${pad(seq, 8)}` }),
  deploymentEventPrefix: () => "EVT#",
  deploymentBySpec: (id: string) => ({ pk: `DEP#${id}`, sk: "BYSPEC" }),
  deploymentListEntry: (id: string) => ({ pk: `DEP#${id}`, sk: "LIST" }),
  deploymentSpecListPartition: (specId: string) => `DEPS#${specId}`,
  approvalVote: (id: string, gate: number, subject: string) => ({
    pk: `DEP#${id}`,
    sk: `VOTE#${pad(gate, 4)}#${subject}`,
  }),
  approvalVotePrefix: (gate: number) => `VOTE#${pad(gate, 4)}#`,
  approvalLink: (tokenHash: string) => ({ pk: `APPROVAL#${tokenHash}`, sk: "LINK" }),
  approvalLinkSend: (deploymentId: string, gate: number) => ({ pk: `LINKSEND#${deploymentId}`, sk: `GATE#${gate}` }),
  activeDeployment: (id: string) => ({ pk: "ACTIVE", sk: `DEP#${id}` }),
  activePartition: () => "ACTIVE",

  token: (id: string) => ({ pk: `TOKEN#${id}`, sk: "TOKEN" }),
  tokenListPartition: () => "TOKENS",
  tokenListSort: (createdAt: string, id: string) => `${createdAt}#${id}`,

  session: (secretHash: string) => ({ pk: `SESSION#${secretHash}`, sk: "SESSION" }),

  principal: (subject: string) => ({ pk: `PRINCIPAL#${subject}`, sk: "PRINCIPAL" }),
  principalListPartition: () => "PRINCIPALS",
  principalToken: (subject: string, id: string) => ({ pk: `PRINCIPAL#${subject}`, sk: `TOKEN#${id}` }),
  principalPartition: (subject: string) => `PRINCIPAL#${subject}`,
  principalTokenPrefix: () => "TOKEN#",
  roleMember: (role: string, subject: string) => ({ pk: `ROLE#${role}`, sk: `PRINCIPAL#${subject}` }),
  rolePartition: (role: string) => `ROLE#${role}`,

  idempotency: (subject: string, key: string) => ({ pk: `IDEM#${subject}#${key}`, sk: "IDEM" }),

  targetState: (specId: string, env: string) => ({ pk: `TARGET#${specId}#${env}`, sk: "STATE" }),
  registeredTarget: (name: string) => ({ pk: `TARGETDEF#${name}`, sk: "DEF" }),
  registeredTargetListPartition: () => "TARGETS",

  webhook: (id: string) => ({ pk: `WEBHOOK#${id}`, sk: "DEF" }),
  webhookListPartition: () => "WEBHOOKS",
  webhookDelivery: (id: string, eventAt: string, eventId: string) => ({ pk: `WEBHOOK#${id}`, sk: `DLV#${eventAt}#${eventId}` }),
  webhookDeliveryPrefix: () => "DLV#",
  /** One due partition per channel, so that one channel's backlog or retries never sit in front of another's work. */
  webhookDuePartition: (channelId: string) => `WEBHOOKDUE#${channelId}`,
  webhookDueSort: (nextAttemptAt: string, eventAt: string, eventId: string) => `${nextAttemptAt}#${eventAt}#${eventId}`,

  slackUser: (slackUserId: string) => ({ pk: `SLACKUSER#${slackUserId}`, sk: "LINK" }),
  slackUsersOfPartition: (subject: string) => `SLACKUSERS#${subject}`,
  slackRequest: (id: string) => ({ pk: `SLACKREQ#${id}`, sk: "REQ" }),
  slackCard: (deploymentId: string) => ({ pk: `SLACKCARD#${deploymentId}`, sk: "CARD" }),
  /** The delivery channel id the Slack release cards use in the (webhook) delivery items; webhook ids start with `wh_`. */
  slackDeliveryChannel: () => "slack",
  /** The approval-link channel's id on delivery items (approval/link-channel.ts). */
  approvalLinkDeliveryChannel: () => "approval-links",

  config: (name: string) => ({ pk: "CONFIG", sk: name }),

  policy: () => ({ pk: "POLICY", sk: "CURRENT" }),
  platformEvent: (stream: string, seq: number) => ({ pk: `EVENTS#${stream}`, sk: `EVT#${pad(seq, 8)}` }),
  specEventStream: (specId: string) => `spec:${specId}`,
  specStateEvent: (specId: string, version: number, n: number) => ({ pk: `EVENTS#spec:${specId}`, sk: `EVT#${pad(version, 8)}#${pad(n, 4)}` }),
  targetEventStream: (name: string) => `target:${name}`,
  targetEvent: (name: string, createdMs: number, revision: number) => ({ pk: `EVENTS#target:${name}`, sk: `EVT#${pad(createdMs, 13)}#${pad(revision, 8)}` }),
} as const;

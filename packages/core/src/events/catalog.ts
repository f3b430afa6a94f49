/**
 * The event catalog: every event Rollgate writes to its outbox, each type declared once
 * with the schema of its `data`. Producers can only write catalog events (the outbox's
 * `PendingEvent` is derived from it, and the outbox parses `data` before it writes);
 * consumers (the timeline, the relay, webhooks, the CLI) read the same types. The
 * OpenAPI document publishes `eventSchema` as a component.
 *
 * Each data schema lists the fields producers write (the compiler refuses an undeclared
 * one); receivers must ignore fields they do not know, since adding one is not a breaking
 * change. Only `data` is checked at write; the parsed value is not stored, so nothing is stripped.
 */
// Named imports: `z` drags every zod locale (~260 KB minified) into the stream Lambda.
import {
  array,
  boolean,
  discriminatedUnion,
  enum as enumOf,
  literal,
  nullable,
  number,
  object,
  record,
  string,
  unknown,
  type infer as Infer,
  type ZodType,
} from "zod";

const failure = object({ code: string(), message: string(), step: number().int().optional() });
const weights = object({ stable: number(), candidate: number() });
const stepRef = { step: number().int(), kind: string() };
const subjectRoles = object({ subject: string(), roles: array(string()) });
const targetFields = {
  name: string(),
  type: enumOf(["webhook", "lambda-alias"]),
  revision: number().int(),
  specs: array(string()),
  environments: array(string()).optional(),
  origin: string().optional(),
  allowPrivateNetwork: boolean().optional(),
  functionName: string().optional(),
  alias: string().optional(),
  region: string().optional(),
};

/** `data` of each event type. Adding a type here is how a new event is declared. */
export const eventDataSchemas = {
  // The registry (stream `spec:<specId>`).
  "spec.version_registered": object({
    specId: string(),
    version: number().int(),
    contentHash: string(),
    state: string(),
    warnings: number().int(),
  }),
  "spec.version_state_changed": object({ specId: string(), version: number().int(), from: string(), to: string() }),

  // The platform policy (stream `policy`).
  "policy.changed": object({
    revision: number().int(),
    previousRevision: number().int(),
    changedEnvironments: array(string()),
    environments: record(string(), unknown()),
  }),

  // Registered traffic targets (stream `target:<name>`). Never the webhook secret (`changed` may
  // name it), and of a webhook URL only its origin (a query string can carry a deployer's token).
  "target.registered": object(targetFields),
  "target.changed": object({ ...targetFields, previousRevision: number().int(), changed: array(string()) }),
  "target.removed": object({ name: string(), type: string(), revision: number().int() }),

  // A deployment's life, in the order they usually happen.
  "deployment.created": object({
    version: number().int(),
    stableVersion: nullable(number().int()).optional(),
    strategy: string(),
    purpose: string(),
    reason: string().optional(),
    forced: boolean().optional(),
    rollbackOf: string().optional(),
    minDurationSeconds: number().optional(),
  }),
  "deployment.execution_started": object({ executionId: string(), mode: string() }),
  "deployment.started": object({ steps: number().int() }),
  "deployment.step_started": object(stepRef),
  // What each step kind adds: health_check `attempts`, validate `check`, shift `weights`, bake `seconds`, promote `from`/`to`.
  "deployment.step_completed": object({
    ...stepRef,
    attempts: number().int().optional(),
    check: string().optional(),
    weights: weights.optional(),
    seconds: number().optional(),
    from: nullable(number().int()).optional(),
    to: number().int().optional(),
  }),
  "deployment.step_not_applied": object(stepRef),
  "deployment.step_failed": failure,
  "deployment.health_check_failed": object({ step: number().int(), attempt: number().int(), retries: number().int() }),
  // The check itself (rollout/model.ts AnalysisCheck) and the count so far.
  "deployment.analysis_completed": object({
    step: number().int(),
    weight: number(),
    at: string(),
    errorRate: number(),
    latencyP99Ms: number(),
    passed: boolean(),
    failedChecks: number().int(),
    threshold: number().int(),
  }),
  "deployment.approval_requested": object({
    gate: number().int(),
    requiredRoles: array(string()),
    expiresAt: string(),
    links: number().int(),
    approvers: array(subjectRoles),
    rolesWithoutApprovers: array(string()),
  }),
  /** The gate's approval links reached their channel (the approval webhook, the console); `attempts` it took. Never a link. */
  "deployment.approval_links_delivered": object({ gate: number().int(), links: number().int(), attempts: number().int() }),
  /** The gate's approval links could not be delivered (after the delivery's retries); the gate stays open for API, dashboard and Slack votes. */
  "deployment.approval_links_undelivered": object({ gate: number().int(), links: number().int(), attempts: number().int().optional(), error: string() }),
  "deployment.gate_reopened": object({ gate: number().int().optional() }),
  // The vote as recorded (rollout/model.ts Vote).
  "deployment.approval_recorded": object({
    gate: number().int(),
    subject: string(),
    role: nullable(string()),
    decision: enumOf(["approve", "reject"]),
    comment: string().optional(),
    at: string(),
    via: enumOf(["api", "link", "slack"]),
  }),
  /** A gate closed by a vote: approved (quorum) or rejected. A timeout is a `step_failed` with APPROVAL_TIMEOUT. */
  "deployment.approval_decided": object({
    gate: number().int(),
    decision: enumOf(["approved", "rejected"]),
    by: string(),
    /** How the deciding vote came (as the vote's `via`). */
    via: enumOf(["api", "link", "slack"]),
    approvedRoles: array(string()),
    comment: string().optional(),
  }),
  "deployment.approved": object({ gate: number().int(), approvedRoles: array(string()) }),
  "deployment.rejected": object({ gate: number().int(), comment: string().optional() }),
  "deployment.succeeded": object({ version: number().int(), previousVersion: nullable(number().int()).optional() }),
  "deployment.abort_requested": object({ reason: string().optional(), step: number().int() }),
  "deployment.rollback_requested": object({ reason: string().optional(), step: number().int() }),
  "deployment.rollback_started": object({ failure }),
  "deployment.rollback_retried": object({ pendingCompensations: array(string()) }),
  "deployment.rollback_resolved": object({ reason: string().optional(), pendingCompensations: array(string()) }),
  "deployment.compensation_registered": object({ kind: string().optional(), step: number().int().optional() }),
  "deployment.compensation_completed": object({ kind: string(), step: number().int().optional(), weights: weights.optional() }),
  "deployment.compensation_failed": object({ kind: string(), error: string() }),
  "deployment.rolled_back": object({ failure: failure.optional(), weights: weights.optional() }),
  "deployment.aborted": object({ failure: failure.optional(), weights: weights.optional() }),
  /** An alert: compensation kept failing, the lock stays held for a human. */
  "deployment.rollback_failed": object({ rollbackError: string(), pendingCompensations: array(string()), lockHeld: boolean() }),
  "deployment.retire_failed": object({ version: nullable(number().int()).optional(), error: string(), pending: boolean() }),
  "deployment.retirement_completed": object({ version: number().int(), replacedBy: number().int().optional() }),
} as const satisfies Record<string, ZodType>;

export type EventType = keyof typeof eventDataSchemas;
export type EventData<T extends EventType> = Infer<(typeof eventDataSchemas)[T]>;
export const eventTypes = Object.keys(eventDataSchemas) as EventType[];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventDataSchemas, type);
}

/** An event a state change wants to write, before it has an id and a sequence number. */
export type PendingEvent = {
  [T in EventType]: { type: T; actor?: string; data: EventData<T> };
}[EventType];

/** The fields every event has besides `type` and `data`. */
export const eventEnvelope = {
  /** Unique and stable across retries: `<deploymentId>:<seq>`, or `<stream>:<seq>` for platform events. */
  id: string(),
  at: string(),
  actor: string().optional(),
  /** Set on deployment events. */
  deploymentId: string().optional(),
  specId: string().optional(),
  environment: string().optional(),
  /** Set on platform events (`policy`, `spec:<specId>`). */
  stream: string().optional(),
  /** The event's position in its deployment's log, where a reader asks by position (`/events?after=`). */
  seq: number().int().optional(),
};

/** One written event, as the timeline, the events endpoint and the relay see it (the OpenAPI `Event` component). */
export const eventSchema = discriminatedUnion(
  "type",
  eventTypes.map((type) => object({ ...eventEnvelope, type: literal(type), data: eventDataSchemas[type] })) as unknown as [
    ReturnType<typeof object>,
    ...ReturnType<typeof object>[],
  ],
);

/** Thrown when a producer hands the outbox data its catalog schema refuses: a bug, never user input. */
export class EventCatalogError extends Error {
  override readonly name = "EventCatalogError";
  readonly code = "EVENT_NOT_IN_CATALOG";
  constructor(type: string, detail: string) {
    super(`event ${type} does not match the catalog: ${detail}`);
  }
}

/** Validates a pending event against the catalog (at write, so a bad event never reaches the table). */
export function checkEvent(event: { type: string; data?: unknown }): void {
  if (!isEventType(event.type)) throw new EventCatalogError(event.type, "unknown type");
  const parsed = eventDataSchemas[event.type].safeParse(event.data ?? {});
  if (!parsed.success) {
    throw new EventCatalogError(event.type, parsed.error.issues.map((i) => `${i.path.join(".") || "data"}: ${i.message}`).join("; "));
  }
}

import { QueryCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { createApprovalService, type ApprovalService } from "../approval/service.js";
import { hasScope, type Principal } from "../auth/principal.js";
import { isRollgateError, type FieldIssue } from "../errors/index.js";
import type { PolicyReader } from "../policy/store.js";
import { policyFor, type EnvironmentPolicy } from "../policy/schema.js";
import type { IdempotencyClaim, StoredResponse } from "../idempotency/index.js";
import { readItems } from "../store/batch-get.js";
import type { CursorCodec } from "../store/cursor.js";
import type { TableContext } from "../store/dynamo.js";
import { keys } from "../store/keys.js";
import { marshallItem, unmarshallItem } from "../store/marshall.js";
import type { Orchestrator } from "../workflow/contract.js";
import { environmentPath, positionOnPath, readRolloutSettings } from "./environments.js";
import {
  ForceRequiresAdminError,
  InvalidDeploymentRequestError,
  NothingToPromoteError,
  VersionDisabledError,
} from "./errors.js";
import { resumeInFlight, type ResumedDeployment, type ResumeOptions } from "./resume.js";
import { launchDeployment } from "./launch.js";
import type { DeploymentStatus } from "./model.js";
import { compilePlan, type Plan } from "./plan.js";
import { resolvePlanTarget } from "./plan-target.js";
import { environmentRead, readEnvironment } from "./pointers.js";
import { missingPrerequisites, promotionPathError } from "./prerequisites.js";
import { getDeploymentView, listDeployments, type DeploymentView, type ListDeploymentsQuery } from "./queries.js";
import { findDeployment, type DeploymentSummary } from "./repository.js";
import { createRollbacks, stopDeployment, type RollbackOutcome as StopOutcome } from "./stop.js";
import { strategySchema, type Strategy } from "./settings.js";
import type { SpecVersionReader, SpecVersionRecord } from "./spec-reader.js";

export interface DeploymentServiceDeps {
  table: TableContext;
  orchestrator: Orchestrator;
  specs: SpecVersionReader;
  cursors: CursorCodec;
  /** The platform policy; without one, the spec's settings rule. */
  policy?: PolicyReader;
  clock?: () => Date;
  config: {
    /** The promotion path for specs without an `environments` map. */
    defaultEnvironments: string[];
  };
}

export interface CreateDeploymentInput {
  specId: string;
  version: number | "latest";
  environment: string;
  strategy?: Strategy;
  reason?: string;
  /** Skip the promotion path (admin only). */
  force?: boolean;
}

export interface EnvironmentStatus {
  name: string;
  currentVersion: number | null;
  previousVersion: number | null;
  lastDeploymentId: string | null;
}

/** For a resume while the process runs (after its database came back), not only at start. */

/**
 * What a rollout use case returns, for every caller to show (HTTP, Slack, the dashboard,
 * the CLI through the API): the deployment it started or changed, and what to warn about
 * (a deprecated version, say). Declared once; each use case returns this or extends it.
 */
export interface DeploymentOutcome {
  deployment: DeploymentView;
  warnings: FieldIssue[];
}

/** A dry run: the plan a deployment would follow, and the same warnings. */
export interface PlanOutcome {
  plan: Plan;
  warnings: FieldIssue[];
}

/** A rollback, with how it was done (`mode`: stopped, new_deployment, compensation_retried). */
export type RollbackOutcome = StopOutcome & DeploymentOutcome;

/** After a registration: the deployment auto_deploy started, or warnings saying why none was. */
export interface AutoDeployOutcome {
  deployment?: DeploymentView;
  warnings: FieldIssue[];
}

/** A promotion: the version current in `from`, deployed to `to`. */
export interface PromoteInput {
  specId: string;
  from: string;
  to: string;
  reason?: string;
}

/** An Idempotency-Key for a deployment, and the response a replay of it gets. */
export interface IdempotentDeploy {
  claim: IdempotencyClaim;
  respond: (outcome: DeploymentOutcome) => StoredResponse;
}

export type DeploymentService = ReturnType<typeof createDeploymentService>;

/**
 * The rollout use cases: deploy (`create`, and its dry run), promote, abort, rollback,
 * rollbackEnvironment, resolve, autoDeploy; plus reads and resume after a restart. Each one
 * owns its rules (`latest`, `force`, the promotion path, the platform policy, warnings) so
 * that the HTTP routes, Slack and the dashboard call the same function. Core only: no HTTP types.
 */
export function createDeploymentService(deps: DeploymentServiceDeps) {
  const clock = deps.clock ?? (() => new Date());
  const store = { table: deps.table, orchestrator: deps.orchestrator, clock };
  const approvals: ApprovalService = createApprovalService(store);
  const defaults = deps.config.defaultEnvironments;
  const rollbacks = createRollbacks(store, deps.specs, defaults);

  async function environmentPolicy(environment: string): Promise<EnvironmentPolicy | undefined> {
    return deps.policy ? policyFor((await deps.policy.get()).environments, environment) : undefined;
  }

  /** Deprecated versions still deploy (DESIGN section 3), with a warning the caller can show. */
  const versionWarnings = (spec: Pick<SpecVersionRecord, "state" | "version">): FieldIssue[] =>
    spec.state === "deprecated" ? [{ path: "version", message: `version ${spec.version} is deprecated` }] : [];

  /**
   * Reads the plan's prerequisites (the previous environment on the path, the policy's
   * `after`) where this version has not succeeded: refused unless an admin forces; returns
   * whether it was forced. A deployment that does not force checks them in its transaction instead.
   */
  async function checkPrerequisites(plan: Plan, force: boolean): Promise<boolean> {
    const missing = await missingPrerequisites(deps.table, plan);
    if (missing.length === 0) return false;
    if (force) return true;
    throw promotionPathError(plan, missing);
  }

  /**
   * Deploy: starts a rollout (it runs on), or with `dryRun` returns its plan. Resolves
   * `latest`; refuses disabled versions, environments off the path, strategies the policy
   * does not allow (POLICY_VIOLATION), and versions that have not succeeded in every
   * prerequisite environment (unless an admin forces it); LockHeldError names the rollout
   * in flight. The effective settings are the stricter of the spec and the platform policy.
   */
  function create(input: CreateDeploymentInput, principal: Principal, options: { dryRun: true }): Promise<PlanOutcome>;
  function create(input: CreateDeploymentInput, principal: Principal, options?: { dryRun?: false }): Promise<DeploymentOutcome>;
  function create(input: CreateDeploymentInput, principal: Principal, options?: { dryRun?: boolean }): Promise<DeploymentOutcome | PlanOutcome>;
  async function create(input: CreateDeploymentInput, principal: Principal, options: { dryRun?: boolean } = {}): Promise<DeploymentOutcome | PlanOutcome> {
    const outcome = await deploy(input, principal, options);
    if ("replay" in outcome) throw new TypeError("a replay needs an Idempotency-Key");
    return outcome;
  }

  /**
   * The reads and checks of a deployment in as few round trips as they allow: one batch of
   * the independent items (the Idempotency-Key's record, the version, the policy, the
   * target environment's pointer), one read of a registered target the plan names, then
   * launch (the prerequisites are conditions of its transaction). `latest` is resolved by a
   * read of its own, in parallel with the batch.
   */
  async function deploy(
    input: CreateDeploymentInput,
    principal: Principal,
    options: { dryRun?: boolean; idempotency?: IdempotentDeploy },
  ): Promise<DeploymentOutcome | PlanOutcome | { replay: StoredResponse }> {
    if (input.strategy !== undefined && !strategySchema.safeParse(input.strategy).success) {
      throw new InvalidDeploymentRequestError([{ path: "strategy", message: "expected blue_green, canary or rolling" }]);
    }
    if (input.force && !hasScope(principal, "admin")) throw new ForceRequiresAdminError();
    const claim = options.dryRun ? undefined : options.idempotency?.claim;
    const versionRead = typeof input.version === "number" ? deps.specs.versionRead?.(input.specId, input.version) : undefined;
    const policyRead = deps.policy?.read?.();
    const pointerRead = environmentRead(input.specId, input.environment);
    const specRead = versionRead ? undefined : deps.specs.getVersion(input.specId, input.version);
    specRead?.catch(() => undefined); // awaited below, unless a replay answers first
    const reads = [claim?.read, versionRead, policyRead, pointerRead];
    const items = await readItems(deps.table, reads.filter((read) => read !== undefined));
    const itemOf = (read: (typeof reads)[number]) => items[reads.filter((r) => r !== undefined).indexOf(read!)];

    const { replay } = claim ? claim.read.decode(itemOf(claim.read)) : {};
    if (replay) return { replay };
    const spec = versionRead ? versionRead.decode(itemOf(versionRead)) : await specRead!;
    if (spec.state === "disabled") throw new VersionDisabledError(input.specId, spec.version);
    const policy = policyRead ? policyFor(policyRead.decode(itemOf(policyRead)).environments, input.environment) : await environmentPolicy(input.environment);
    const plan = await resolvePlanTarget(deps.table, compilePlan({
      specId: input.specId,
      version: spec.version,
      document: spec.document,
      environment: input.environment,
      ...(input.strategy ? { strategy: input.strategy } : {}),
      environmentsPath: defaults,
      ...(policy ? { policy } : {}),
    }));
    const warnings = versionWarnings(spec);
    // A dry run and a forced deployment read the prerequisites (to refuse, or to record that
    // it forced); any other deployment checks them in its own transaction.
    const readsPrerequisites = options.dryRun || input.force === true;
    const forced = readsPrerequisites ? await checkPrerequisites(plan, input.force === true) : false;
    if (options.dryRun) return { plan, warnings };
    const deployment = await launchDeployment(store, {
      plan,
      requestedBy: principal.subject,
      ...(input.reason ? { reason: input.reason } : {}),
      forced,
      pointer: pointerRead.decode(itemOf(pointerRead)),
      prerequisites: readsPrerequisites ? [] : plan.settings.prerequisites.value,
      ...(claim && options.idempotency
        ? { idempotency: { claim, respond: (view: DeploymentView) => options.idempotency!.respond({ deployment: view, warnings }) } }
        : {}),
    });
    return { deployment, warnings };
  }

  /** Warnings for a rollback that restored a version (deprecated, say); none for the other modes. */
  async function restoredWarnings(outcome: StopOutcome | { mode?: undefined; deployment: DeploymentView }): Promise<FieldIssue[]> {
    if (outcome.mode !== undefined && outcome.mode !== "new_deployment") return [];
    return versionWarnings(await deps.specs.getVersion(outcome.deployment.specId, outcome.deployment.version));
  }

  /**
   * Deploy under an Idempotency-Key, at no extra round trip: the key's record is read with
   * the deployment's own items, reserved in its transaction and completed (with
   * `respond(outcome)`, the response a replay gets) when the start is recorded. Same key and
   * request: the stored response (`replayed`); same key, other request: IdempotencyKeyReusedError.
   */
  async function createOnce(input: CreateDeploymentInput, principal: Principal, idempotency: IdempotentDeploy): Promise<{ response: StoredResponse; replayed: boolean }> {
    const outcome = await deploy(input, principal, { idempotency });
    if ("replay" in outcome) return { response: outcome.replay, replayed: true };
    return { response: idempotency.respond(outcome as DeploymentOutcome), replayed: false };
  }

  /**
   * What a promotion deploys: the version current in `from`, to `to`. Under a claim, the
   * key's record is read with the `from` pointer, so a replay answers before anything else
   * (even when `from` has moved since).
   */
  async function promotion(input: PromoteInput, claim?: IdempotencyClaim): Promise<{ replay: StoredResponse } | { request: CreateDeploymentInput }> {
    const pointerRead = environmentRead(input.specId, input.from);
    const [found, claimed] = await readItems(deps.table, claim ? [pointerRead, claim.read] : [pointerRead]);
    const { replay } = claim ? claim.read.decode(claimed) : {};
    if (replay) return { replay };
    const pointer = pointerRead.decode(found);
    const latest = await deps.specs.getVersion(input.specId, pointer.currentVersion ?? "latest");
    positionOnPath(environmentPath(readRolloutSettings(latest.document), defaults), input.from, "from");
    if (pointer.currentVersion === null) throw new NothingToPromoteError(input.specId, input.from);
    const reason = input.reason ?? `promote from ${input.from}`;
    return { request: { specId: input.specId, version: pointer.currentVersion, environment: input.to, reason } };
  }

  return {
    create,
    createOnce,

    /** Promote: deploys the version current in `from` to `to` (CI's main call), by the rules of `create`. */
    async promote(input: PromoteInput, principal: Principal): Promise<DeploymentOutcome> {
      const promoted = await promotion(input);
      if ("replay" in promoted) throw new TypeError("a replay needs an Idempotency-Key");
      return create(promoted.request, principal);
    },

    /** Promote under an Idempotency-Key, carried into the promotion's reads and the deployment's transactions (as createOnce). */
    async promoteOnce(input: PromoteInput, principal: Principal, idempotency: IdempotentDeploy): Promise<{ response: StoredResponse; replayed: boolean }> {
      const promoted = await promotion(input, idempotency.claim);
      if ("replay" in promoted) return { response: promoted.replay, replayed: true };
      return createOnce(promoted.request, principal, idempotency);
    },

    /** The full view: status, plan, current step, weights, timeline, approvals, analysis, compensations. */
    get: (id: string): Promise<DeploymentView> => getDeploymentView(deps.table, id),

    /** Newest first, filtered by spec, environment, status; opaque cursor. */
    list: (query: ListDeploymentsQuery): Promise<{ items: DeploymentSummary[]; nextCursor: string | null }> =>
      listDeployments(deps.table, deps.cursors, query),

    /** A vote on the open gate: needs a required role (the HTTP layer checks the approve scope); never the requester. */
    decide: approvals.decide,
    /** What the approval page shows; changes nothing. */
    viewApprovalLink: approvals.viewApprovalLink,
    /** A decision through an approval link. */
    decideByLink: approvals.decideByLink,

    /** Abort: stops an in-flight deployment and compensates it; it ends `aborted`. */
    async abort(id: string, principal: Principal, reason?: string): Promise<DeploymentOutcome> {
      await stopDeployment(store, id, principal.subject, reason, "aborted");
      return { deployment: await getDeploymentView(deps.table, id), warnings: [] };
    },

    /**
     * Rollback: in flight, stop and compensate (ends `rolled_back`). Succeeded: a new
     * deployment that restores the version the environment ran before (no gate: that version
     * passed them). rollback_failed: compensation again.
     */
    async rollback(id: string, principal: Principal, reason?: string): Promise<RollbackOutcome> {
      const outcome = await rollbacks.rollback(id, principal, reason);
      return { ...outcome, warnings: await restoredWarnings(outcome) };
    },

    /** Chat-ops: roll an environment back to its previous version (a new deployment). */
    async rollbackEnvironment(specId: string, environment: string, principal: Principal, reason?: string): Promise<DeploymentOutcome> {
      const deployment = await rollbacks.rollbackEnvironment(specId, environment, principal, reason);
      return { deployment, warnings: await restoredWarnings({ deployment }) };
    },

    /** Resolve (admin): a human took over a rollback_failed deployment; releases its lock. */
    async resolve(id: string, principal: Principal, reason: string): Promise<DeploymentOutcome> {
      return { deployment: await rollbacks.resolveFailedRollback(id, principal, reason), warnings: [] };
    },

    /** Per-environment current versions, in promotion order (path of the latest version's document). */
    async environments(specId: string): Promise<EnvironmentStatus[]> {
      const latest = await deps.specs.getVersion(specId, "latest");
      let path: string[];
      try {
        path = environmentPath(readRolloutSettings(latest.document), defaults);
      } catch {
        path = [...defaults];
      }
      const pointers = await Promise.all(path.map((env) => readEnvironment(deps.table, specId, env)));
      return pointers.map((p) => ({
        name: p.environment,
        currentVersion: p.currentVersion,
        previousVersion: p.previousVersion,
        lastDeploymentId: p.lastDeploymentId,
      }));
    },

    /**
     * After registering a version: when the first environment of its path says
     * `auto_deploy: true`, deploy there, but only if the registering principal holds
     * `deploy` and the platform policy allows auto-deploy there. Whenever the spec asked and
     * nothing was deployed, a warning says why (scope, policy, a rollout in flight, ...); the
     * registration itself stands either way.
     */
    async autoDeploy(specId: string, version: number, principal: Principal, document?: Record<string, unknown>): Promise<AutoDeployOutcome> {
      // The registrar passes the document it just parsed: most specs auto-deploy nowhere, and
      // they then cost no read at all.
      const doc = document ?? (await deps.specs.getVersion(specId, version)).document;
      const settings = readRolloutSettings(doc);
      const first = environmentPath(settings, defaults)[0];
      if (!first || settings.environments?.[first]?.auto_deploy !== true) return { warnings: [] };
      const notDeployed = (why: string) => ({ warnings: [{ path: `environments.${first}.auto_deploy`, message: `not deployed to ${first}: ${why}` }] });
      if (!hasScope(principal, "deploy")) return notDeployed(`the registering credential (${principal.subject}) lacks the \`deploy\` scope`);
      try {
        // The effective rule comes from the plan compiler, like every other setting.
        const policy = await environmentPolicy(first);
        const plan = compilePlan({ specId, version, document: doc, environment: first, environmentsPath: defaults, ...(policy ? { policy } : {}) });
        if (!plan.settings.autoDeploy.value) return notDeployed(`the platform policy does not allow auto-deploy to ${first}`);
        return await create({ specId, version, environment: first, reason: "auto_deploy" }, principal);
      } catch (error) {
        // The version is registered whatever happens here; say why it was not deployed.
        if (isRollgateError(error)) return notDeployed(error.message);
        throw error;
      }
    },

    /** Gives in-flight deployments that nothing drives a new execution (see rollout/resume.ts). */
    resumeInFlight: (options: ResumeOptions = {}): Promise<ResumedDeployment[]> => resumeInFlight(store, options),
  };
}

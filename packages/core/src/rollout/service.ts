import { QueryCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { createApprovalService, type ApprovalService } from "../approval/service.js";
import { hasScope, type Principal } from "../auth/principal.js";
import type { CursorCodec } from "../store/cursor.js";
import type { TableContext } from "../store/dynamo.js";
import { keys } from "../store/keys.js";
import { marshallItem, unmarshallItem } from "../store/marshall.js";
import type { Orchestrator } from "../workflow/contract.js";
import { environmentPath, positionOnPath, readRolloutSettings } from "./environments.js";
import {
  ForceRequiresAdminError,
  InvalidDeploymentRequestError,
  LockHeldError,
  NothingToPromoteError,
  PromotionPathError,
  VersionAlreadyCurrentError,
  VersionDisabledError,
} from "./errors.js";
import { remainingBakeSeconds, startExecution } from "./executions.js";
import { launchDeployment } from "./launch.js";
import type { DeploymentStatus } from "./model.js";
import { compilePlan, type Plan } from "./plan.js";
import { resolvePlanTarget } from "./plan-target.js";
import { readEnvironment } from "./pointers.js";
import { getDeploymentView, listDeployments, type DeploymentView, type ListDeploymentsQuery } from "./queries.js";
import { findDeployment, type DeploymentSummary } from "./repository.js";
import { createRollbacks, stopDeployment, type RollbackOutcome } from "./stop.js";
import { strategySchema, type Strategy } from "./settings.js";
import type { SpecVersionReader } from "./spec-reader.js";

export interface DeploymentServiceDeps {
  table: TableContext;
  orchestrator: Orchestrator;
  specs: SpecVersionReader;
  cursors: CursorCodec;
  clock?: () => Date;
  config: {
    /** The promotion path for specs without an `environments` map. */
    defaultEnvironments: string[];
  };
}

export interface CreateDeploymentInput {
  specId: string;
  version: number;
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

export interface ResumedDeployment {
  id: string;
  status: DeploymentStatus;
  mode: "run" | "compensate";
  executionId: string;
  /** What was left of an interrupted bake, waited out before the rollout goes on. */
  waitSeconds?: number;
}

export type DeploymentService = ReturnType<typeof createDeploymentService>;

/**
 * The rollout use cases behind the HTTP routes: create (and dry-run), promote, inspect,
 * approve, abort, roll back, and resume after a restart. Core only: no HTTP types.
 */
export function createDeploymentService(deps: DeploymentServiceDeps) {
  const clock = deps.clock ?? (() => new Date());
  const store = { table: deps.table, orchestrator: deps.orchestrator, clock };
  const approvals: ApprovalService = createApprovalService(store);
  const defaults = deps.config.defaultEnvironments;
  const rollbacks = createRollbacks(store, deps.specs, defaults);

  /**
   * Starts a rollout (202-ish: it runs on), or with `dryRun` returns its plan. Refuses
   * disabled versions, environments off the path, and versions that have not succeeded in
   * the previous environment (unless an admin forces it); LockHeldError names the rollout
   * in flight.
   */
  async function create(
    input: CreateDeploymentInput,
    principal: Principal,
    options: { dryRun?: boolean } = {},
  ): Promise<{ deployment: DeploymentView } | { plan: Plan }> {
    if (input.strategy !== undefined && !strategySchema.safeParse(input.strategy).success) {
      throw new InvalidDeploymentRequestError([{ path: "strategy", message: "expected blue_green, canary or rolling" }]);
    }
    if (input.force && !hasScope(principal, "admin")) throw new ForceRequiresAdminError();
    const spec = await deps.specs.getVersion(input.specId, input.version);
    if (spec.state === "disabled") throw new VersionDisabledError(input.specId, input.version);
    const plan = await resolvePlanTarget(deps.table, compilePlan({
      specId: input.specId,
      version: input.version,
      document: spec.document,
      environment: input.environment,
      ...(input.strategy ? { strategy: input.strategy } : {}),
      environmentsPath: defaults,
    }));
    const { previous } = positionOnPath(plan.environmentPath, input.environment);
    let forced = false;
    if (previous) {
      const before = await readEnvironment(deps.table, input.specId, previous);
      if (!before.succeededVersions.includes(input.version)) {
        if (!input.force) throw new PromotionPathError(input.specId, input.version, input.environment, previous);
        forced = true;
      }
    }
    if (options.dryRun) return { plan };
    const record = await launchDeployment(store, {
      plan,
      requestedBy: principal.subject,
      ...(input.reason ? { reason: input.reason } : {}),
      forced,
    });
    return { deployment: await getDeploymentView(deps.table, record.id) };
  }

  return {
    create,

    /** Deploys the version current in `from` to `to` (CI's main call). */
    async promote(input: { specId: string; from: string; to: string; reason?: string }, principal: Principal) {
      const pointer = await readEnvironment(deps.table, input.specId, input.from);
      const latest = await deps.specs.getVersion(input.specId, pointer.currentVersion ?? "latest");
      positionOnPath(environmentPath(readRolloutSettings(latest.document), defaults), input.from, "from");
      if (pointer.currentVersion === null) throw new NothingToPromoteError(input.specId, input.from);
      const reason = input.reason ?? `promote from ${input.from}`;
      const created = await create({ specId: input.specId, version: pointer.currentVersion, environment: input.to, reason }, principal);
      return created as { deployment: DeploymentView };
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

    /** Stops an in-flight deployment and compensates it; it ends `aborted`. */
    async abort(id: string, principal: Principal, reason?: string): Promise<DeploymentView> {
      await stopDeployment(store, id, principal.subject, reason, "aborted");
      return getDeploymentView(deps.table, id);
    },

    /**
     * In flight: stop and compensate (ends `rolled_back`). Succeeded: a new deployment that
     * restores the version the environment ran before. rollback_failed: compensation again.
     */
    rollback: (id: string, principal: Principal, reason?: string): Promise<RollbackOutcome> => rollbacks.rollback(id, principal, reason),

    /** Chat-ops: roll an environment back to its previous version (a new deployment). */
    /** Admin: a human took over a rollback_failed deployment; releases its lock. */
    resolveFailedRollback: (id: string, principal: Principal, reason: string): Promise<DeploymentView> =>
      rollbacks.resolveFailedRollback(id, principal, reason),
    rollbackEnvironment: (specId: string, environment: string, principal: Principal, reason?: string): Promise<DeploymentView> =>
      rollbacks.rollbackEnvironment(specId, environment, principal, reason),

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
     * `auto_deploy: true`, deploy there. Returns the deployment id, or undefined when
     * there is nothing to do (no auto_deploy, a rollout in flight, already current, disabled).
     */
    async autoDeploy(specId: string, version: number, principal: Principal, document?: Record<string, unknown>): Promise<string | undefined> {
      // The registrar passes the document it just parsed: most specs auto-deploy nowhere, and
      // they then cost no read at all.
      const settings = readRolloutSettings(document ?? (await deps.specs.getVersion(specId, version)).document);
      const first = environmentPath(settings, defaults)[0];
      if (!first || settings.environments?.[first]?.auto_deploy !== true) return undefined;
      try {
        const created = await create({ specId, version, environment: first, reason: "auto_deploy" }, principal);
        return "deployment" in created ? created.deployment.id : undefined;
      } catch (error) {
        const skip = [LockHeldError, VersionAlreadyCurrentError, VersionDisabledError].some((type) => error instanceof type);
        if (skip) return undefined;
        throw error;
      }
    },

    /**
     * After a restart (the local engine keeps executions in memory): gives every deployment
     * in the ACTIVE index a new execution. Running ones continue from their recorded cursor,
     * open gates re-open with their links and votes intact, rollbacks compensate. Call once,
     * at process start, before the engine has executions of its own.
     */
    async resumeInFlight(): Promise<ResumedDeployment[]> {
      const resumed: ResumedDeployment[] = [];
      let startKey: Record<string, AttributeValue> | undefined;
      do {
        const page = await deps.table.client.send(
          new QueryCommand({
            TableName: deps.table.tableName,
            KeyConditionExpression: "pk = :pk",
            ExpressionAttributeValues: marshallItem({ ":pk": keys.activePartition() }),
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          const { deploymentId } = unmarshallItem<{ deploymentId: string }>(item);
          const record = await findDeployment(deps.table, deploymentId);
          if (!record) continue;
          const mode = record.status === "rolling_back" ? "compensate" : ["pending", "in_progress", "awaiting_approval"].includes(record.status) ? "run" : undefined;
          if (!mode) continue;
          const waitSeconds = mode === "run" ? remainingBakeSeconds(record, clock()) : 0;
          const executionId = await startExecution(store, record, mode, undefined, waitSeconds || undefined);
          resumed.push({ id: record.id, status: record.status, mode, executionId, ...(waitSeconds ? { waitSeconds } : {}) });
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return resumed;
    },
  };
}

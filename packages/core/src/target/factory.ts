import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import { isRegisteredTarget, type TargetSettings } from "../rollout/settings.js";
import type { TableContext } from "../store/index.js";
import { TargetConfigError, TargetReferenceError } from "./errors.js";
import type { Resolver } from "./http-call.js";
import { createLambdaAliasTarget } from "./lambda-alias.js";
import type { TargetContext, TrafficTarget } from "./port.js";
import { resolveRegisteredTarget } from "./registry.js";
import type { StoredTarget } from "./schema.js";
import { createSimulatedTarget } from "./simulated.js";
import { createWebhookTarget, type WebhookOptions } from "./webhook.js";

/** What the adapters may need; SDK clients are built once per process and injected. */
export interface TrafficTargetDeps {
  table: TableContext;
  /** Lambda and CloudWatch clients for a region (undefined: the process's own). */
  awsClients?: (region: string | undefined) => { lambda: LambdaClient; cloudwatch: CloudWatchClient };
  /** How webhook targets resolve host names; every address is checked. Default: the system resolver. */
  resolver?: Resolver;
  clock?: () => Date;
  webhook?: WebhookOptions;
}

/**
 * The traffic target a plan names: an inline simulated one, or a registered target (by
 * name) that is loaded, and checked against the deployment's spec and environment, on
 * every call. Without settings, a healthy simulated one.
 */
export function createTrafficTarget(settings: TargetSettings | undefined | null, deps: TrafficTargetDeps): TrafficTarget {
  if (!settings) return createSimulatedTarget({ type: "simulated" }, deps);
  return isRegisteredTarget(settings) ? createRegisteredTarget(settings, deps) : createSimulatedTarget(settings, deps);
}

/** A registered target behind the port: the adapter is built per call from the stored definition. */
function createRegisteredTarget(reference: { name: string; type?: StoredTarget["type"] }, deps: TrafficTargetDeps): TrafficTarget {
  let cached: { key: string; adapter: Promise<TrafficTarget> } | undefined;
  const adapterFor = (ctx: TargetContext): Promise<TrafficTarget> => {
    const key = `${ctx.specId}/${ctx.environment}`;
    if (cached?.key !== key) {
      const adapter = resolveRegisteredTarget(deps.table, reference.name, { specId: ctx.specId, environment: ctx.environment, field: "target" }).then(
        (stored) => adapterOf(stored, reference, deps),
      );
      adapter.catch(() => (cached = undefined));
      cached = { key, adapter };
    }
    return cached.adapter;
  };
  return {
    type: reference.type ?? "webhook",
    prepare: async (ctx) => (await adapterFor(ctx)).prepare(ctx),
    health: async (ctx) => (await adapterFor(ctx)).health(ctx),
    validate: async (ctx, check) => (await adapterFor(ctx)).validate(ctx, check),
    shift: async (ctx, weight) => (await adapterFor(ctx)).shift(ctx, weight),
    metrics: async (ctx, windowSeconds) => (await adapterFor(ctx)).metrics(ctx, windowSeconds),
    weights: async (ctx) => (await adapterFor(ctx)).weights(ctx),
    teardown: async (ctx, side) => (await adapterFor(ctx)).teardown(ctx, side),
  };
}

function adapterOf(stored: StoredTarget, reference: { name: string; type?: StoredTarget["type"] }, deps: TrafficTargetDeps): TrafficTarget {
  if (reference.type && stored.type !== reference.type) {
    throw new TargetReferenceError(
      "TARGET_NOT_ALLOWED",
      "target",
      `Target ${stored.name} is a ${stored.type} target now, not the ${reference.type} target this rollout started with.`,
    );
  }
  if (stored.type === "webhook") {
    return createWebhookTarget(
      { name: stored.name, url: stored.url, allowPrivateNetwork: stored.allowPrivateNetwork, secret: stored.secret },
      { resolver: deps.resolver, clock: deps.clock, options: deps.webhook },
    );
  }
  const clients = deps.awsClients?.(stored.region);
  if (!clients) {
    throw new TargetConfigError(`Target ${stored.name} is a lambda-alias target, and this runtime has no Lambda and CloudWatch clients.`, {
      context: { target: stored.name },
    });
  }
  return createLambdaAliasTarget({ functionName: stored.functionName, alias: stored.alias }, { table: deps.table, ...clients, clock: deps.clock });
}

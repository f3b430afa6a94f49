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

/**
 * A registered target behind the port: the adapter is built per call from the stored
 * definition. Forward calls check that the deployment's spec and environment may still use
 * the target; the calls that undo (teardown, a shift back to 0) only need it to exist, so an
 * admin who narrows a target during a rollout stops it without stranding its rollback.
 */
function createRegisteredTarget(reference: { name: string; type?: StoredTarget["type"] }, deps: TrafficTargetDeps): TrafficTarget {
  const cache = new Map<string, Promise<TrafficTarget>>();
  const adapterFor = (ctx: TargetContext, purpose: "forward" | "undo"): Promise<TrafficTarget> => {
    const key = `${ctx.specId}/${ctx.environment}/${purpose}`;
    let adapter = cache.get(key);
    if (!adapter) {
      const use = { specId: ctx.specId, environment: ctx.environment, field: "target", checkUse: purpose === "forward" };
      adapter = resolveRegisteredTarget(deps.table, reference.name, use).then((stored) => adapterOf(stored, reference, deps));
      adapter.catch(() => cache.delete(key));
      cache.set(key, adapter);
    }
    return adapter;
  };
  return {
    type: reference.type ?? "webhook",
    prepare: async (ctx) => (await adapterFor(ctx, "forward")).prepare(ctx),
    health: async (ctx) => (await adapterFor(ctx, "forward")).health(ctx),
    validate: async (ctx, check) => (await adapterFor(ctx, "forward")).validate(ctx, check),
    shift: async (ctx, weight) => (await adapterFor(ctx, weight === 0 ? "undo" : "forward")).shift(ctx, weight),
    metrics: async (ctx, windowSeconds) => (await adapterFor(ctx, "forward")).metrics(ctx, windowSeconds),
    weights: async (ctx) => (await adapterFor(ctx, "forward")).weights(ctx),
    teardown: async (ctx, side) => (await adapterFor(ctx, "undo")).teardown(ctx, side),
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

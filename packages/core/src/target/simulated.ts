import type { SimulatedTargetSettings } from "../rollout/settings.js";
import type { TableContext } from "../store/index.js";
import { TargetError } from "./errors.js";
import type { TargetContext, TrafficTarget, TrafficWeights } from "./port.js";
import { readTargetState, updateTargetState } from "./state.js";

export type { SimulatedTargetSettings };

/** Synthetic metrics when the spec sets none: a healthy service. */
export const simulatedDefaults = { errorRate: 0.001, latencyP99Ms: 120, requestsPerSecond: 10 } as const;

/** One call the simulated target served, for tests and the local UI. */
export interface SimulatedCall {
  action: "prepare" | "shift" | "teardown";
  deploymentId: string;
  at: string;
  weight?: number;
  side?: "candidate" | "stable";
}

/** What the simulated service looks like now. */
export interface SimulatedTargetState {
  /** The version serving the stable side; null before the first deployment succeeded. */
  stableVersion: number | null;
  candidateVersion: number | null;
  /** Percent of traffic on the candidate; the rest is on stable. */
  candidateWeight: number;
  /** Versions brought up and not torn down. */
  prepared: number[];
  /** The last calls, oldest first (bounded). */
  calls: SimulatedCall[];
}

const maxCalls = 50;

function initial(ctx: TargetContext): SimulatedTargetState {
  return { stableVersion: ctx.stableVersion, candidateVersion: null, candidateWeight: 0, prepared: [], calls: [] };
}

const weightsOf = (state: SimulatedTargetState | undefined): TrafficWeights => ({
  stable: 100 - (state?.candidateWeight ?? 0),
  candidate: state?.candidateWeight ?? 0,
});

/** Reads the simulated target of (spec, environment): which version is stable and the weights. */
export async function readSimulatedTarget(
  table: TableContext,
  specId: string,
  environment: string,
): Promise<(SimulatedTargetState & { weights: TrafficWeights }) | undefined> {
  const state = await readTargetState<SimulatedTargetState>(table, "simulated", specId, environment);
  return state && { ...state, weights: weightsOf(state) };
}

/**
 * A traffic target with no service behind it: state lives in the table, health and
 * metrics are synthetic (`error_rate`, `latency_p99_ms` from the spec), and `fail_at`
 * makes one kind of call fail with a TargetError, to rehearse a rollback. A failing
 * `shift` fails only shifts towards the candidate: shifting back to stable is the
 * rollback being rehearsed. A failing `teardown` fails every teardown, which is how a
 * rollback that cannot complete (rollback_failed) is rehearsed.
 */
export function createSimulatedTarget(
  settings: SimulatedTargetSettings,
  deps: { table: TableContext; clock?: () => Date },
): TrafficTarget {
  const clock = deps.clock ?? (() => new Date());
  const fault = (kind: NonNullable<SimulatedTargetSettings["fail_at"]>, ctx: TargetContext) => {
    if (settings.fail_at === kind) {
      throw new TargetError(`Simulated ${kind} failure for ${ctx.specId} v${ctx.candidateVersion} (fail_at: ${kind}).`, {
        context: { target: "simulated", action: kind, specId: ctx.specId, environment: ctx.environment },
      });
    }
  };
  const update = (ctx: TargetContext, change: (state: SimulatedTargetState) => SimulatedTargetState, call?: Omit<SimulatedCall, "at" | "deploymentId">) => {
    const now = clock();
    return updateTargetState<SimulatedTargetState>(
      deps.table,
      "simulated",
      ctx.specId,
      ctx.environment,
      (current) => {
        const next = change(current ?? initial(ctx));
        if (!call) return next;
        const entry = { ...call, deploymentId: ctx.deploymentId, at: now.toISOString() };
        return { ...next, calls: [...next.calls, entry].slice(-maxCalls) };
      },
      now,
    );
  };
  const read = (ctx: TargetContext) => readTargetState<SimulatedTargetState>(deps.table, "simulated", ctx.specId, ctx.environment);

  return {
    type: "simulated",

    async prepare(ctx) {
      fault("prepare", ctx);
      await update(
        ctx,
        (state) => ({
          ...state,
          // The recorded candidate is what the environment runs now (its rollout succeeded but
          // the old side was never retired): it is the stable side, whatever the state says.
          ...(state.candidateVersion !== null && state.candidateVersion === ctx.stableVersion && state.candidateVersion !== ctx.candidateVersion
            ? { stableVersion: state.candidateVersion }
            : {}),
          // A different candidate than the one on record starts from zero traffic.
          candidateWeight: state.candidateVersion === ctx.candidateVersion ? state.candidateWeight : 0,
          candidateVersion: ctx.candidateVersion,
          prepared: state.prepared.includes(ctx.candidateVersion) ? state.prepared : [...state.prepared, ctx.candidateVersion],
        }),
        { action: "prepare" },
      );
    },

    async health(ctx) {
      fault("health_check", ctx);
      const state = await read(ctx);
      const up = state?.prepared.includes(ctx.candidateVersion) ?? false;
      return up ? { healthy: true } : { healthy: false, detail: `version ${ctx.candidateVersion} is not prepared` };
    },

    async validate(ctx, check) {
      const state = await read(ctx);
      const up = state?.prepared.includes(ctx.candidateVersion) ?? false;
      return up ? { passed: true, detail: `simulated ${check} passed` } : { passed: false, detail: `version ${ctx.candidateVersion} is not prepared` };
    },

    async shift(ctx, candidateWeight) {
      const weight = Math.min(100, Math.max(0, candidateWeight));
      const current = await read(ctx);
      if (weight > (current?.candidateWeight ?? 0)) fault("shift", ctx);
      const state = await update(
        ctx,
        (s) => {
          if (weight > 0 && !s.prepared.includes(ctx.candidateVersion)) {
            throw new TargetError(`Cannot route traffic to version ${ctx.candidateVersion}: it is not prepared.`);
          }
          return { ...s, candidateVersion: weight > 0 ? ctx.candidateVersion : s.candidateVersion, candidateWeight: weight };
        },
        { action: "shift", weight },
      );
      return weightsOf(state);
    },

    async metrics(ctx, windowSeconds) {
      const state = await read(ctx);
      const share = (state?.candidateWeight ?? 0) / 100;
      return {
        errorRate: settings.error_rate ?? simulatedDefaults.errorRate,
        latencyP99Ms: settings.latency_p99_ms ?? simulatedDefaults.latencyP99Ms,
        requests: Math.round(windowSeconds * simulatedDefaults.requestsPerSecond * share),
      };
    },

    async weights(ctx) {
      return weightsOf(await read(ctx));
    },

    async teardown(ctx, side) {
      fault("teardown", ctx);
      await update(
        ctx,
        (state) => {
          const remaining = (version: number | null) => state.prepared.filter((v) => v !== version || v === state.stableVersion);
          if (side === "candidate") {
            // Another rollout's candidate (or none) keeps its traffic: only this one goes.
            const mine = state.candidateVersion === null || state.candidateVersion === ctx.candidateVersion;
            return mine
              ? { ...state, candidateVersion: null, candidateWeight: 0, prepared: remaining(ctx.candidateVersion) }
              : { ...state, prepared: remaining(ctx.candidateVersion) };
          }
          // Already retired (a retried or late call, after the next candidate may have been
          // prepared), or a redeploy of the serving version: the serving version stays up.
          if (state.stableVersion === ctx.candidateVersion) {
            return state.candidateVersion === ctx.candidateVersion ? { ...state, candidateVersion: null, candidateWeight: 0 } : state;
          }
          // Retiring the old stable promotes the candidate: it now carries all traffic.
          return {
            ...state,
            stableVersion: ctx.candidateVersion,
            candidateVersion: null,
            candidateWeight: 0,
            prepared: state.prepared.filter((v) => v !== state.stableVersion),
          };
        },
        { action: "teardown", side },
      );
    },
  };
}

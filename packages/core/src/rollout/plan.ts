import type { EnvironmentPolicy } from "../policy/schema.js";
import { environmentPath, positionOnPath, readRolloutSettings } from "./environments.js";
import { allowedStrategy, prerequisites, withPolicyApproval, withPolicyRoles } from "./policy-floor.js";
import { planTarget } from "./plan-target.js";
import { durationSeconds, type RolloutSettings, type Strategy, type TargetSettings } from "./settings.js";

/**
 * The plan compiler: (spec version, environment, strategy) -> an ordered list of saga steps.
 * Pure. Every setting in the plan says where its value came from, so a reader of the plan
 * can tell the spec's own choices from Rollgate's defaults and the platform policy's floor.
 *
 * The effective rule is the stricter of the spec and the policy (DESIGN section 8): approval
 * if either asks, every role either lists, the spec's previous environment plus the
 * policy's `after`, auto-deploy only if both allow, and a strategy outside the policy's
 * `strategies` is a PolicyViolationError naming the field that chose it.
 */

/**
 * A spec path (`deployment.analysis.interval`), `default`, `request`, `policy`, `rollback`
 * (a rollback plan's fixed choice), or two of them joined by ` + ` when a value merges both
 * (`environments.production.approvers + policy`).
 */
export type ValueSource = string;

export interface Sourced<T> {
  value: T;
  source: ValueSource;
}

export type PlanStep =
  | { index: number; kind: "prepare" }
  | { index: number; kind: "health_check"; retries: number; intervalSeconds: number }
  | { index: number; kind: "validate"; check: string }
  | { index: number; kind: "approval"; gate: number; requiredRoles: string[]; timeoutSeconds: number }
  | { index: number; kind: "shift"; weight: number }
  | { index: number; kind: "bake"; seconds: number }
  | { index: number; kind: "analysis"; windowSeconds: number; recheckAfterSeconds: number }
  | { index: number; kind: "promote" }
  | { index: number; kind: "finalize" };

export type PlanStepKind = PlanStep["kind"];

type StepDraft = PlanStep extends infer S ? (S extends PlanStep ? Omit<S, "index"> : never) : never;

export interface PlanSettings {
  strategy: Sourced<Strategy>;
  healthCheckRetries: Sourced<number>;
  healthCheckIntervalSeconds: Sourced<number>;
  analysisIntervalSeconds: Sourced<number>;
  /** Failed analysis checks tolerated: reaching it rolls back (Flagger's `threshold`). */
  analysisThreshold: Sourced<number>;
  errorRateThreshold: Sourced<number>;
  latencyP99ThresholdMs: Sourced<number>;
  approvalRequired: Sourced<boolean>;
  /** Roles that must each approve; empty: one approval by anyone with the approve scope. */
  approvers: Sourced<string[]>;
  approvalTimeoutSeconds: Sourced<number>;
  rollbackTimeoutSeconds: Sourced<number>;
  autoDeploy: Sourced<boolean>;
  /** Environments the version must have succeeded in before this one (unless an admin forces). */
  prerequisites: Sourced<string[]>;
  target: Sourced<TargetSettings | null>;
  /** canary and rolling */
  firstWeight?: Sourced<number>;
  stepWeight?: Sourced<number>;
  maxWeight?: Sourced<number>;
  batches?: Sourced<number>;
  /** blue_green */
  validationChecks?: Sourced<string[]>;
  rollbackThresholdSeconds?: Sourced<number>;
}

export interface Plan {
  specId: string;
  version: number;
  environment: string;
  strategy: Strategy;
  /** `rollback`: restoring a previous version, fast path (no gate, no analysis). */
  purpose: "deploy" | "rollback";
  environmentPath: string[];
  settings: PlanSettings;
  /** The candidate weights the rollout steps through before 100. */
  weights: number[];
  steps: PlanStep[];
  /** Sum of the bakes (analysis windows) the plan waits through; approval waits not included. */
  minDurationSeconds: number;
}

export interface CompilePlanInput {
  specId: string;
  version: number;
  document: Record<string, unknown>;
  environment: string;
  strategy?: Strategy;
  /** The server's default promotion path, used when the spec has no `environments` map. */
  environmentsPath?: readonly string[];
  purpose?: "deploy" | "rollback";
  /** The platform policy for `environment`, if it has one: a floor the spec cannot lower. */
  policy?: EnvironmentPolicy;
}

/** Rollgate's defaults where the spec says nothing. */
export const planDefaults = {
  strategy: "canary" as Strategy,
  healthCheckRetries: 3,
  healthCheckIntervalSeconds: 10,
  analysisIntervalSeconds: 60,
  analysisThreshold: 5,
  errorRateThreshold: 0.01,
  latencyP99ThresholdMs: 500,
  stepWeight: 10,
  maxWeight: 50,
  batches: 4,
  validationChecks: [] as string[],
  rollbackThresholdSeconds: 300,
  approvalTimeoutSeconds: 86_400,
  rollbackTimeoutSeconds: 600,
  /** Post-switch analysis checks at most this many times, however long the window. */
  maxPostSwitchChecks: 20,
};

const from = <T>(value: T | undefined, source: ValueSource, fallback: T): Sourced<T> =>
  value === undefined ? { value: fallback, source: "default" } : { value, source };

/** Compiles the plan; throws UnknownEnvironmentError or InvalidRolloutSettingsError. */
export function compilePlan(input: CompilePlanInput): Plan {
  const spec = readRolloutSettings(input.document);
  const path = environmentPath(spec, input.environmentsPath);
  const { previous } = positionOnPath(path, input.environment);
  const purpose = input.purpose ?? "deploy";
  const settings = compileSettings(spec, input, purpose, previous);

  const drafts: StepDraft[] = [
    { kind: "prepare" },
    { kind: "health_check", retries: settings.healthCheckRetries.value, intervalSeconds: settings.healthCheckIntervalSeconds.value },
  ];
  const gate: StepDraft[] = settings.approvalRequired.value
    ? [{ kind: "approval", gate: 0, requiredRoles: settings.approvers.value, timeoutSeconds: settings.approvalTimeoutSeconds.value }]
    : [];
  let weights: number[] = [];
  if (purpose === "rollback") {
    drafts.push({ kind: "shift", weight: 100 });
  } else if (settings.strategy.value === "blue_green") {
    for (const check of settings.validationChecks?.value ?? []) drafts.push({ kind: "validate", check });
    drafts.push(...gate, { kind: "shift", weight: 100 }, ...postSwitchAnalysis(settings));
  } else {
    weights = canaryWeights(settings);
    const interval = settings.analysisIntervalSeconds.value;
    drafts.push(...gate);
    for (const weight of weights) {
      drafts.push(
        { kind: "shift", weight },
        { kind: "bake", seconds: interval },
        { kind: "analysis", windowSeconds: interval, recheckAfterSeconds: interval },
      );
    }
    drafts.push({ kind: "shift", weight: 100 });
  }
  drafts.push({ kind: "promote" }, { kind: "finalize" });

  const steps = drafts.map((draft, index) => ({ ...draft, index }) as PlanStep);
  return {
    specId: input.specId,
    version: input.version,
    environment: input.environment,
    strategy: settings.strategy.value,
    purpose,
    environmentPath: path,
    settings,
    weights,
    steps,
    minDurationSeconds: steps.reduce((sum, step) => sum + (step.kind === "bake" ? step.seconds : 0), 0),
  };
}

function compileSettings(spec: RolloutSettings, input: CompilePlanInput, purpose: "deploy" | "rollback", previous: string | undefined): PlanSettings {
  const deployment = spec.deployment ?? {};
  const guardrails = spec.guardrails?.deployment ?? {};
  const envPath = `environments.${input.environment}`;
  const env = spec.environments?.[input.environment] ?? {};
  const analysis = deployment.analysis ?? {};
  const criteria = deployment.canary?.success_criteria ?? {};
  const seconds = (value: Parameters<typeof durationSeconds>[0] | undefined) =>
    value === undefined ? undefined : durationSeconds(value);

  // `canary.enabled: false` turns the canary off: without a strategy that means blue-green
  // (next to `strategy: canary` the settings schema refuses it).
  const canaryOff = deployment.canary?.enabled === false;
  const chosen: Sourced<Strategy> =
    purpose === "rollback"
      ? { value: "blue_green", source: "rollback" }
      : input.strategy
        ? { value: input.strategy, source: "request" }
        : deployment.strategy === undefined && canaryOff
          ? { value: "blue_green", source: "deployment.canary.enabled" }
          : from(deployment.strategy, "deployment.strategy", planDefaults.strategy);
  // A rollback restores a version that passed the gates before: the policy does not hold it up.
  const policy = purpose === "deploy" ? (input.policy ?? {}) : {};
  const strategy = policy.strategies ? allowedStrategy(chosen, policy.strategies, input.environment) : chosen;

  const settings: PlanSettings = {
    strategy,
    healthCheckRetries: from(guardrails.health_check_retries, "guardrails.deployment.health_check_retries", planDefaults.healthCheckRetries),
    healthCheckIntervalSeconds: { value: planDefaults.healthCheckIntervalSeconds, source: "default" },
    analysisIntervalSeconds: from(seconds(analysis.interval), "deployment.analysis.interval", planDefaults.analysisIntervalSeconds),
    analysisThreshold: from(analysis.threshold, "deployment.analysis.threshold", planDefaults.analysisThreshold),
    errorRateThreshold: from(
      criteria.error_rate_threshold,
      "deployment.canary.success_criteria.error_rate_threshold",
      planDefaults.errorRateThreshold,
    ),
    latencyP99ThresholdMs: from(
      criteria.latency_p99_threshold,
      "deployment.canary.success_criteria.latency_p99_threshold",
      planDefaults.latencyP99ThresholdMs,
    ),
    approvalRequired: purpose === "rollback" ? { value: false, source: "rollback" } : withPolicyApproval(approvalRequired(spec, input.environment), policy),
    approvers: withPolicyRoles(from(env.approvers, `${envPath}.approvers`, [] as string[]), policy),
    approvalTimeoutSeconds: from(seconds(env.approval_timeout), `${envPath}.approval_timeout`, planDefaults.approvalTimeoutSeconds),
    rollbackTimeoutSeconds: from(
      guardrails.rollback_timeout_minutes === undefined ? undefined : Math.round(guardrails.rollback_timeout_minutes * 60),
      "guardrails.deployment.rollback_timeout_minutes",
      planDefaults.rollbackTimeoutSeconds,
    ),
    autoDeploy:
      env.auto_deploy === true && policy.autoDeploy === false
        ? { value: false, source: "policy" }
        : from(env.auto_deploy, `${envPath}.auto_deploy`, false),
    prerequisites: prerequisites(spec, policy, purpose, previous),
    target: planTarget(spec, input.environment),
  };
  if (purpose === "rollback") return settings;
  if (strategy.value === "blue_green") {
    settings.validationChecks = from(
      deployment.traffic_switching?.validation_checks,
      "deployment.traffic_switching.validation_checks",
      planDefaults.validationChecks,
    );
    settings.rollbackThresholdSeconds = from(
      deployment.traffic_switching?.rollback_threshold_seconds,
      "deployment.traffic_switching.rollback_threshold_seconds",
      planDefaults.rollbackThresholdSeconds,
    );
  } else if (strategy.value === "rolling") {
    settings.batches = from(deployment.rolling?.batches, "deployment.rolling.batches", planDefaults.batches);
  } else {
    settings.stepWeight = from(analysis.step_weight, "deployment.analysis.step_weight", planDefaults.stepWeight);
    settings.maxWeight = from(analysis.max_weight, "deployment.analysis.max_weight", planDefaults.maxWeight);
    settings.firstWeight = firstCanaryWeight(spec, settings.stepWeight);
  }
  return settings;
}

/** Required by the guardrail list (or `true`), or by the environment's own `requires_approval`. */
function approvalRequired(spec: RolloutSettings, environment: string): Sourced<boolean> {
  const listed = spec.guardrails?.deployment?.human_approval_required;
  const guardrailPath = "guardrails.deployment.human_approval_required";
  const own = spec.environments?.[environment]?.requires_approval;
  if (listed === true || (Array.isArray(listed) && listed.includes(environment))) return { value: true, source: guardrailPath };
  if (own !== undefined) return { value: own, source: `environments.${environment}.requires_approval` };
  if (listed !== undefined) return { value: false, source: guardrailPath };
  return { value: false, source: "default" };
}

/** The candidate entry of `traffic_split` (named candidate/canary/new, else the last of several). */
function firstCanaryWeight(spec: RolloutSettings, stepWeight: Sourced<number>): Sourced<number> {
  const split = spec.deployment?.canary?.traffic_split;
  if (!split) return stepWeight;
  let index = split.findIndex((entry) => ["candidate", "canary", "new"].includes(entry.version));
  if (index < 0 && split.length > 1) index = split.length - 1;
  const entry = split[index];
  if (!entry || entry.percentage <= 0) return stepWeight;
  return { value: entry.percentage, source: `deployment.canary.traffic_split[${index}].percentage` };
}

function canaryWeights(settings: PlanSettings): number[] {
  if (settings.batches) {
    const batches = settings.batches.value;
    return Array.from({ length: batches - 1 }, (_, i) => Math.round((100 * (i + 1)) / batches));
  }
  const first = settings.firstWeight?.value ?? planDefaults.stepWeight;
  const step = settings.stepWeight?.value ?? planDefaults.stepWeight;
  const max = settings.maxWeight?.value ?? planDefaults.maxWeight;
  if (first >= 100) return [];
  const weights = [first];
  for (let weight = first + step; weight <= max && weight < 100; weight += step) weights.push(weight);
  return weights;
}

/** Blue-green: checks spread over `rollback_threshold_seconds` after the switch. */
function postSwitchAnalysis(settings: PlanSettings): StepDraft[] {
  const window = settings.rollbackThresholdSeconds?.value ?? 0;
  if (window <= 0) return [];
  const interval = Math.max(1, settings.analysisIntervalSeconds.value);
  const checks = Math.min(planDefaults.maxPostSwitchChecks, Math.max(1, Math.ceil(window / interval)));
  const bake = Math.ceil(window / checks);
  return Array.from({ length: checks }, () => [
    { kind: "bake" as const, seconds: bake },
    { kind: "analysis" as const, windowSeconds: bake, recheckAfterSeconds: bake },
  ]).flat();
}

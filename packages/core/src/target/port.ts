/**
 * The traffic-target port: what a rollout does to the running service. Every call is
 * idempotent (Step Functions retries, and compensation may repeat) and weights are
 * absolute, so replaying a call never moves traffic further than intended.
 */
export interface TargetContext {
  specId: string;
  environment: string;
  deploymentId: string;
  /** The version being rolled out. */
  candidateVersion: number;
  /** The version serving now; null on a first deployment. */
  stableVersion: number | null;
}

export interface TargetMetrics {
  /** Fraction of failed requests, 0..1. */
  errorRate: number;
  latencyP99Ms: number;
  requests?: number;
}

export interface TrafficWeights {
  stable: number;
  candidate: number;
}

export interface TrafficTarget {
  readonly type: "simulated" | "webhook" | "lambda-alias";
  /** Bring up the candidate side (green, or the canary) without traffic. */
  prepare(ctx: TargetContext): Promise<void>;
  health(ctx: TargetContext): Promise<{ healthy: boolean; detail?: string }>;
  /** A named validation check (`smoke_tests`, ...). */
  validate(ctx: TargetContext, check: string): Promise<{ passed: boolean; detail?: string }>;
  /** Route `candidateWeight` percent to the candidate and the rest to stable. */
  shift(ctx: TargetContext, candidateWeight: number): Promise<TrafficWeights>;
  metrics(ctx: TargetContext, windowSeconds: number): Promise<TargetMetrics>;
  weights(ctx: TargetContext): Promise<TrafficWeights>;
  /** Remove a side: the candidate after a rollback, the old stable after success. */
  teardown(ctx: TargetContext, side: "candidate" | "stable"): Promise<void>;
}

import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  compilePlan,
  describePlan,
  InvalidRolloutSettingsError,
  planDefaults,
  UnknownEnvironmentError,
  type CompilePlanInput,
  type Plan,
} from "@rollgate/core/rollout";
import { PolicyViolationError } from "@rollgate/core/policy";
import { loadTestFixture } from "../helpers/fixtures.js";

/** The DESIGN.md example, parsed fresh for each test. */
const designExample = () => parse(loadTestFixture("rollout/design-example.yaml")) as Record<string, unknown>;

const compile = (input: Partial<CompilePlanInput> & Pick<CompilePlanInput, "environment">): Plan =>
  compilePlan({ specId: "design-example", version: 7, document: designExample(), environmentsPath: ["dev", "staging", "production"], ...input });

const kinds = (plan: Plan) => plan.steps.map((s) => s.kind);

describe("plan compiler: blue-green, the DESIGN.md example to production", () => {
  const plan = compile({ environment: "production" });

  it("prepares green, checks health, validates, waits for approval, switches, analyses, then finalizes", () => {
    expect(plan.strategy).toBe("blue_green");
    expect(kinds(plan)).toEqual([
      "prepare",
      "health_check",
      "validate",
      "validate",
      "validate",
      "approval",
      "shift",
      ...Array.from({ length: 10 }, () => ["bake", "analysis"]).flat(),
      "promote",
      "finalize",
    ]);
    expect(plan.steps.filter((s) => s.kind === "validate").map((s) => (s.kind === "validate" ? s.check : ""))).toEqual([
      "health_check",
      "smoke_tests",
      "performance_baseline",
    ]);
    expect(plan.steps.find((s) => s.kind === "shift")).toMatchObject({ weight: 100 });
  });

  it("gives every step a stable index equal to its position", () => {
    expect(plan.steps.map((s) => s.index)).toEqual(plan.steps.map((_, i) => i));
    expect(compile({ environment: "production" }).steps).toEqual(plan.steps);
  });

  it("requires both approver roles and records where each value came from", () => {
    expect(plan.steps.find((s) => s.kind === "approval")).toMatchObject({
      requiredRoles: ["tech-lead", "product-owner"],
      timeoutSeconds: planDefaults.approvalTimeoutSeconds,
    });
    expect(plan.settings).toMatchObject({
      strategy: { value: "blue_green", source: "deployment.strategy" },
      approvalRequired: { value: true, source: "guardrails.deployment.human_approval_required" },
      approvers: { value: ["tech-lead", "product-owner"], source: "environments.production.approvers" },
      approvalTimeoutSeconds: { value: 86_400, source: "default" },
      healthCheckRetries: { value: 3, source: "guardrails.deployment.health_check_retries" },
      healthCheckIntervalSeconds: { source: "default" },
      analysisIntervalSeconds: { value: 30, source: "deployment.analysis.interval" },
      analysisThreshold: { value: 5, source: "deployment.analysis.threshold" },
      errorRateThreshold: { value: 0.01, source: "deployment.canary.success_criteria.error_rate_threshold" },
      latencyP99ThresholdMs: { value: 500, source: "deployment.canary.success_criteria.latency_p99_threshold" },
      validationChecks: { source: "deployment.traffic_switching.validation_checks" },
      rollbackThresholdSeconds: { value: 300, source: "deployment.traffic_switching.rollback_threshold_seconds" },
      rollbackTimeoutSeconds: { value: 300, source: "guardrails.deployment.rollback_timeout_minutes" },
      autoDeploy: { value: false, source: "environments.production.auto_deploy" },
      target: { value: null, source: "default" },
    });
  });

  it("analyses after the switch for rollback_threshold_seconds, at the analysis interval", () => {
    const bakes = plan.steps.filter((s) => s.kind === "bake");
    expect(bakes).toHaveLength(10);
    expect(bakes.every((s) => s.kind === "bake" && s.seconds === 30)).toBe(true);
    expect(plan.minDurationSeconds).toBe(300);
  });

  it("describes the plan for a human, one line per step", () => {
    const lines = describePlan(plan);
    expect(lines).toHaveLength(plan.steps.length + 1);
    expect(lines[5]).toBe("6. approval gate: tech-lead + product-owner (times out after 24h)");
    expect(lines.at(-1)).toContain("at least 5m");
  });
});

describe("plan compiler: canary", () => {
  it("starts at the candidate's traffic_split percentage and steps by step_weight up to max_weight", () => {
    const plan = compile({ environment: "staging", strategy: "canary" });
    expect(plan.settings.strategy).toEqual({ value: "canary", source: "request" });
    expect(plan.weights).toEqual([10, 20, 30, 40, 50]);
    expect(plan.settings.firstWeight).toEqual({ value: 10, source: "deployment.canary.traffic_split[1].percentage" });
    expect(plan.settings.stepWeight).toEqual({ value: 10, source: "deployment.analysis.step_weight" });
    expect(plan.settings.maxWeight).toEqual({ value: 50, source: "deployment.analysis.max_weight" });
    expect(kinds(plan)).toEqual([
      "prepare",
      "health_check",
      ...[10, 20, 30, 40, 50].flatMap(() => ["shift", "bake", "analysis"]),
      "shift",
      "promote",
      "finalize",
    ]);
    expect(plan.steps.filter((s) => s.kind === "shift").map((s) => (s.kind === "shift" ? s.weight : 0))).toEqual([10, 20, 30, 40, 50, 100]);
    expect(plan.minDurationSeconds).toBe(5 * 30);
  });

  it("has no gate where the environment says requires_approval: false, and says so", () => {
    const plan = compile({ environment: "staging", strategy: "canary" });
    expect(kinds(plan)).not.toContain("approval");
    expect(plan.settings.approvalRequired).toEqual({ value: false, source: "environments.staging.requires_approval" });
    expect(plan.settings.autoDeploy).toEqual({ value: true, source: "environments.staging.auto_deploy" });
  });

  it("puts the approval gate after the health check and before the first shift", () => {
    const plan = compile({ environment: "production", strategy: "canary" });
    expect(kinds(plan).slice(0, 4)).toEqual(["prepare", "health_check", "approval", "shift"]);
  });

  it("fills every value from defaults for a spec that says nothing", () => {
    const plan = compilePlan({ specId: "bare", version: 1, document: { id: "bare" }, environment: "dev" });
    expect(plan.environmentPath).toEqual(["dev", "staging", "production"]);
    expect(plan.strategy).toBe("canary");
    expect(plan.weights).toEqual([10, 20, 30, 40, 50]);
    expect(plan.minDurationSeconds).toBe(5 * planDefaults.analysisIntervalSeconds);
    const sources = Object.values(plan.settings).map((s) => s.source);
    expect(new Set(sources)).toEqual(new Set(["default"]));
  });

  it("uses the server's default path when the spec has no environments map", () => {
    const plan = compilePlan({ specId: "bare", version: 1, document: {}, environment: "qa", environmentsPath: ["qa", "live"] });
    expect(plan.environmentPath).toEqual(["qa", "live"]);
  });
});

describe("plan compiler: rolling", () => {
  it("runs as a canary with one step per batch", () => {
    const document = { deployment: { strategy: "rolling", rolling: { batches: 4 }, analysis: { interval: "1m" } } };
    const plan = compilePlan({ specId: "r", version: 1, document, environment: "dev" });
    expect(plan.strategy).toBe("rolling");
    expect(plan.settings.batches).toEqual({ value: 4, source: "deployment.rolling.batches" });
    expect(plan.weights).toEqual([25, 50, 75]);
    expect(plan.steps.filter((s) => s.kind === "shift").map((s) => (s.kind === "shift" ? s.weight : 0))).toEqual([25, 50, 75, 100]);
    expect(plan.minDurationSeconds).toBe(3 * 60);
  });
});

describe("plan compiler: approvals and rollbacks", () => {
  it("gates every environment when human_approval_required is true", () => {
    const document = { guardrails: { deployment: { human_approval_required: true } } };
    for (const environment of ["dev", "staging", "production"]) {
      const plan = compilePlan({ specId: "g", version: 1, document, environment });
      expect(plan.settings.approvalRequired.value).toBe(true);
      expect(plan.steps.find((s) => s.kind === "approval")).toMatchObject({ requiredRoles: [] });
    }
  });

  it("compiles a rollback plan as a fast switch with no gate and no analysis", () => {
    const plan = compile({ environment: "production", purpose: "rollback" });
    expect(kinds(plan)).toEqual(["prepare", "health_check", "shift", "promote", "finalize"]);
    expect(plan.settings.approvalRequired).toEqual({ value: false, source: "rollback" });
    expect(plan.minDurationSeconds).toBe(0);
  });
});

describe("plan compiler: refusals", () => {
  it("refuses an environment that is not on the promotion path", () => {
    expect(() => compile({ environment: "dev" })).toThrow(UnknownEnvironmentError);
  });

  it("refuses rollout settings that do not type-check, naming the path", () => {
    const document = designExample() as { deployment: { canary: { traffic_split: { percentage: number }[] } } };
    document.deployment.canary.traffic_split[1]!.percentage = 120;
    try {
      compilePlan({ specId: "x", version: 1, document, environment: "staging" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRolloutSettingsError);
      expect((error as InvalidRolloutSettingsError).errors[0]?.path).toBe("deployment.canary.traffic_split.1.percentage");
    }
  });
});

describe("canary.enabled: false", () => {
  const base = { ospec_version: "1.0.0", id: "x", name: "x", outcome_type: "api" };
  it("without a strategy, means blue-green, and says so", () => {
    const plan = compilePlan({ specId: "x", version: 1, environment: "dev", document: { ...base, deployment: { canary: { enabled: false } } } });
    expect(plan.settings.strategy).toEqual({ value: "blue_green", source: "deployment.canary.enabled" });
    expect(plan.steps.some((s) => s.kind === "bake")).toBe(true);
    expect(plan.steps.filter((s) => s.kind === "shift").map((s) => (s as { weight: number }).weight)).toEqual([100]);
  });

  it("next to strategy: canary, is a contradiction named by its path", () => {
    const document = { ...base, deployment: { strategy: "canary", canary: { enabled: false } } };
    expect(() => compilePlan({ specId: "x", version: 1, environment: "dev", document })).toThrow(
      expect.objectContaining({ code: "INVALID_ROLLOUT_SETTINGS", errors: [expect.objectContaining({ path: "deployment.canary.enabled" })] }),
    );
  });
});

describe("plan compiler: the platform policy is a floor (the stricter of spec and policy)", () => {
  it("without a policy (or with an empty one) compiles exactly as before", () => {
    for (const environment of ["staging", "production"]) {
      expect(compile({ environment, policy: {} })).toEqual(compile({ environment }));
    }
  });

  it("requires approval when the policy asks, although the spec says requires_approval: false, with the policy's roles", () => {
    const plan = compile({ environment: "staging", policy: { requiresApproval: true, approvers: ["release-manager"] } });
    expect(plan.settings.approvalRequired).toEqual({ value: true, source: "policy" });
    expect(plan.settings.approvers).toEqual({ value: ["release-manager"], source: "policy" });
    expect(plan.steps.find((s) => s.kind === "approval")).toMatchObject({ requiredRoles: ["release-manager"] });
    // Listing roles is asking for approval.
    expect(compile({ environment: "staging", policy: { approvers: ["sre"] } }).settings.approvalRequired.value).toBe(true);
  });

  it("cannot lower the spec: requiresApproval false and autoDeploy true add nothing, roles are a union", () => {
    const plan = compile({ environment: "production", policy: { requiresApproval: false, autoDeploy: true, approvers: ["tech-lead", "sre"] } });
    expect(plan.settings.approvalRequired).toEqual({ value: true, source: "guardrails.deployment.human_approval_required" });
    expect(plan.settings.approvers).toEqual({ value: ["tech-lead", "product-owner", "sre"], source: "environments.production.approvers + policy" });
    expect(plan.settings.autoDeploy).toEqual({ value: false, source: "environments.production.auto_deploy" });
  });

  it("auto-deploys only if both allow", () => {
    expect(compile({ environment: "staging" }).settings.autoDeploy).toEqual({ value: true, source: "environments.staging.auto_deploy" });
    expect(compile({ environment: "staging", policy: { autoDeploy: false } }).settings.autoDeploy).toEqual({ value: false, source: "policy" });
  });

  it("prerequisites: the spec's previous environment plus the policy's after", () => {
    expect(compile({ environment: "staging" }).settings.prerequisites).toEqual({ value: [], source: "default" });
    expect(compile({ environment: "production" }).settings.prerequisites).toEqual({ value: ["staging"], source: "environments" });
    expect(compile({ environment: "production", policy: { after: ["staging", "qa"] } }).settings.prerequisites).toEqual({
      value: ["staging", "qa"],
      source: "environments + policy",
    });
    expect(compile({ environment: "staging", policy: { after: ["dev"] } }).settings.prerequisites).toEqual({ value: ["dev"], source: "policy" });
  });

  it("a strategy outside `strategies` is a POLICY_VIOLATION naming the field that chose it", () => {
    const policy = { strategies: ["canary" as const] };
    const fromSpec = () => compile({ environment: "production", policy });
    expect(fromSpec).toThrow(PolicyViolationError);
    expect(() => fromSpec()).toThrow(expect.objectContaining({ code: "POLICY_VIOLATION", errors: [{ path: "deployment.strategy", message: "is blue_green; production allows canary" }] }));
    expect(() => compile({ environment: "production", strategy: "rolling", policy })).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ path: "strategy" })] }));
    expect(compile({ environment: "production", strategy: "canary", policy }).settings.strategy).toEqual({ value: "canary", source: "request" });
    // Rollbacks restore a version that passed the gates already: the policy does not hold them up.
    const rollback = compile({ environment: "production", purpose: "rollback", policy: { ...policy, requiresApproval: true } });
    expect(rollback.settings.approvalRequired).toEqual({ value: false, source: "rollback" });
  });

  it("a default strategy the policy does not allow gives way to the policy's first choice", () => {
    const plan = compilePlan({ specId: "bare", version: 1, document: {}, environment: "dev", policy: { strategies: ["blue_green", "rolling"] } });
    expect(plan.settings.strategy).toEqual({ value: "blue_green", source: "policy" });
    expect(plan.steps.some((s) => s.kind === "shift" && s.weight === 100)).toBe(true);
  });
});

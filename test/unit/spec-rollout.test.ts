import { describe, expect, it } from "vitest";
import { parseSpecText, readSpec, SpecValidationError, validateSpec } from "@rollgate/core/spec";
import { loadOspecFixture, loadTestFixture } from "../helpers/fixtures.js";

function rejection(text: string, mode: "lenient" | "strict"): SpecValidationError {
  try {
    readSpec(text, { format: "auto", mode });
  } catch (error) {
    if (error instanceof SpecValidationError) return error;
    throw error;
  }
  throw new Error("expected a SpecValidationError");
}

describe("rollout settings are checked strictly in every mode", () => {
  const text = loadTestFixture("spec/rollout-bad.yaml");

  it("wrong values under deployment, environments and guardrails.deployment are errors even in lenient mode", () => {
    const error = rejection(text, "lenient");
    expect(error.errors.map(({ path, line, column }) => ({ path, line, column }))).toEqual([
      { path: "deployment.strategy", line: 6, column: 3 },
      { path: "deployment.canary.traffic_split[1].percentage", line: 14, column: 9 },
      { path: "deployment.canary.traffic_split", line: 10, column: 5 },
      { path: "deployment.analysis.interval", line: 16, column: 5 },
      { path: "environments.production.requires_approval", line: 23, column: 5 },
    ]);
    expect(error.errors[0]!.message).toBe('expected one of "blue_green", "canary", "rolling", got "blue-grean"');
    expect(error.errors[1]!.message).toBe("must be at most 100, got 120");
    expect(error.errors[2]!.message).toBe("percentages must add up to 100");
    expect(error.errors[3]!.message).toContain('"30s"');
  });

  it("JSON text gets positions too", () => {
    const json = '{\n  "ospec_version": "1.0.0", "id": "a", "name": "A", "outcome_type": "api",\n  "deployment": {\n    "strategy": "blue-grean"\n  }\n}';
    expect(rejection(json, "lenient").errors).toEqual([
      { path: "deployment.strategy", message: expect.stringContaining("blue-grean"), line: 4, column: 5 },
    ]);
  });

  it("the same errors in strict mode", () => {
    const strictPaths = rejection(text, "strict").errors.map((issue) => issue.path);
    expect(strictPaths).toEqual(expect.arrayContaining(["deployment.strategy", "deployment.canary.traffic_split[1].percentage", "deployment.analysis.interval"]));
  });

  it("keys Rollgate does not act on are warnings, with a did-you-mean for near misses", () => {
    const warnings = rejection(text, "lenient").warnings.filter((issue) => issue.message.startsWith("not used by Rollgate"));
    expect(warnings.map(({ path, message, line }) => ({ path, message, line }))).toEqual([
      { path: "deployment.stratgy", message: "not used by Rollgate (did you mean `strategy`?)", line: 7 },
      { path: "deployment.orchestrator", message: "not used by Rollgate", line: 8 },
      { path: "deployment.analysis.step_weigth", message: "not used by Rollgate (did you mean `step_weight`?)", line: 17 },
      { path: "environments.staging.stack", message: "not used by Rollgate", line: 21 },
      { path: "guardrails.deployment.health_check_retires", message: "not used by Rollgate (did you mean `health_check_retries`?)", line: 28 },
    ]);
  });

  it("unknown keys alone do not reject a document, and are kept", () => {
    const read = readSpec(
      ["ospec_version: 1.0.0", "id: a", "name: A", "outcome_type: api", "deployment:", "  orchestrator: argo", "  strategy: canary"].join("\n"),
      { format: "yaml", mode: "lenient" },
    );
    expect(read.document.deployment).toEqual({ orchestrator: "argo", strategy: "canary" });
    expect(read.warnings).toContainEqual({ path: "deployment.orchestrator", message: "not used by Rollgate", line: 6, column: 3 });
  });

  it("the settings as DESIGN.md writes them give no rollout errors and no 'not used' warnings", () => {
    const { document } = parseSpecText(loadTestFixture("spec/rollout-good.yaml"), "yaml");
    const result = validateSpec(document, "lenient");
    expect(result.errors).toEqual([]);
    expect(result.warnings.filter((issue) => issue.message.startsWith("not used"))).toEqual([]);
  });

  it("real documents' own deployment shapes are warnings, not errors", () => {
    const cases: [string, string][] = [
      ["examples_ml-pipeline.yaml", "deployment.environments"], // a map of its own
      ["examples_game-project.yaml", "deployment.environments"],
      ["examples_infrastructure-project.yaml", "deployment.pipeline_stages"],
    ];
    for (const [name, path] of cases) {
      const read = readSpec(loadOspecFixture(name), { format: "auto", mode: "lenient" });
      expect(read.warnings).toContainEqual(expect.objectContaining({ path, message: "not used by Rollgate" }));
    }
    // admin-dashboard's deployment.environments is a list: still no rollout error (its errors are id/name).
    const { document } = parseSpecText(loadOspecFixture("examples_admin-dashboard.yaml"), "yaml");
    expect(validateSpec(document, "lenient").errors.every((issue) => !issue.path.startsWith("deployment"))).toBe(true);
  });

  it("a guardrails section that is not a map is the schema's business, not a rollout error", () => {
    const base = { ospec_version: "1.0.0", id: "a", name: "A", outcome_type: "api" };
    expect(validateSpec({ ...base, guardrails: ["lint"] }, "lenient").valid).toBe(true);
    expect(validateSpec({ ...base, guardrails: { deployment: "yes" } }, "lenient").errors).toEqual([
      { path: "guardrails.deployment", message: 'expected a map, got "yes"' },
    ]);
    expect(validateSpec({ ...base, environments: ["staging"] }, "lenient").errors.map((issue) => issue.path)).toEqual(["environments"]);
  });
});

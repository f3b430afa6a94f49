import jsonPatch, { type Operation } from "fast-json-patch";
import { describe, expect, it } from "vitest";
import { diffSpecs, parseSpecText } from "@rollgate/core/spec";
import { loadOspecFixture, loadTestFixture, ospecFixtureNames } from "../helpers/fixtures.js";

function applied(from: Record<string, unknown>, patch: unknown[]): unknown {
  return jsonPatch.applyPatch(structuredClone(from), patch as Operation[], true, false).newDocument;
}

const base = parseSpecText(loadTestFixture("spec/rollout-good.yaml"), "yaml").document;

describe("diffSpecs", () => {
  it("gives a patch that turns A into B, and lists the rollout changes with a summary", () => {
    const next = structuredClone(base) as any;
    next.deployment.strategy = "blue_green";
    next.deployment.canary.traffic_split[1].percentage = 20;
    next.deployment.canary.traffic_split[0].percentage = 80;
    delete next.deployment.analysis;
    next.environments.production.approvers.push("sre");
    next.description = "The checkout service, now blue-green";
    const diff = diffSpecs(base, next);
    expect(applied(base, diff.patch)).toEqual(next);
    expect(diff.rolloutChanges).toEqual(
      expect.arrayContaining([
        { path: "deployment.strategy", op: "replace", from: "canary", to: "blue_green" },
        { path: "deployment.canary.traffic_split[1].percentage", op: "replace", from: 10, to: 20 },
        { path: "deployment.analysis", op: "remove", from: { interval: "30s", threshold: 5, step_weight: 10, max_weight: 50 } },
        { path: "environments.production.approvers[2]", op: "add", to: "sre" },
      ]),
    );
    expect(diff.rolloutChanges).toHaveLength(5);
    expect(diff.rolloutChanges.map((change) => change.path)).not.toContain("description");
    expect(diff.summary).toContain("deployment.strategy: canary -> blue_green");
    expect(diff.summary).toContain("environments.production.approvers[2]: added sre");
    expect(diff.summary.at(-1)).toBe("1 other change outside the rollout settings (description)");
  });

  it("has no rollout changes when only other sections change", () => {
    const next = { ...structuredClone(base), description: "Another description", tags: ["x"] };
    const diff = diffSpecs(base, next);
    expect(diff.patch).toHaveLength(2);
    expect(diff.rolloutChanges).toEqual([]);
    expect(applied(base, diff.patch)).toEqual(next);
  });

  it("sees guardrails.deployment when guardrails comes or goes as a whole, and ignores other guardrails", () => {
    const { guardrails, ...withoutGuardrails } = structuredClone(base) as any;
    const added = diffSpecs(withoutGuardrails, base);
    expect(added.rolloutChanges).toEqual([{ path: "guardrails.deployment", op: "add", to: guardrails.deployment }]);
    const lint = diffSpecs(base, { ...structuredClone(base), guardrails: { ...guardrails, lint: true } });
    expect(lint.rolloutChanges).toEqual([]);
  });

  it("is empty for equal documents", () => {
    expect(diffSpecs(base, structuredClone(base))).toEqual({ patch: [], rolloutChanges: [], summary: [] });
  });

  it("patches between real fixtures apply", () => {
    const documents = ospecFixtureNames()
      .filter((name) => name !== "examples_cli-tool.yaml")
      .map((name) => parseSpecText(loadOspecFixture(name), "yaml").document);
    for (let i = 0; i + 1 < documents.length; i++) {
      const [from, to] = [documents[i]!, documents[i + 1]!];
      const diff = diffSpecs(from, to);
      expect(applied(from, diff.patch)).toEqual(to);
      for (const change of diff.rolloutChanges) expect(change.path).toMatch(/^(deployment|environments|guardrails\.deployment)\b/);
    }
  });
});

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

describe("diffSpecs: changes that loosen a guardrail are marked loosens: true", () => {
  const loosened = (next: Record<string, unknown>) => diffSpecs(base, next).rolloutChanges.filter((c) => c.loosens);

  it("requires_approval set false (or removed) loosens; set true does not", () => {
    const next = structuredClone(base) as any;
    next.environments.production.requires_approval = false;
    expect(loosened(next)).toEqual([
      { path: "environments.production.requires_approval", op: "replace", from: true, to: false, loosens: true, why: "requires_approval of production is no longer true" },
    ]);
    delete next.environments.production.requires_approval;
    expect(loosened(next).map((c) => c.path)).toEqual(["environments.production.requires_approval"]);
    const tighter = structuredClone(base) as any;
    tighter.environments.staging.requires_approval = true;
    expect(loosened(tighter)).toEqual([]);
    expect(diffSpecs(base, tighter).rolloutChanges).toHaveLength(1);
  });

  it("approval removed from an environment: every change that does it loosens, unrelated ones in the same environment do not", () => {
    const next = structuredClone(base) as any;
    next.guardrails.deployment.human_approval_required = [];
    next.environments.production.requires_approval = false;
    next.environments.production.auto_deploy = true;
    const diff = diffSpecs(base, next);
    expect(diff.rolloutChanges.filter((c) => c.loosens).map((c) => c.path).sort()).toEqual([
      "environments.production.requires_approval",
      "guardrails.deployment.human_approval_required[0]",
    ]);
    const guardrail = diff.rolloutChanges.find((c) => c.path.startsWith("guardrails"))!;
    expect(guardrail.why).toContain("production no longer requires approval");
    expect(guardrail.why).toContain("human_approval_required no longer lists production");
    expect(diff.rolloutChanges.find((c) => c.path === "environments.production.auto_deploy")).not.toHaveProperty("loosens");
    expect(diff.summary.find((line) => line.startsWith("environments.production.requires_approval"))).toContain("[loosens: production no longer requires approval]");
  });

  it("an approver role removed loosens (however the patch spells it); one added does not", () => {
    const next = structuredClone(base) as any;
    next.environments.production.approvers = ["product-owner"];
    const changes = loosened(next);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.path.startsWith("environments.production.approvers") && c.why === "approver role tech-lead removed from production")).toBe(true);
    const more = structuredClone(base) as any;
    more.environments.production.approvers.push("sre");
    expect(loosened(more)).toEqual([]);
  });

  it("the promotion order changed: a change of its own, since a key reorder is no JSON Patch operation", () => {
    const next = structuredClone(base) as any;
    next.environments = { production: next.environments.production, staging: next.environments.staging };
    const diff = diffSpecs(base, next);
    expect(diff.patch).toEqual([]);
    expect(diff.rolloutChanges).toEqual([
      {
        path: "environments",
        op: "replace",
        from: ["staging", "production"],
        to: ["production", "staging"],
        loosens: true,
        why: "the promotion order changed: staging -> production became production -> staging",
      },
    ]);
    expect(diff.summary).toEqual([
      'environments: ["staging","production"] -> ["production","staging"] [loosens: the promotion order changed: staging -> production became production -> staging]',
    ]);
  });

  it("an environment dropped from the path loosens; one inserted does not", () => {
    const next = structuredClone(base) as any;
    delete next.environments.staging;
    expect(loosened(next)).toEqual([
      expect.objectContaining({ path: "environments.staging", op: "remove", loosens: true, why: "staging removed from the promotion path" }),
    ]);
    const longer = structuredClone(base) as any;
    longer.environments = { dev: {}, ...longer.environments };
    expect(loosened(longer)).toEqual([]);
  });

  it("human_approval_required: true narrowed to a list loosens", () => {
    const from = { ...structuredClone(base), guardrails: { deployment: { human_approval_required: true } } } as any;
    const to = { ...structuredClone(base), guardrails: { deployment: { human_approval_required: ["production"] } } } as any;
    const [change] = diffSpecs(from, to).rolloutChanges;
    expect(change).toMatchObject({ path: "guardrails.deployment.human_approval_required", loosens: true });
    expect(change!.why).toContain("human_approval_required no longer lists true (every environment)");
  });
});

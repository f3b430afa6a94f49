import { describe, expect, it } from "vitest";
import type { Deployment, DeploymentEvent, Plan } from "@rollgate/client";
import { createLiveView, liveFrame } from "../../packages/cli/src/live.js";

/** The terminal view of `--wait` (the CLI tests run without a TTY, where it never appears). */
const plan = {
  specId: "payments-api",
  version: 2,
  environment: "dev",
  strategy: "canary",
  purpose: "deploy",
  environmentPath: ["dev"],
  settings: {},
  weights: [50, 100],
  steps: [
    { index: 0, kind: "prepare" },
    { index: 1, kind: "shift", weight: 50 },
    { index: 2, kind: "bake", seconds: 5 },
  ],
  minDurationSeconds: 5,
} as Plan;

let seq = 0;
const event = (type: string, data: Record<string, unknown>) =>
  ({ id: `d:${++seq}`, seq, type, at: "2026-12-02T00:00:0" + seq + "Z", deploymentId: "d", data }) as unknown as DeploymentEvent;

describe("the live step list", () => {
  it("marks done, current and pending steps, with the latest event under them", () => {
    const events = [
      event("deployment.analysis_completed", { step: 0, passed: true, failedChecks: 0, threshold: 1 }),
      event("deployment.step_started", { step: 1, kind: "shift" }),
    ];
    expect(liveFrame(plan, events)).toEqual([
      "payments-api v2 -> dev (canary)",
      "  ✓ 1. prepare candidate",
      "  > 2. shift 50%",
      "    3. bake 5s",
      "  00:00:02 step 2/3 shift 50%: started",
    ]);
  });

  it("redraws the block in place: back to its first line, cleared, drawn again", () => {
    let out = "";
    const view = createLiveView((text) => void (out += text));
    const deployment = { plan } as Deployment;
    view.event(event("deployment.step_started", { step: 0, kind: "prepare" }), deployment);
    expect(out).not.toContain("\u001b");
    const first = out;
    view.event(event("deployment.step_failed", { step: 0, code: "TARGET_ERROR", message: "boom\n::error::x" }), deployment);
    expect(out.slice(first.length)).toMatch(/^\u001b\[5F\u001b\[J/);
    expect(out).toContain("  ✗ 1. prepare candidate");
    expect(out).toContain("boom\\n::error::x");
  });
});

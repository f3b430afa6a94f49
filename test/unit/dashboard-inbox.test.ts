import { describe, expect, it } from "vitest";
import type { Principal } from "@rollgate/core/auth";
import { gateAwaiting } from "@rollgate/core/dashboard";
import type { ApprovalGate } from "@rollgate/core/rollout";

const now = new Date("2026-12-01T12:00:00Z");
const gate = (over: Partial<ApprovalGate> = {}): ApprovalGate => ({
  gate: 0, step: 2, requiredRoles: ["tech-lead", "product-owner"], openedAt: "2026-12-01T11:00:00Z", expiresAt: "2026-12-01T13:00:00Z",
  status: "open", approvedRoles: [], votes: [], links: 0, ...over,
});
const who = (subject: string, roles: string[], scopes: Principal["scopes"] = ["approve"]): Principal => ({ tokenId: "t", subject, roles, scopes });
const deployment = (g: ApprovalGate, status: "awaiting_approval" | "in_progress" = "awaiting_approval") => ({ status, requestedBy: "rita", approvals: [g] });

describe("gateAwaiting: the gates the dashboard offers a vote on", () => {
  it("waits on a holder of a required role that is not approved yet", () => {
    expect(gateAwaiting(deployment(gate()), who("tess", ["tech-lead"]), now)?.gate).toBe(0);
    expect(gateAwaiting(deployment(gate({ approvedRoles: ["tech-lead"] })), who("tess", ["tech-lead"]), now)).toBeUndefined();
    expect(gateAwaiting(deployment(gate({ approvedRoles: ["tech-lead"] })), who("paul", ["product-owner"]), now)?.gate).toBe(0);
  });

  it("never on the requester, a principal who voted, one without the approve scope or the role, or a closed or expired gate", () => {
    expect(gateAwaiting(deployment(gate()), who("rita", ["tech-lead"]), now)).toBeUndefined();
    const voted = gate({ votes: [{ subject: "tess", role: "tech-lead", decision: "approve", at: "2026-12-01T11:30:00Z", via: "api" }] });
    expect(gateAwaiting(deployment(voted), who("tess", ["tech-lead", "product-owner"]), now)).toBeUndefined();
    expect(gateAwaiting(deployment(gate()), who("tess", ["tech-lead"], ["specs:read"]), now)).toBeUndefined();
    expect(gateAwaiting(deployment(gate()), who("sam", ["sre"]), now)).toBeUndefined();
    expect(gateAwaiting(deployment(gate(), "in_progress"), who("tess", ["tech-lead"]), now)).toBeUndefined();
    expect(gateAwaiting(deployment(gate({ expiresAt: "2026-12-01T11:59:59Z" })), who("tess", ["tech-lead"]), now)).toBeUndefined();
  });

  it("a gate with no required roles waits on anyone with the approve scope (admin included) but the requester", () => {
    expect(gateAwaiting(deployment(gate({ requiredRoles: [] })), who("ann", []), now)?.gate).toBe(0);
    expect(gateAwaiting(deployment(gate({ requiredRoles: [] })), who("root", [], ["admin"]), now)?.gate).toBe(0);
  });
});

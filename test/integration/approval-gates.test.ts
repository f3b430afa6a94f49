import { createHash } from "node:crypto";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AlreadyVotedError,
  ApprovalLinkExpiredError,
  ApprovalLinkNotFoundError,
  RoleNotRequiredError,
  SelfApprovalError,
  type ApprovalLinkDelivery,
} from "@rollgate/core/approval";
import { RollgateError } from "@rollgate/core/errors";
import { keys, marshallItem } from "@rollgate/core/store";
import { createTestTable } from "../helpers/table.js";
import { createRolloutHarness, deployer, eventTypes, principal, type RolloutHarness } from "./rollout-harness.js";

const gated = (dev: Record<string, unknown>) => ({
  deployment: { strategy: "blue_green", traffic_switching: { rollback_threshold_seconds: 30 }, analysis: { interval: "30s" }, target: { type: "simulated" } },
  environments: { dev: { requires_approval: true, ...dev }, production: {} },
});

const techLead = principal("tl", { roles: ["tech-lead"] });
const productOwner = principal("po", { roles: ["product-owner"] });
const anyApprover = principal("ann");

let table: Awaited<ReturnType<typeof createTestTable>>;
let h: RolloutHarness;

beforeAll(async () => {
  table = await createTestTable();
  h = createRolloutHarness(table);
  await h.orchestrator.ready();
});
afterAll(async () => {
  await h.stop();
  await table.drop();
});

/** Starts a deployment of `specId` v1 to dev and waits at its gate; returns it with its delivered links. */
async function atGate(specId: string, dev: Record<string, unknown>, who = deployer) {
  h.specs.add(specId, 1, gated(dev));
  const created = await h.service.create({ specId, version: 1, environment: "dev" }, who);
  if (!("deployment" in created)) throw new Error("expected a deployment");
  const view = await h.waitFor(created.deployment.id, (v) => v.status === "awaiting_approval");
  const delivery = h.deliveries.find((d) => d.deploymentId === view.id) as ApprovalLinkDelivery;
  return { view, delivery, link: (role: string | null) => delivery.links.find((l) => l.role === role)!.token };
}

describe("a gate that requires two roles", () => {
  it("needs each role, refuses the requester and outsiders, counts one vote per approver, and continues on quorum", async () => {
    const { view, delivery, link } = await atGate("quorum", { approvers: ["tech-lead", "product-owner"] });
    expect(delivery.links.map((l) => l.role)).toEqual(["tech-lead", "product-owner"]);
    expect(delivery.links.every((l) => l.url === `https://rollgate.test/approvals/${l.token}`)).toBe(true);
    expect(view.approvals[0]).toMatchObject({ status: "open", requiredRoles: ["tech-lead", "product-owner"], links: 2 });
    expect(JSON.stringify(view)).not.toContain(delivery.links[0]!.token);

    const requester = principal("ci-bot", { roles: ["tech-lead"] });
    await expect(h.service.decide(view.id, { decision: "approve" }, requester)).rejects.toBeInstanceOf(SelfApprovalError);
    await expect(h.service.decide(view.id, { decision: "approve" }, anyApprover)).rejects.toBeInstanceOf(RoleNotRequiredError);

    const first = await h.service.decide(view.id, { decision: "approve", comment: "code reviewed" }, techLead);
    expect(first).toMatchObject({ outcome: "recorded", status: "awaiting_approval", gate: { approvedRoles: ["tech-lead"] } });
    await expect(h.service.decide(view.id, { decision: "approve" }, techLead)).rejects.toBeInstanceOf(AlreadyVotedError);

    const before = await h.service.get(view.id);
    const page = await h.service.viewApprovalLink(link("product-owner"));
    expect(page).toMatchObject({
      deploymentId: view.id,
      specId: "quorum",
      version: 1,
      environment: "dev",
      role: "product-owner",
      status: "awaiting_approval",
      gateOpen: true,
      canDecide: true,
      votes: [{ subject: "tl", role: "tech-lead", decision: "approve", comment: "code reviewed" }],
    });
    expect(page.planSummary.some((line) => line.includes("approval gate: tech-lead + product-owner"))).toBe(true);
    expect((await h.service.get(view.id)).revision).toBe(before.revision);

    const second = await h.service.decideByLink(link("product-owner"), { decision: "approve", approverName: "Pat" });
    expect(second).toMatchObject({ outcome: "approved", gate: { status: "approved", approvedRoles: ["tech-lead", "product-owner"] } });
    const done = await h.settle(view.id);
    expect(done.status).toBe("succeeded");
    expect(done.approvals[0]?.votes).toEqual([
      expect.objectContaining({ subject: "tl", role: "tech-lead", via: "api", comment: "code reviewed", at: expect.any(String) }),
      expect.objectContaining({ role: "product-owner", via: "link", approverName: "Pat", at: expect.any(String) }),
    ]);
    expect(eventTypes(done).filter((t) => t.startsWith("deployment.approv"))).toEqual([
      "deployment.approval_requested",
      "deployment.approval_recorded",
      "deployment.approval_recorded",
      "deployment.approved",
    ]);
    expect((await h.service.viewApprovalLink(link("tech-lead"))).canDecide).toBe(false);
    await expect(h.service.decideByLink(link("tech-lead"), { decision: "approve" })).rejects.toBeInstanceOf(RollgateError);
  });

  it("stores link tokens hashed, with a TTL at the gate's timeout", async () => {
    const { delivery } = await atGate("hashed", { approvers: ["tech-lead"] });
    const token = delivery.links[0]!.token;
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const hash = createHash("sha256").update(token).digest("hex");
    const { Item } = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: marshallItem(keys.approvalLink(hash)) }));
    expect(Item).toBeDefined();
    expect(JSON.stringify(Item)).not.toContain(token);
    const expiresAt = Number(Item!.expiresAt!.N);
    expect(expiresAt).toBeCloseTo(Date.parse(delivery.expiresAt) / 1000, -1);
    expect(expiresAt - Date.now() / 1000).toBeGreaterThan(86_000);
    await expect(h.service.viewApprovalLink("x".repeat(43))).rejects.toBeInstanceOf(ApprovalLinkNotFoundError);
  });
});

describe("a gate without required roles", () => {
  it("takes one approval from anyone allowed to approve, through one generic link", async () => {
    const { view, delivery } = await atGate("anyone", {});
    expect(delivery.links).toHaveLength(1);
    expect(delivery.links[0]?.role).toBeNull();
    expect((await h.service.decide(view.id, { decision: "approve" }, anyApprover)).outcome).toBe("approved");
    expect((await h.settle(view.id)).status).toBe("succeeded");
  });

  it("refuses the requester on the approval page too", async () => {
    const { view, link } = await atGate("self-link", {});
    await expect(h.service.decideByLink(link(null), { decision: "approve", approverName: deployer.subject })).rejects.toBeInstanceOf(
      SelfApprovalError,
    );
    await h.service.abort(view.id, deployer);
  });
});

describe("rejection and timeout", () => {
  it("rolls back on any rejection, recording who rejected and why", async () => {
    const { view, link } = await atGate("rejected", { approvers: ["tech-lead", "product-owner"] });
    await h.service.decide(view.id, { decision: "approve" }, techLead);
    const outcome = await h.service.decideByLink(link("product-owner"), { decision: "reject", comment: "not during the sale", approverName: "Pat" });
    expect(outcome.outcome).toBe("rejected");
    const done = await h.settle(view.id);
    expect(done).toMatchObject({ status: "rolled_back", failure: { code: "APPROVAL_REJECTED" }, approvals: [{ status: "rejected" }] });
    expect(done.failure?.message).toContain("Pat");
    expect(done.failure?.message).toContain("not during the sale");
    expect(await h.lockHolder("rejected", "dev")).toBeUndefined();
    expect((await h.simulated("rejected", "dev"))?.prepared).toEqual([]);
  });

  it("treats a gate timeout as a rejection", async () => {
    const { view, link } = await atGate("timeout", { approval_timeout: 1 });
    const done = await h.waitFor(view.id, (v) => v.status === "rolled_back", 10_000);
    expect(done).toMatchObject({ failure: { code: "APPROVAL_TIMEOUT" }, approvals: [{ status: "timed_out" }] });
    expect(done.compensationLog.map((c) => c.kind)).toEqual(["teardown_candidate"]);
    expect(await h.service.viewApprovalLink(link(null))).toMatchObject({ canDecide: false, gateOpen: false, status: "rolled_back" });
    // The link's own expiry is the gate's, to the second.
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(done.approvals[0]!.expiresAt) + 1_000 - Date.now())));
    expect(await h.service.viewApprovalLink(link(null))).toMatchObject({ expired: true });
    await expect(h.service.decideByLink(link(null), { decision: "approve" })).rejects.toBeInstanceOf(ApprovalLinkExpiredError);
  });
});

import { createHash } from "node:crypto";
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AlreadyVotedError,
  ApprovalLinkExpiredError,
  ApprovalLinkNotFoundError,
  ApprovalLinkRevokedError,
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
  const delivery: ApprovalLinkDelivery = await h.linksFor(view.id);
  const link = (subject: string) => {
    const found = delivery.links.find((l) => l.subject === subject);
    if (!found) throw new Error(`no link for ${subject}`);
    return found.token;
  };
  return { view, delivery, link };
}

const requested = (view: { timeline: { type: string; data: Record<string, unknown> }[] }) =>
  view.timeline.find((e) => e.type === "deployment.approval_requested")!.data;

describe("a gate that requires two roles", () => {
  beforeAll(async () => {
    await h.addPrincipal("tess", ["tech-lead"], { displayName: "Tess Lead" });
    await h.addPrincipal("pat", ["product-owner"]);
    await h.addPrincipal("alex", ["tech-lead", "product-owner"]);
    // The requester holds a required role: it gets no link and cannot vote.
    await h.addPrincipal("ci-bot", ["tech-lead"]);
    await h.addPrincipal("gone", ["tech-lead"], { disabled: true });
  });

  it("mints one link per eligible principal, needs two distinct principals, refuses the requester and repeat votes, and continues on quorum", async () => {
    const { view, delivery, link } = await atGate("quorum", { approvers: ["tech-lead", "product-owner"] });
    // Not the requester (ci-bot), not the disabled principal (gone).
    expect(delivery.links.map((l) => [l.subject, l.roles]).sort()).toEqual([
      ["alex", ["tech-lead", "product-owner"]],
      ["pat", ["product-owner"]],
      ["tess", ["tech-lead"]],
    ]);
    expect(delivery.links.every((l) => l.url === `https://rollgate.test/approvals/${l.token}`)).toBe(true);
    expect(delivery.rolesWithoutApprovers).toEqual([]);
    expect(view.approvals[0]).toMatchObject({ status: "open", requiredRoles: ["tech-lead", "product-owner"], links: 3 });
    expect(JSON.stringify(view)).not.toContain(delivery.links[0]!.token);

    const requester = principal("ci-bot", { roles: ["tech-lead"] });
    await expect(h.service.decide(view.id, { decision: "approve" }, requester)).rejects.toBeInstanceOf(SelfApprovalError);
    await expect(h.service.decide(view.id, { decision: "approve" }, principal("ann"))).rejects.toBeInstanceOf(RoleNotRequiredError);

    // alex holds both roles, and approves once: through the link or the API, never twice.
    const first = await h.service.decideByLink(link("alex"), { decision: "approve", comment: "code reviewed" });
    expect(first).toMatchObject({ outcome: "recorded", status: "awaiting_approval", gate: { approvedRoles: ["tech-lead"] } });
    await expect(h.service.decideByLink(link("alex"), { decision: "approve" })).rejects.toBeInstanceOf(AlreadyVotedError);
    await expect(h.service.decide(view.id, { decision: "approve" }, principal("alex", { roles: ["tech-lead", "product-owner"] }))).rejects.toBeInstanceOf(
      AlreadyVotedError,
    );
    expect((await h.service.get(view.id)).status).toBe("awaiting_approval");

    const before = await h.service.get(view.id);
    const page = await h.service.viewApprovalLink(link("pat"));
    expect(page).toMatchObject({
      deploymentId: view.id,
      specId: "quorum",
      approver: { subject: "pat", roles: ["product-owner"] },
      status: "awaiting_approval",
      gateOpen: true,
      canDecide: true,
      votes: [{ subject: "alex", role: "tech-lead", decision: "approve", via: "link", comment: "code reviewed" }],
    });
    expect((await h.service.viewApprovalLink(link("tess"))).approver).toEqual({ subject: "tess", displayName: "Tess Lead", roles: ["tech-lead"] });
    expect((await h.service.viewApprovalLink(link("alex"))).canDecide).toBe(false);
    expect(page.planSummary.some((line) => line.includes("approval gate: tech-lead + product-owner"))).toBe(true);
    expect((await h.service.get(view.id)).revision).toBe(before.revision);

    const second = await h.service.decideByLink(link("pat"), { decision: "approve" });
    expect(second).toMatchObject({ outcome: "approved", gate: { status: "approved", approvedRoles: ["tech-lead", "product-owner"] } });
    const done = await h.settle(view.id);
    expect(done.status).toBe("succeeded");
    expect(done.approvals[0]?.votes).toEqual([
      expect.objectContaining({ subject: "alex", role: "tech-lead", via: "link", comment: "code reviewed", at: expect.any(String) }),
      expect.objectContaining({ subject: "pat", role: "product-owner", via: "link", at: expect.any(String) }),
    ]);
    expect(JSON.stringify(done)).not.toContain("approverName");
    expect(eventTypes(done).filter((t) => t.startsWith("deployment.approv"))).toEqual([
      "deployment.approval_requested",
      // The approval-link channel's outcome (the links were read from this delivery).
      "deployment.approval_links_delivered",
      "deployment.approval_recorded",
      "deployment.approval_recorded",
      "deployment.approved",
      "deployment.approval_decided",
    ]);
    expect(requested(done)).toMatchObject({ links: 3, rolesWithoutApprovers: [] });
    expect(done.timeline.find((e) => e.type === "deployment.approval_links_delivered")!.data).toEqual({ gate: requested(done).gate, links: 3, attempts: 1 });
    expect((await h.service.viewApprovalLink(link("tess"))).canDecide).toBe(false);
    await expect(h.service.decideByLink(link("tess"), { decision: "approve" })).rejects.toBeInstanceOf(RollgateError);
  });

  it("refuses the requester through a link too, even one that exists", async () => {
    const { view } = await atGate("self-link", { approvers: ["tech-lead"] });
    // No link was minted for the requester; one planted in the table (as an older server or a
    // bug might) still cannot vote.
    const token = "planted-link-token-0123456789abcdef";
    await table.client.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: marshallItem({
          ...keys.approvalLink(createHash("sha256").update(token).digest("hex")),
          entity: "approval_link",
          deploymentId: view.id,
          gate: view.approvals[0]!.gate,
          subject: "ci-bot",
          roles: ["tech-lead"],
          role: "tech-lead",
          specId: "self-link",
          environment: "dev",
          createdAt: new Date().toISOString(),
          expiresAt: Math.floor(Date.now() / 1000) + 3600,
        }),
      }),
    );
    await expect(h.service.decideByLink(token, { decision: "approve" })).rejects.toBeInstanceOf(SelfApprovalError);
    expect((await h.service.get(view.id)).approvals[0]?.votes).toEqual([]);
    await h.service.abort(view.id, deployer);
  });

  it("stores link tokens hashed, with the principal's subject and a TTL at the gate's timeout", async () => {
    const { delivery, link } = await atGate("hashed", { approvers: ["tech-lead"] });
    const token = link("tess");
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const hash = createHash("sha256").update(token).digest("hex");
    const { Item } = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: marshallItem(keys.approvalLink(hash)) }));
    expect(Item).toBeDefined();
    expect(JSON.stringify(Item)).not.toContain(token);
    expect(Item!.subject!.S).toBe("tess");
    const expiresAt = Number(Item!.expiresAt!.N);
    expect(expiresAt).toBeCloseTo(Date.parse(delivery.expiresAt) / 1000, -1);
    expect(expiresAt - Date.now() / 1000).toBeGreaterThan(86_000);
    await expect(h.service.viewApprovalLink("x".repeat(43))).rejects.toBeInstanceOf(ApprovalLinkNotFoundError);
  });
});

describe("links die with their principal", () => {
  it("refuses the link of a principal disabled, or stripped of the role, after the gate opened", async () => {
    await h.addPrincipal("sam", ["sre"]);
    await h.addPrincipal("kim", ["sre"]);
    const { view, link } = await atGate("revoked", { approvers: ["sre"] });
    const sam = link("sam");
    const kim = link("kim");
    await h.addPrincipal("sam", ["sre"], { disabled: true });
    await h.addPrincipal("kim", []);
    for (const token of [sam, kim]) {
      expect(await h.service.viewApprovalLink(token)).toMatchObject({ revoked: true, canDecide: false, gateOpen: true });
      await expect(h.service.decideByLink(token, { decision: "approve" })).rejects.toBeInstanceOf(ApprovalLinkRevokedError);
      await expect(h.service.decideByLink(token, { decision: "reject" })).rejects.toBeInstanceOf(ApprovalLinkRevokedError);
    }
    expect((await h.service.get(view.id)).approvals[0]).toMatchObject({ status: "open", votes: [] });
    await h.service.abort(view.id, deployer);
  });
});

describe("a required role that nobody holds", () => {
  it("still opens the gate, and the approval_requested event names the roles with nobody", async () => {
    await h.addPrincipal("ops-1", ["ops"]);
    // release-manager: nobody; change-board: only the requester holds it.
    await h.addPrincipal("ci-bot", ["tech-lead", "change-board"]);
    const { view, delivery } = await atGate("nobody", { approvers: ["ops", "release-manager", "change-board"] });
    expect(view.status).toBe("awaiting_approval");
    expect(delivery.links.map((l) => l.subject)).toEqual(["ops-1"]);
    expect(delivery.rolesWithoutApprovers).toEqual(["release-manager", "change-board"]);
    expect(requested(view)).toMatchObject({
      requiredRoles: ["ops", "release-manager", "change-board"],
      links: 1,
      approvers: [{ subject: "ops-1", roles: ["ops"] }],
      rolesWithoutApprovers: ["release-manager", "change-board"],
    });
    expect(view.approvals[0]).toMatchObject({ rolesWithoutApprovers: ["release-manager", "change-board"] });
    // Someone given the role after the gate opened votes through the API.
    await h.addPrincipal("rm", ["release-manager"]);
    expect((await h.service.decide(view.id, { decision: "approve" }, principal("rm", { roles: ["release-manager"] }))).outcome).toBe("recorded");
    await h.service.abort(view.id, deployer);
  });
});

describe("a gate without required roles", () => {
  it("mints no links (nobody in particular is asked) and takes one approval from any approver through the API", async () => {
    const { view, delivery } = await atGate("anyone", {});
    expect(delivery.links).toEqual([]);
    expect((await h.service.decide(view.id, { decision: "approve" }, principal("ann"))).outcome).toBe("approved");
    expect((await h.settle(view.id)).status).toBe("succeeded");
  });
});

describe("rejection and timeout", () => {
  it("rolls back on any rejection, recording who rejected and why", async () => {
    const { view, link } = await atGate("rejected", { approvers: ["tech-lead", "product-owner"] });
    await h.service.decide(view.id, { decision: "approve" }, principal("tess", { roles: ["tech-lead"] }));
    const outcome = await h.service.decideByLink(link("pat"), { decision: "reject", comment: "not during the sale" });
    expect(outcome.outcome).toBe("rejected");
    const done = await h.settle(view.id);
    expect(done).toMatchObject({ status: "rolled_back", failure: { code: "APPROVAL_REJECTED" }, approvals: [{ status: "rejected" }] });
    expect(done.failure?.message).toContain("pat");
    expect(done.failure?.message).toContain("not during the sale");
    expect(await h.lockHolder("rejected", "dev")).toBeUndefined();
    expect((await h.simulated("rejected", "dev"))?.prepared).toEqual([]);
  });

  it("treats a gate timeout as a rejection", async () => {
    const { view, link } = await atGate("timeout", { approval_timeout: 1, approvers: ["tech-lead"] });
    const done = await h.waitFor(view.id, (v) => v.status === "rolled_back", 10_000);
    expect(done).toMatchObject({ failure: { code: "APPROVAL_TIMEOUT" }, approvals: [{ status: "timed_out" }] });
    expect(done.compensationLog.map((c) => c.kind)).toEqual(["teardown_candidate"]);
    expect(await h.service.viewApprovalLink(link("tess"))).toMatchObject({ canDecide: false, gateOpen: false, status: "rolled_back" });
    // The link's own expiry is the gate's, to the second.
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(done.approvals[0]!.expiresAt) + 1_000 - Date.now())));
    expect(await h.service.viewApprovalLink(link("tess"))).toMatchObject({ expired: true });
    await expect(h.service.decideByLink(link("tess"), { decision: "approve" })).rejects.toBeInstanceOf(ApprovalLinkExpiredError);
  });
});

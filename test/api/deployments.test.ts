import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { readSimulatedTarget } from "@rollgate/core/target";
import { createTestApi, type TestApi } from "../helpers/app.js";
import { loadTestFixture } from "../helpers/fixtures.js";

describe("deployments over HTTP (local engine, simulated target)", () => {
  let api: TestApi;
  let techLead: string;
  let productOwner: string;
  const base = parse(loadTestFixture("canary-service.yaml"));

  beforeAll(async () => {
    api = await createTestApi();
    techLead = await api.token(["approve", "specs:read"], { subject: "tess", roles: ["tech-lead"] });
    productOwner = await api.token(["approve", "specs:read"], { subject: "pat", roles: ["product-owner"] });
  });
  afterAll(async () => api.close());

  const register = async (doc: Record<string, unknown>) => (await api.registerSpec(doc)).version;

  it("dry run: the plan with the source of every value, nothing started", async () => {
    await register(base);
    const res = await api.request("/v1/deployments?dryRun=true", { method: "POST", json: { specId: "payments-api", version: 1, environment: "dev" } });
    expect(res.status).toBe(200);
    const { plan } = await res.json();
    expect(plan.settings.strategy).toEqual({ value: "canary", source: "deployment.strategy" });
    expect(plan.settings.stepWeight.source).toBe("deployment.analysis.step_weight");
    expect(plan.minDurationSeconds).toBeGreaterThan(0);
    expect((await (await api.request("/v1/deployments?specId=payments-api")).json()).items).toHaveLength(0);
  });

  it("takes a canary dev -> staging -> production, with both required roles approving production", async () => {
    const dev = await api.request("/v1/deployments", { method: "POST", json: { specId: "payments-api", version: 1, environment: "dev" } });
    expect(dev.status).toBe(202);
    const started = await dev.json();
    expect(started).toMatchObject({ specId: "payments-api", version: 1, environment: "dev", strategy: "canary" });
    expect((await api.waitForDeployment(started.id)).status).toBe("succeeded");

    const staging = await api.promote("payments-api", { from: "dev", to: "staging" });
    expect((await api.waitForDeployment(staging.id)).status).toBe("succeeded");

    const prod = await api.promote("payments-api", { from: "staging", to: "production" });
    const waiting = await api.waitForDeployment(prod.id, (d) => d.status === "awaiting_approval");
    expect(waiting.currentStep.kind).toBe("approval");

    // The requester (admin) may not approve its own deployment.
    const self = await api.request(`/v1/deployments/${prod.id}/approvals`, { method: "POST", json: { decision: "approve" } });
    expect(self.status).toBe(403);
    expect((await self.json()).code).toBe("SELF_APPROVAL");

    expect((await api.decide(prod.id, techLead, { decision: "approve", comment: "LGTM" })).outcome).toBe("recorded");
    const again = await api.request(`/v1/deployments/${prod.id}/approvals`, { method: "POST", token: techLead, json: { decision: "approve" } });
    expect(again.status).toBe(409);
    expect((await api.decide(prod.id, productOwner, { decision: "approve" })).outcome).toBe("approved");

    const done = await api.waitForDeployment(prod.id);
    expect(done.status).toBe("succeeded");
    expect(done.trafficWeights).toEqual({ stable: 0, candidate: 100 });
    const votes = done.approvals.flatMap((gate: { votes: { subject: string; comment?: string }[] }) => gate.votes);
    expect(votes).toEqual(expect.arrayContaining([expect.objectContaining({ subject: "tess", comment: "LGTM" }), expect.objectContaining({ subject: "pat" })]));
    expect(done.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(["deployment.approved", "deployment.succeeded"]));

    const envs = await (await api.request("/v1/specs/payments-api/environments")).json();
    expect(envs.items.map((e: { name: string; currentVersion: number }) => [e.name, e.currentVersion])).toEqual([
      ["dev", 1],
      ["staging", 1],
      ["production", 1],
    ]);
  });

  it("enforces the promotion path; force needs admin", async () => {
    const v2 = await register({ ...base, description: "v2" });
    const skip = await api.request("/v1/deployments", { method: "POST", json: { specId: "payments-api", version: v2, environment: "staging" } });
    expect(skip.status).toBe(409);
    expect((await skip.json()).code).toBe("PROMOTION_PATH");
    const deployer = await api.token(["deploy"]);
    const forced = await api.request("/v1/deployments", { method: "POST", token: deployer, json: { specId: "payments-api", version: v2, environment: "staging", force: true } });
    expect(forced.status).toBe(403);
  });

  it("a bad version rolls itself back: traffic on the stable version, environment unchanged, reason recorded", async () => {
    const bad = { ...base, description: "v3, broken", deployment: { ...base.deployment, target: { type: "simulated", error_rate: 0.2 } } };
    const v3 = await register(bad);
    const res = await api.request("/v1/deployments", { method: "POST", json: { specId: "payments-api", version: v3, environment: "dev" } });
    const done = await api.waitForDeployment((await res.json()).id);
    expect(done.status).toBe("rolled_back");
    expect(done.failure.code).toBe("ANALYSIS_FAILED");
    expect(done.compensationLog.length).toBeGreaterThan(0);
    const target = await readSimulatedTarget(api.runtime.table, "payments-api", "dev");
    expect(target?.weights).toEqual({ stable: 100, candidate: 0 });
    expect(target?.stableVersion).toBe(1);
    const envs = await (await api.request("/v1/specs/payments-api/environments")).json();
    expect(envs.items[0]).toMatchObject({ name: "dev", currentVersion: 1 });
  });

  it("one rollout per environment: a second request gets 409 naming the one in flight; abort rolls it back", async () => {
    const gated = { ...base, id: "gated-api", environments: { dev: { requires_approval: true, approvers: ["tech-lead"] } } };
    await register(gated);
    const first = await (await api.request("/v1/deployments", { method: "POST", json: { specId: "gated-api", version: 1, environment: "dev" } })).json();
    await api.waitForDeployment(first.id, (d) => d.status === "awaiting_approval");
    const second = await api.request("/v1/deployments", { method: "POST", json: { specId: "gated-api", version: 1, environment: "dev" } });
    expect(second.status).toBe(409);
    const problem = await second.json();
    expect(problem.code).toBe("LOCK_HELD");
    expect(problem.deploymentId).toBe(first.id);

    const abort = await api.request(`/v1/deployments/${first.id}/abort`, { method: "POST", json: { reason: "wrong build" } });
    expect(abort.status).toBe(202);
    const done = await api.waitForDeployment(first.id);
    expect(done.status).toBe("aborted");
    const again = await api.request(`/v1/deployments/${first.id}/abort`, { method: "POST" });
    expect(again.status).toBe(409);
    // The problem's own `status` member stays the HTTP status; the deployment's is elsewhere.
    expect((await again.json()).status).toBe(409);
  });

  it("chat-ops: rolls an environment back to its previous version", async () => {
    const v4 = await register({ ...base, description: "v4" });
    const dep = await (await api.request("/v1/deployments", { method: "POST", json: { specId: "payments-api", version: v4, environment: "dev" } })).json();
    expect((await api.waitForDeployment(dep.id)).status).toBe("succeeded");
    const roller = await api.token(["rollback", "specs:read"], { subject: "slack-bot" });
    const res = await api.request("/v1/specs/payments-api/environments/dev/rollback", { method: "POST", token: roller, json: { reason: "errors in #alerts" } });
    expect(res.status).toBe(202);
    const rollback = await res.json();
    expect(rollback).toMatchObject({ purpose: "rollback", version: 1, environment: "dev" });
    expect((await api.waitForDeployment(rollback.id)).status).toBe("succeeded");
    const envs = await (await api.request("/v1/specs/payments-api/environments")).json();
    expect(envs.items[0]).toMatchObject({ name: "dev", currentVersion: 1, previousVersion: v4 });
    // The bot retries: a second rollback would put the bad version back. Refused, with why.
    const twice = await api.request("/v1/specs/payments-api/environments/dev/rollback", { method: "POST", token: roller });
    expect(twice.status).toBe(409);
    expect((await twice.json()).code).toBe("ALREADY_ROLLED_BACK");
    // What was rolled back out of dev may no longer be promoted from it.
    const promoteBad = await api.request("/v1/deployments", { method: "POST", json: { specId: "payments-api", version: v4, environment: "staging" } });
    expect(promoteBad.status).toBe(409);
    expect((await promoteBad.json()).code).toBe("PROMOTION_PATH");
    const noScope = await api.request("/v1/specs/payments-api/environments/dev/rollback", { method: "POST", token: techLead });
    expect(noScope.status).toBe(403);
  });

  it("lists deployments with filters and names bad input", async () => {
    const list = await (await api.request("/v1/deployments?specId=payments-api&environment=dev&limit=2")).json();
    expect(list.items).toHaveLength(2);
    expect(list.items.every((d: { environment: string }) => d.environment === "dev")).toBe(true);
    expect(list.nextCursor).toEqual(expect.any(String));
    const bad = await api.request("/v1/deployments", { method: "POST", json: { specId: "payments-api", version: "two", environment: "dev" } });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors.map((e: { path: string }) => e.path)).toContain("version");
    const badStatus = await api.request("/v1/deployments?status=exploded");
    expect(badStatus.status).toBe(400);
    const unknownEnv = await api.request("/v1/deployments", { method: "POST", json: { specId: "payments-api", version: 1, environment: "qa" } });
    expect(unknownEnv.status).toBeGreaterThanOrEqual(400);
    expect(unknownEnv.status).toBeLessThan(500);
    expect((await api.request("/v1/deployments/nope")).status).toBe(404);
  });

  it("approval links act as their principal: one per eligible principal, no name asked, one vote per principal across links and the API", async () => {
    const alex = await api.token(["approve", "specs:read"], { subject: "alex", roles: ["tech-lead", "product-owner"] });
    const doc = { ...base, id: "linked-quorum", environments: { dev: { requires_approval: true, approvers: ["tech-lead", "product-owner"] } } };
    await register(doc);
    const dep = await (await api.request("/v1/deployments", { method: "POST", json: { specId: "linked-quorum", version: 1, environment: "dev" } })).json();
    await api.waitForDeployment(dep.id, (d) => d.status === "awaiting_approval");
    const links = (await api.linksFor(dep.id)).links;
    const bySubject = Object.fromEntries(links.map((l) => [l.subject, l.token]));
    expect(Object.keys(bySubject).sort()).toEqual(["alex", "pat", "tess"]);
    const decide = (token: string, body: object) => api.request(`/approvals/${token}`, { method: "POST", token: null, json: body });

    // The link says who approves: a typed name is an unknown field, not an identity.
    const named = await decide(bySubject.alex!, { decision: "approve", name: "pat" });
    expect(named.status).toBe(422);
    expect((await named.json()).errors.map((e: { path: string }) => e.path)).toContain("name");
    const first = await decide(bySubject.alex!, { decision: "approve" });
    expect(first.status).toBe(200);
    expect((await first.json()).approver).toEqual({ subject: "alex", roles: ["tech-lead", "product-owner"] });
    // alex holds both roles but is one principal: a second vote, by link or API, is refused.
    expect((await decide(bySubject.alex!, { decision: "approve" })).status).toBe(409);
    const again = await api.request(`/v1/deployments/${dep.id}/approvals`, { method: "POST", token: alex, json: { decision: "approve" } });
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe("ALREADY_VOTED");
    expect((await (await api.request(`/v1/deployments/${dep.id}`)).json()).status).toBe("awaiting_approval");
    expect((await decide(bySubject.pat!, { decision: "approve" })).status).toBe(200);
    const done = await api.waitForDeployment(dep.id);
    expect(done.status).toBe("succeeded");
    expect(done.approvals[0].votes.map((v: { subject: string; role: string; via: string }) => [v.subject, v.role, v.via])).toEqual([
      ["alex", "tech-lead", "link"],
      ["pat", "product-owner", "link"],
    ]);
  });

  it("deploys a deprecated version with a warning, and refuses a disabled one", async () => {
    await register({ ...base, id: "aging-api" });
    await register({ ...base, id: "aging-api", description: "v2" });
    expect((await api.request("/v1/specs/aging-api/versions/1", { method: "PATCH", json: { state: "deprecated" } })).status).toBe(200);
    expect((await api.request("/v1/specs/aging-api/versions/2", { method: "PATCH", json: { state: "disabled" } })).status).toBe(200);
    const old = await api.request("/v1/deployments", { method: "POST", json: { specId: "aging-api", version: 1, environment: "dev" } });
    expect(old.status).toBe(202);
    const started = await old.json();
    expect(started.warnings).toEqual([{ path: "version", message: "version 1 is deprecated" }]);
    await api.waitForDeployment(started.id);
    const disabled = await api.request("/v1/deployments", { method: "POST", json: { specId: "aging-api", version: 2, environment: "dev" } });
    expect(disabled.status).toBe(409);
    expect((await disabled.json()).code).toBe("VERSION_DISABLED");
  });

  it("keeps the promotion path in the order the spec's environments map is written", async () => {
    await register({ ...base, id: "ordered-api", environments: { qa: {}, canary: {}, live: {} } });
    const envs = await (await api.request("/v1/specs/ordered-api/environments")).json();
    expect(envs.items.map((e: { name: string }) => e.name)).toEqual(["qa", "canary", "live"]);
  });

  it("auto_deploy on the first environment starts a deployment when a version is registered", async () => {
    const res = await api.request("/v1/specs", { method: "POST", yaml: stringify({ ...base, id: "auto-api", environments: { dev: { auto_deploy: true }, production: {} } }) });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.deploymentId).toEqual(expect.any(String));
    expect((await api.waitForDeployment(body.deploymentId)).status).toBe("succeeded");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readPlatformEvents } from "@rollgate/core/events";
import { createTestApi, type TestApi } from "../helpers/app.js";
import { loadTestFixture } from "../helpers/fixtures.js";

/**
 * The platform policy (DESIGN section 8) against the real hono app, DynamoDB Local and the
 * real state machine on the local engine: a floor the spec cannot lower.
 */
describe("platform policy: GET/PUT /v1/policy and the floor it sets", () => {
  let api: TestApi;
  let releaseManager: string;
  let reader: string;

  /** The fixture with every approval the spec itself asks for taken out. */
  function laxSpec(id: string, environments: Record<string, unknown> = { dev: {}, staging: {}, production: { requires_approval: false } }) {
    const doc = parse(loadTestFixture("canary-service.yaml"));
    delete doc.guardrails.deployment.human_approval_required;
    // One canary step: these tests are about the gates, not the weights.
    doc.deployment.canary.traffic_split = [
      { version: "current", percentage: 50 },
      { version: "candidate", percentage: 50 },
    ];
    doc.deployment.analysis = { ...doc.deployment.analysis, step_weight: 50, max_weight: 50 };
    return { ...doc, id, environments };
  }

  const register = (doc: Record<string, unknown>, token = api.adminToken) => api.registerSpec(doc, token);

  async function setPolicy(environments: Record<string, unknown>) {
    const res = await api.request("/v1/policy", { method: "PUT", json: { environments } });
    expect(res.status).toBe(200);
    return res.json();
  }

  async function deploy(body: Record<string, unknown>, query = "") {
    return api.request(`/v1/deployments${query}`, { method: "POST", json: body });
  }

  async function succeed(body: { specId: string; version: number; environment: string }) {
    const done = await api.waitForDeployment((await api.deploy(body)).id);
    expect(done.status).toBe("succeeded");
  }

  beforeAll(async () => {
    api = await createTestApi();
    releaseManager = await api.token(["approve", "specs:read"], { subject: "rita", roles: ["release-manager"] });
    reader = await api.token(["specs:read"], { subject: "reader" });
  });
  afterAll(async () => api.close());

  it("reads as empty until set; PUT needs admin, records who and when, and writes policy.changed with the actor", async () => {
    const empty = await api.request("/v1/policy", { token: reader });
    expect(empty.status).toBe(200);
    expect(empty.headers.get("etag")).toBe('"0"');
    expect(await empty.json()).toEqual({ revision: 0, environments: {}, updatedAt: null, updatedBy: null });

    const body = { environments: { production: { requiresApproval: true, approvers: ["release-manager"] } } };
    const deployer = await api.token(["deploy", "specs:write", "specs:read"], { subject: "ci" });
    for (const token of [reader, deployer]) {
      const refused = await api.request("/v1/policy", { method: "PUT", json: body, token });
      expect(refused.status).toBe(403);
      expect(refused.headers.get("content-type")).toContain("application/problem+json");
    }
    expect((await api.request("/v1/policy", { method: "PUT", json: body, token: null })).status).toBe(401);
    expect(await readPlatformEvents(api.runtime.table, "policy")).toEqual([]);

    const put = await api.request("/v1/policy", { method: "PUT", json: body });
    expect(put.status).toBe(200);
    expect(put.headers.get("etag")).toBe('"1"');
    const stored = await put.json();
    expect(stored).toMatchObject({ revision: 1, updatedBy: "admin", environments: body.environments });
    expect(Date.parse(stored.updatedAt)).not.toBeNaN();
    expect(await (await api.request("/v1/policy", { token: reader })).json()).toEqual(stored);
    expect((await api.request("/v1/policy", { token: reader, headers: { "if-none-match": '"1"' } })).status).toBe(304);
    expect((await api.request("/v1/policy", { token: reader, headers: { "if-none-match": '"0"' } })).status).toBe(200);

    const events = await readPlatformEvents(api.runtime.table, "policy");
    expect(events).toEqual([
      {
        id: "policy:1",
        type: "policy.changed",
        stream: "policy",
        actor: "admin",
        at: stored.updatedAt,
        data: { revision: 1, previousRevision: 0, changedEnvironments: ["production"], environments: body.environments },
      },
    ]);

    // The same document again changes nothing: no new revision, no event.
    expect((await setPolicy(body.environments)).revision).toBe(1);
    expect(await readPlatformEvents(api.runtime.table, "policy")).toHaveLength(1);
  });

  it("is documented in the OpenAPI document (GET and PUT, with the 412)", async () => {
    const openapi = await (await api.request("/openapi.json", { token: null })).json();
    expect(Object.keys(openapi.paths["/v1/policy"]).sort()).toEqual(["get", "put"]);
    expect(Object.keys(openapi.paths["/v1/policy"].put.responses)).toContain("412");
    expect(openapi.components.schemas.Policy).toBeDefined();
  });

  it("If-Match on the revision refuses to overwrite a newer policy (412)", async () => {
    const next = { environments: { production: { requiresApproval: true, approvers: ["release-manager"], after: ["staging"] } } };
    const stale = await api.request("/v1/policy", { method: "PUT", json: next, headers: { "if-match": '"0"' } });
    expect(stale.status).toBe(412);
    expect((await stale.json()).code).toBe("POLICY_REVISION_MISMATCH");
    const fresh = await api.request("/v1/policy", { method: "PUT", json: next, headers: { "if-match": '"1"' } });
    expect(fresh.status).toBe(200);
    expect((await fresh.json()).revision).toBe(2);
    const events = await readPlatformEvents(api.runtime.table, "policy");
    expect(events.at(-1)).toMatchObject({ id: "policy:2", actor: "admin", data: { revision: 2, previousRevision: 1 } });
  });

  it("refuses a malformed policy with 422 naming the field: unknown keys, bad values, after-cycles", async () => {
    const cases: [unknown, string][] = [
      [{ environments: { production: { requireApproval: true } } }, "environments.production"],
      [{ environments: { production: { strategies: ["blue-grean"] } } }, "environments.production.strategies[0]"],
      [{ environments: { Production: {} } }, "environments.Production"],
      [{ environments: { production: { after: ["production"] } } }, "environments.production.after[0]"],
      [{ environments: { staging: { after: ["production"] }, production: { after: ["staging"] } } }, "environments.staging.after"],
      [{ environments: { production: { requiresApproval: false, approvers: ["sre"] } } }, "environments.production.approvers"],
    ];
    for (const [body, path] of cases) {
      const res = await api.request("/v1/policy", { method: "PUT", json: body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      const paths = (await res.json()).errors.map((e: { path: string }) => e.path);
      expect(paths.some((p: string) => p.startsWith(path)), `${JSON.stringify(body)}: ${paths}`).toBe(true);
    }
    expect((await (await api.request("/v1/policy")).json()).revision).toBe(2);
  });

  it("holds production at an approval gate with the policy's role although the spec says requires_approval: false", async () => {
    await setPolicy({ production: { requiresApproval: true, approvers: ["release-manager"] } });
    await register(laxSpec("lax-api"));
    await succeed({ specId: "lax-api", version: 1, environment: "dev" });
    await succeed({ specId: "lax-api", version: 1, environment: "staging" });

    const dry = await deploy({ specId: "lax-api", version: 1, environment: "production" }, "?dryRun=true");
    expect(dry.status).toBe(200);
    const { plan } = await dry.json();
    expect(plan.settings.approvalRequired).toEqual({ value: true, source: "policy" });
    expect(plan.settings.approvers).toEqual({ value: ["release-manager"], source: "policy" });
    expect(plan.steps.find((s: { kind: string }) => s.kind === "approval")).toMatchObject({ requiredRoles: ["release-manager"] });

    const res = await deploy({ specId: "lax-api", version: 1, environment: "production" });
    expect(res.status).toBe(202);
    const { id } = await res.json();
    const waiting = await api.waitForDeployment(id, (d) => d.status === "awaiting_approval");
    expect(waiting.currentStep.kind).toBe("approval");
    expect(waiting.approvals[0]).toMatchObject({ status: "open", requiredRoles: ["release-manager"] });
    expect(waiting.trafficWeights.candidate).toBe(0);

    expect((await api.decide(id, releaseManager, { decision: "approve" })).outcome).toBe("approved");
    expect((await api.waitForDeployment(id)).status).toBe("succeeded");
  }, 60_000);

  it("a * entry is the floor for every environment the policy does not name: renaming production to prod does not escape it", async () => {
    await setPolicy({ production: { requiresApproval: true, approvers: ["release-manager"] }, "*": { requiresApproval: true, approvers: ["release-manager"] } });
    await register(laxSpec("renamed-api", { prod: { requires_approval: false } }));
    const { plan } = await (await deploy({ specId: "renamed-api", version: 1, environment: "prod" }, "?dryRun=true")).json();
    expect(plan.settings.approvalRequired).toEqual({ value: true, source: "policy" });
    expect(plan.settings.approvers).toEqual({ value: ["release-manager"], source: "policy" });
    // A named entry wins over *: dev is named with nothing to add, so the spec rules there.
    await setPolicy({ dev: {}, "*": { requiresApproval: true } });
    await register(laxSpec("named-api", { dev: {} }));
    const named = await (await deploy({ specId: "named-api", version: 1, environment: "dev" }, "?dryRun=true")).json();
    expect(named.plan.settings.approvalRequired.value).toBe(false);
    // * cannot carry prerequisites: it covers the environments it would name, a deadlock.
    const refused = await api.request("/v1/policy", { method: "PUT", json: { environments: { "*": { after: ["staging"] } } } });
    expect(refused.status).toBe(422);
    expect((await refused.json()).errors).toContainEqual(expect.objectContaining({ path: "environments.*.after" }));
    await setPolicy({});
  });

  it("adds the policy's roles to the spec's own (union), and the plan says which came from where", async () => {
    await register({ ...laxSpec("strict-api"), environments: { dev: { requires_approval: true, approvers: ["tech-lead"] } } });
    await setPolicy({ dev: { approvers: ["release-manager", "tech-lead"] } });
    const { plan } = await (await deploy({ specId: "strict-api", version: 1, environment: "dev" }, "?dryRun=true")).json();
    expect(plan.settings.approvalRequired).toEqual({ value: true, source: "environments.dev.requires_approval" });
    expect(plan.settings.approvers).toEqual({ value: ["tech-lead", "release-manager"], source: "environments.dev.approvers + policy" });
  });

  it("after: [staging] blocks a production deploy of a version not yet in staging, even when the spec's path skips staging", async () => {
    await setPolicy({ production: { after: ["staging"] } });
    await register(laxSpec("skip-api", { dev: {}, production: {} }));
    await succeed({ specId: "skip-api", version: 1, environment: "dev" });

    expect((await deploy({ specId: "skip-api", version: 1, environment: "production" }, "?dryRun=true")).status).toBe(409);
    const blocked = await deploy({ specId: "skip-api", version: 1, environment: "production" });
    expect(blocked.status).toBe(409);
    const problem = await blocked.json();
    expect(problem).toMatchObject({ code: "PROMOTION_PATH", requiredEnvironment: "staging", requiredBy: "policy", missingEnvironments: ["staging"] });
    expect(problem.detail).toContain("platform policy");
    expect((await (await api.request("/v1/deployments?specId=skip-api&environment=production")).json()).items).toEqual([]);

    // An admin may force it (recorded as forced); the plan shows where the prerequisites came from.
    const forced = await api.request("/v1/deployments?dryRun=true", { method: "POST", json: { specId: "skip-api", version: 1, environment: "production", force: true } });
    expect(forced.status).toBe(200);
    expect((await forced.json()).plan.settings.prerequisites).toEqual({ value: ["dev", "staging"], source: "environments + policy" });

    // On a spec whose path has staging, the version passes once it succeeded there.
    await register(laxSpec("path-api", { dev: {}, staging: {}, production: {} }));
    await succeed({ specId: "path-api", version: 1, environment: "dev" });
    await succeed({ specId: "path-api", version: 1, environment: "staging" });
    await succeed({ specId: "path-api", version: 1, environment: "production" });
  }, 60_000);

  it("a strategy outside `strategies` is a 422 POLICY_VIOLATION naming the field; a default the policy forbids gives way to it", async () => {
    await setPolicy({ production: { strategies: ["blue_green"] }, dev: { strategies: ["canary", "blue_green"] } });
    await register(laxSpec("strategy-api", { dev: {}, production: {} }));
    await succeed({ specId: "strategy-api", version: 1, environment: "dev" });

    const byRequest = await deploy({ specId: "strategy-api", version: 1, environment: "dev", strategy: "rolling" }, "?dryRun=true");
    expect(byRequest.status).toBe(422);
    const problem = await byRequest.json();
    expect(problem.code).toBe("POLICY_VIOLATION");
    expect(problem.errors).toEqual([{ path: "strategy", message: "is rolling; dev allows canary, blue_green" }]);

    const bySpec = await deploy({ specId: "strategy-api", version: 1, environment: "production" });
    expect(bySpec.status).toBe(422);
    expect((await bySpec.json()).errors).toEqual([{ path: "deployment.strategy", message: "is canary; production allows blue_green" }]);
    expect((await (await api.request("/v1/deployments?specId=strategy-api&environment=production")).json()).items).toEqual([]);

    const allowed = await deploy({ specId: "strategy-api", version: 1, environment: "production", strategy: "blue_green" }, "?dryRun=true");
    expect(allowed.status).toBe(200);

    const { deployment: _d, ...noStrategy } = laxSpec("default-api", { dev: {}, production: {} });
    const { strategy: _s, ...deployment } = _d;
    await register({ ...noStrategy, deployment });
    const { plan } = await (await deploy({ specId: "default-api", version: 1, environment: "production", force: true }, "?dryRun=true")).json();
    expect(plan.settings.strategy).toEqual({ value: "blue_green", source: "policy" });
  });

  it("auto_deploy: specs:write alone registers (201 + warning) but deploys nothing; policy autoDeploy: false blocks an admin too", async () => {
    await setPolicy({});
    const writer = await api.token(["specs:write", "specs:read"], { subject: "writer" });
    const auto = laxSpec("auto-api", { dev: { auto_deploy: true }, production: {} });
    const res = await api.request("/v1/specs", { method: "POST", json: auto, token: writer });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.deploymentId).toBeUndefined();
    expect(body.warnings).toContainEqual({
      path: "environments.dev.auto_deploy",
      message: "not deployed to dev: the registering credential (writer) lacks the `deploy` scope",
    });
    expect((await (await api.request("/v1/deployments?specId=auto-api")).json()).items).toEqual([]);

    await setPolicy({ dev: { autoDeploy: false } });
    const v2 = await api.request("/v1/specs", { method: "POST", json: { ...auto, description: "v2" } });
    expect(v2.status).toBe(201);
    const second = await v2.json();
    expect(second.version).toBe(2);
    expect(second.deploymentId).toBeUndefined();
    expect(second.warnings).toContainEqual({
      path: "environments.dev.auto_deploy",
      message: "not deployed to dev: the platform policy does not allow auto-deploy to dev",
    });
    expect((await (await api.request("/v1/deployments?specId=auto-api")).json()).items).toEqual([]);
    const { plan } = await (await deploy({ specId: "auto-api", version: 2, environment: "dev" }, "?dryRun=true")).json();
    expect(plan.settings.autoDeploy).toEqual({ value: false, source: "policy" });

    // Allowed by the policy and held by a deployer: it deploys, as before.
    await setPolicy({ dev: { autoDeploy: true } });
    const deployer = await api.token(["specs:write", "deploy", "specs:read"], { subject: "ci-deployer" });
    const v3 = await (await api.request("/v1/specs", { method: "POST", json: { ...auto, description: "v3" }, token: deployer })).json();
    expect(v3.deploymentId).toEqual(expect.any(String));
    expect((await api.waitForDeployment(v3.deploymentId)).status).toBe("succeeded");
  });

  it("auto_deploy with a rollout in flight: the registration stands, with a warning naming it", async () => {
    await setPolicy({ dev: { requiresApproval: true } });
    const auto = laxSpec("busy-api", { dev: { auto_deploy: true }, production: {} });
    const first = await register(auto);
    const firstId = first.deploymentId ?? expect.fail("auto_deploy started no deployment");
    await api.waitForDeployment(firstId, (d) => d.status === "awaiting_approval");
    const res = await api.request("/v1/specs", { method: "POST", json: { ...auto, description: "v2" } });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.deploymentId).toBeUndefined();
    const warning = body.warnings.find((w: { path: string }) => w.path === "environments.dev.auto_deploy");
    expect(warning.message).toContain(`already in flight (deployment ${firstId})`);
    await api.abort(firstId);
    expect((await api.waitForDeployment(firstId)).status).toBe("aborted");
  });
});

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { keys, marshallItem } from "@rollgate/core/store";
import type { Resolver } from "@rollgate/core/target";
import { createTestApi, type TestApi } from "../helpers/app.js";

/**
 * Registered targets end to end: the real HTTP app, DynamoDB Local, the real ASL on the
 * local engine, and a deployer on loopback that counts every request it gets.
 */

interface Received {
  action: string;
  headers: IncomingMessage["headers"];
}

let server: Server;
let port: number;
let received: Received[];
let behave: (action: string, res: ServerResponse) => void;
let api: TestApi;
const resolverAsked: string[] = [];

const json = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

/** A deployer that does what it is asked. */
function healthy(action: string, res: ServerResponse) {
  const weightsAfter = { stable: 0, candidate: 100 };
  if (action === "health") return json(res, 200, { healthy: true });
  if (action === "validate") return json(res, 200, { passed: true });
  if (action === "metrics") return json(res, 200, { errorRate: 0, latencyP99Ms: 50, requests: 100 });
  if (action === "shift" || action === "weights") return json(res, 200, weightsAfter);
  return res.writeHead(204).end();
}

// deployer.test is the loopback server; metadata.test is a name that resolves to the metadata address.
const resolver: Resolver = async (hostname) => {
  resolverAsked.push(hostname);
  if (hostname === "deployer.test") return [{ address: "127.0.0.1", family: 4 }];
  if (hostname === "metadata.test") return [{ address: "169.254.169.254", family: 4 }];
  throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      const action = String((JSON.parse(raw) as { action?: string }).action);
      received.push({ action, headers: req.headers });
      behave(action, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  api = await createTestApi({ targetResolver: resolver });
});

afterAll(async () => {
  await api.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  behave = healthy;
});

function spec(id: string, targets: { target?: string; devTarget?: string } = {}) {
  return {
    ospec_version: "1.0.0",
    id,
    name: id,
    outcome_type: "web-app",
    deployment: {
      strategy: "blue_green",
      traffic_switching: { validation_checks: [], rollback_threshold_seconds: 0 },
      ...(targets.target ? { target: targets.target } : {}),
    },
    environments: { dev: targets.devTarget ? { target: targets.devTarget } : {}, production: { requires_approval: false } },
  };
}

async function register(doc: Record<string, unknown>) {
  const { response, error } = await api.client.POST("/v1/specs", { body: doc });
  expect(response.status, JSON.stringify(error)).toBe(201);
}

async function putTarget(name: string, body: Record<string, unknown>) {
  const res = await api.request(`/v1/targets/${name}`, { method: "PUT", json: body });
  expect([200, 201], JSON.stringify(await res.clone().json())).toContain(res.status);
  return res.json();
}

const deploy = (specId: string, environment = "dev", query = "") =>
  api.request(`/v1/deployments${query}`, { method: "POST", json: { specId, version: 1, environment } });

/** Waits (generously: a loaded machine is slow) until the deployer got a teardown, as the post-success retirement sends. */
async function teardownReceived(): Promise<void> {
  for (let i = 0; i < 2_400 && !received.some((r) => r.action === "teardown"); i++) await new Promise((r) => setTimeout(r, 25));
  expect(received.map((r) => r.action)).toContain("teardown");
}

async function lockHeld(specId: string, environment: string): Promise<boolean> {
  const { table } = api.runtime;
  const { Item } = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: marshallItem(keys.lock(specId, environment)), ConsistentRead: true }));
  return Item !== undefined;
}

describe("specs name registered targets", () => {
  it("refuses inline webhook and lambda-alias targets at registration, in both modes, with the fix", async () => {
    const inline = [
      { deployment: { target: { type: "webhook", url: "http://169.254.169.254/", secret_env: "ROLLGATE_ADMIN_TOKEN" } }, path: "deployment.target" },
      { environments: { dev: { target: { type: "lambda-alias", function_name: "other-teams-api", alias: "live" } } }, path: "environments.dev.target" },
    ];
    for (const { path, ...fields } of inline) {
      for (const mode of ["", "?validation=strict"]) {
        const doc = { ...spec("inline-target"), ...fields };
        const res = await api.request(`/v1/specs${mode}`, { method: "POST", json: doc });
        expect(res.status).toBe(422);
        const problem = await res.json();
        const issue = problem.errors.find((e: { path: string }) => e.path === path);
        expect(issue?.message, JSON.stringify(problem.errors)).toContain("register it as a named target: PUT /v1/targets/{name}");
      }
    }
    expect((await api.request("/v1/specs/inline-target")).status).toBe(404);
  });

  it("refuses, with a 422 naming the field, a target the spec's id or environment may not use, or that does not exist (dry run too)", async () => {
    await putTarget("payments-prod", {
      type: "webhook",
      url: `http://deployer.test:${port}/deploy`,
      allowPrivateNetwork: true,
      specs: ["payments-*"],
      environments: ["production"],
    });
    await register(spec("orders-api", { target: "payments-prod" }));
    await register(spec("payments-api", { target: "payments-prod" }));
    await register(spec("payments-ledger", { devTarget: "payments-prod" }));
    await register(spec("payments-search", { target: "no-such-target" }));

    const cases: [string, string, string][] = [
      ["orders-api", "TARGET_NOT_ALLOWED", "deployment.target"], // outside the spec patterns
      ["payments-api", "TARGET_NOT_ALLOWED", "deployment.target"], // dev is not among its environments
      ["payments-ledger", "TARGET_NOT_ALLOWED", "environments.dev.target"],
      ["payments-search", "TARGET_NOT_FOUND", "deployment.target"],
    ];
    for (const [specId, code, field] of cases) {
      for (const query of ["", "?dryRun=true"]) {
        const res = await deploy(specId, "dev", query);
        expect(res.status, `${specId}${query}`).toBe(422);
        const problem = await res.json();
        expect(problem).toMatchObject({ code, errors: [{ path: field }] });
      }
    }
    expect((await (await api.request("/v1/deployments?specId=orders-api")).json()).items).toHaveLength(0);
    expect(received).toHaveLength(0);
  });

  it("rolls out through a registered webhook target; the plan names it and never carries the secret", async () => {
    const created = await putTarget("ledger-dev", {
      type: "webhook",
      url: `http://deployer.test:${port}/deploy`,
      allowPrivateNetwork: true,
      specs: ["ledger-*"],
      environments: ["dev"],
    });
    await register(spec("ledger-api", { target: "ledger-dev" }));
    const dry = await (await deploy("ledger-api", "dev", "?dryRun=true")).json();
    expect(dry.plan.settings.target).toEqual({ value: { name: "ledger-dev", type: "webhook" }, source: "deployment.target" });

    const res = await deploy("ledger-api");
    expect(res.status).toBe(202);
    const done = await api.waitForDeployment((await res.json()).id);
    expect(done.status).toBe("succeeded");
    // The old side is retired after the success is recorded (rollout/retirement.ts): wait for
    // that call too, so that it cannot land in the next test's count.
    await teardownReceived();
    expect(received.map((r) => r.action)).toEqual(expect.arrayContaining(["prepare", "health", "shift", "teardown"]));
    expect(received.every((r) => r.headers.host === `deployer.test:${port}` && String(r.headers["x-rollgate-signature"]).startsWith("sha256="))).toBe(true);
    expect(JSON.stringify(done)).not.toContain(created.secret.slice(6));
  });
});

describe("a webhook target that fails before anything moved", () => {
  const cases: [string, Record<string, unknown>, ((action: string, res: ServerResponse) => void) | undefined, string, number][] = [
    ["a 4xx", {}, (_a, res) => json(res, 409, { error: "BODY-MARKER busy" }), "TARGET_HTTP_STATUS", 1],
    ["a non-JSON answer", {}, (_a, res) => res.writeHead(200, { "content-type": "text/html" }).end("<h1>BODY-MARKER</h1>"), "TARGET_BAD_RESPONSE", 1],
    ["a redirect", {}, (_a, res) => res.writeHead(302, { location: "http://169.254.169.254/" }).end(), "TARGET_REDIRECT_REFUSED", 1],
    ["a host name resolving to the metadata address", { url: "http://metadata.test/latest/meta-data/" }, undefined, "TARGET_ADDRESS_REFUSED", 0],
    ["loopback without allowPrivateNetwork", { allowPrivateNetwork: false }, undefined, "TARGET_ADDRESS_REFUSED", 0],
    ["a host name that does not resolve", { url: "http://no-such-deployer.test/" }, undefined, "TARGET_DNS_FAILED", 0],
  ];
  let n = 0;
  for (const [name, overrides, behaviour, code, requests] of cases) {
    it(`(${name}) ends rolled_back with the cause, compensates nothing, and releases the lock`, async () => {
      const id = `fragile-${++n}`;
      await putTarget(id, { type: "webhook", url: `http://deployer.test:${port}/deploy`, allowPrivateNetwork: true, specs: [id], ...overrides });
      await register(spec(id, { target: id }));
      if (behaviour) behave = behaviour;
      const res = await deploy(id);
      expect(res.status).toBe(202);
      const done = await api.waitForDeployment((await res.json()).id);
      expect(done.status).toBe("rolled_back");
      expect(done.failure).toMatchObject({ code: "TARGET_ERROR", step: 0 });
      expect(done.failure.message).toContain(code);
      expect(done.compensationLog).toEqual([]);
      expect(done.pendingCompensations).toEqual([]);
      expect(done.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(["deployment.step_not_applied", "deployment.rolled_back"]));
      // Only the refused prepare reached the deployer (or nothing did); no teardown was attempted.
      expect(received.map((r) => r.action)).toEqual(Array(requests).fill("prepare"));
      expect(JSON.stringify(done)).not.toContain("BODY-MARKER");
      expect(JSON.stringify(done)).not.toContain("whsec_");
      expect(await lockHeld(id, "dev")).toBe(false);
      // The environment is free: the next rollout starts (and, with a healthy deployer, succeeds).
      behave = healthy;
      if (code === "TARGET_HTTP_STATUS") {
        const again = await deploy(id);
        expect(again.status).toBe(202);
        expect((await api.waitForDeployment((await again.json()).id)).status).toBe("succeeded");
        // Its retirement call follows the success; let it land here, not in the next case's count.
        await teardownReceived();
      }
    });
  }

  it("a failure after the candidate came up still tears it down", async () => {
    await putTarget("half-way", { type: "webhook", url: `http://deployer.test:${port}/deploy`, allowPrivateNetwork: true, specs: ["half-way"] });
    await register({ ...spec("half-way", { target: "half-way" }), guardrails: { deployment: { health_check_retries: 0 } } });
    behave = (action, res) => (action === "health" ? json(res, 200, { healthy: false, detail: "BODY-MARKER" }) : healthy(action, res));
    const done = await api.waitForDeployment((await (await deploy("half-way")).json()).id);
    expect(done.status).toBe("rolled_back");
    expect(done.failure.code).toBe("HEALTH_CHECK_FAILED");
    expect(done.compensationLog.map((c: { kind: string }) => c.kind)).toEqual(["teardown_candidate"]);
    expect(received.map((r) => r.action)).toEqual(["prepare", "health", "teardown"]);
    expect(JSON.stringify(done)).not.toContain("BODY-MARKER");
  });

  it("an admin narrowing a target mid-rollout stops it at the next forward call, and the rollback still tears down", async () => {
    const definition = { type: "webhook", url: `http://deployer.test:${port}/deploy`, allowPrivateNetwork: true, specs: ["narrowed"] };
    await putTarget("narrowing", definition);
    await register(spec("narrowed", { target: "narrowing" }));
    let answerHealth: () => void = () => undefined;
    const healthAsked = new Promise<void>((asked) => {
      behave = (action, res) => {
        if (action !== "health") return healthy(action, res);
        answerHealth = () => healthy(action, res);
        asked();
      };
    });
    const id = (await (await deploy("narrowed")).json()).id;
    await healthAsked;
    // While it is in use, the target cannot be deleted (its rollback would have nothing to undo with).
    const refused = await api.request("/v1/targets/narrowing", { method: "DELETE" });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: "TARGET_IN_USE", deploymentIds: [id] });
    await putTarget("narrowing", { ...definition, specs: ["someone-else"] });
    answerHealth();
    const done = await api.waitForDeployment(id);
    expect(done.status).toBe("rolled_back");
    expect(done.failure.message).toContain("may not be used by spec narrowed");
    expect(done.compensationLog.map((c: { kind: string; outcome: string }) => [c.kind, c.outcome])).toEqual([["teardown_candidate", "completed"]]);
    expect(received.map((r) => r.action)).toEqual(["prepare", "health", "teardown"]);
    expect(await lockHeld("narrowed", "dev")).toBe(false);
    expect((await api.request("/v1/targets/narrowing", { method: "DELETE" })).status).toBe(204);
  });

  it("consulted only the injected resolver for host names", () => {
    expect(new Set(resolverAsked)).toEqual(new Set(["deployer.test", "metadata.test", "no-such-deployer.test"]));
  });
});

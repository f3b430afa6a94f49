import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import { createDynamoClient, type TableContext } from "@rollgate/core/store";
import { createLogger } from "../../packages/functions/src/logger.js";
import { createRuntime, createSagaStepHandler, localOrchestration, type Runtime } from "../../packages/functions/src/wiring.js";
import { recordDynamoCalls } from "../helpers/dynamo-calls.js";
import { loadTestFixture } from "../helpers/fixtures.js";
import { createTestTable } from "../helpers/table.js";

/**
 * How many DynamoDB round trips POST /v1/deployments costs (issue 12: at most 4, plus
 * StartExecution; it was 8, and 10 with an Idempotency-Key). The API's client records its
 * calls; the saga's steps, which the local engine runs in this process once the execution
 * starts, use a client of their own, held back until the API has answered (as in AWS, where
 * the first step runs well after StartExecution returns), so they are neither counted nor
 * racing the count. Authentication's token and principal reads are left out. A count, not
 * a timing.
 */
const MAX_ROUND_TRIPS = 4;

describe("POST /v1/deployments round trips", () => {
  let table: TableContext & { drop(): Promise<void> };
  let stepClient: ReturnType<typeof createDynamoClient>;
  let runtime: Runtime;
  let recorder: ReturnType<typeof recordDynamoCalls>;
  let stepsMayRun: Promise<void> = Promise.resolve();
  let inProduction = "";
  const token = "rg_test_round_trips_admin_0123456789";
  const doc = parse(loadTestFixture("canary-service.yaml"));

  beforeAll(async () => {
    table = await createTestTable();
    stepClient = createDynamoClient({ endpoint: inject("dynamoEndpoint") });
    stepClient.middlewareStack.add((next) => async (args) => (await stepsMayRun, next(args)), { step: "initialize", name: "holdSteps" });
    const local = await localOrchestration({ waitScale: 0 });
    if (local.kind !== "local") throw new Error("expected the local engine");
    runtime = createRuntime(
      { tableName: table.tableName, cursorSecret: "test-secret", publicBaseUrl: "http://rollgate.test" },
      { ...local, stepHandler: (config, options) => createSagaStepHandler(config, { ...options, table: { client: stepClient, tableName: table.tableName } }) },
      { table, logger: createLogger("rollgate-test") },
    );
    await runtime.services.tokens.ensure(token, { subject: "admin", scopes: ["admin"] }, "test");
    recorder = recordDynamoCalls(table.client);
    expect((await request("/v1/specs", { method: "POST", body: JSON.stringify(doc) })).status).toBe(201);
  });
  afterAll(async () => {
    await runtime?.localOrchestrator?.stopAll("test finished");
    stepClient?.destroy();
    await table?.drop();
  });

  const request = (path: string, init: RequestInit = {}) =>
    runtime.app.request(path, {
      ...init,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(init.headers as Record<string, string>) },
    });

  /** POSTs and returns the answer with the DynamoDB calls it made; the saga's steps wait until `after` ran. */
  async function counted(path: string, body: unknown, headers: Record<string, string> = {}, after?: (res: Response) => Promise<void>) {
    let release!: () => void;
    stepsMayRun = new Promise((resolve) => (release = resolve));
    try {
      const mark = recorder.mark();
      const res = await request(path, { method: "POST", body: JSON.stringify(body), headers });
      const calls = recorder.since(mark).map((call) => call.command);
      await after?.(res.clone());
      return { res, calls };
    } finally {
      release();
    }
  }

  async function finish(id: string) {
    for (;;) {
      const d = (await (await request(`/v1/deployments/${id}`)).json()) as { status: string };
      if (["succeeded", "rolled_back", "rollback_failed", "aborted"].includes(d.status)) return d.status;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it("a numbered version: one batched read, the deployment's transaction, StartExecution, the recorded start", async () => {
    let shownLater: unknown;
    const { res, calls } = await counted("/v1/deployments", { specId: "payments-api", version: 1, environment: "dev" }, {}, async (answer) => {
      // What GET shows before the execution moved it is what the POST answered, without reading it back.
      const { id } = (await answer.json()) as { id: string };
      shownLater = await (await request(`/v1/deployments/${id}`)).json();
    });
    expect(res.status).toBe(202);
    expect(calls).toEqual(["BatchGetItem", "TransactWriteItems", "TransactWriteItems"]);
    expect(calls.length).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
    const { warnings, ...started } = (await res.json()) as { id: string; executionId: string; warnings: unknown[]; timeline: { type: string }[] };
    expect(warnings).toEqual([]);
    expect(started).toEqual(shownLater);
    expect(started.timeline.map((e) => e.type)).toEqual(["deployment.created", "deployment.execution_started"]);
    // The execution's name is derived from the deployment id: a retried start names the same one.
    expect(started.executionId).toMatch(new RegExp(`:${started.id}-run$`));
    expect(await finish(started.id)).toBe("succeeded");
  });

  it("a promotion with its prerequisite and an Idempotency-Key: no round trip more; a replay is one read", async () => {
    const body = { specId: "payments-api", version: 1, environment: "staging" };
    const first = await counted("/v1/deployments", body, { "idempotency-key": "round-trips-1" });
    expect(first.res.status).toBe(202);
    expect(first.calls).toEqual(["BatchGetItem", "TransactWriteItems", "TransactWriteItems"]);
    const answered = (await first.res.json()) as { id: string };

    const replay = await counted("/v1/deployments", body, { "idempotency-key": "round-trips-1" });
    expect(replay.res.status).toBe(202);
    expect(replay.res.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.res.json()).toEqual(answered);
    expect(replay.calls).toEqual(["BatchGetItem"]);

    const reused = await counted("/v1/deployments", { ...body, reason: "another request" }, { "idempotency-key": "round-trips-1" });
    expect(reused.res.status).toBe(422);
    expect(((await reused.res.json()) as { code: string }).code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await finish(answered.id)).toBe("succeeded");
  });

  it("a registered target costs its one read; `latest` resolves in parallel with the batch", async () => {
    const target = await request("/v1/targets/round-trips", {
      method: "PUT",
      body: JSON.stringify({ type: "webhook", url: "http://127.0.0.1:9/deployer", allowPrivateNetwork: true, specs: ["round-trips-*"] }),
    });
    expect(target.status).toBe(201);
    const named = { ...doc, id: "round-trips-target", deployment: { ...doc.deployment, target: "round-trips" } };
    expect((await request("/v1/specs", { method: "POST", body: JSON.stringify(named) })).status).toBe(201);
    const { res, calls } = await counted("/v1/deployments", { specId: "round-trips-target", version: 1, environment: "dev" });
    expect(res.status).toBe(202);
    expect(calls).toEqual(["BatchGetItem", "GetItem", "TransactWriteItems", "TransactWriteItems"]);
    expect(calls.length).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
    // Nothing listens there: the rollout ends rolled back, with its cause.
    expect(await finish(((await res.json()) as { id: string }).id)).toBe("rolled_back");

    const latest = await counted("/v1/deployments", { specId: "payments-api", version: "latest", environment: "production" });
    expect(latest.res.status).toBe(202);
    expect([...latest.calls].sort()).toEqual(["BatchGetItem", "Query", "TransactWriteItems", "TransactWriteItems"]);
    inProduction = ((await latest.res.json()) as { id: string }).id;
  });

  it("refusals keep their answers and precedence: a missing prerequisite before a held lock", async () => {
    expect((await request("/v1/specs", { method: "POST", body: JSON.stringify({ ...doc, description: "v2" }) })).status).toBe(201);
    const skipped = await counted("/v1/deployments", { specId: "payments-api", version: 2, environment: "staging" });
    expect(skipped.res.status).toBe(409);
    expect(await skipped.res.json()).toMatchObject({ code: "PROMOTION_PATH", requiredEnvironment: "dev" });
    // production's lock is held by the rollout of the previous case (waiting for approval).
    const both = await counted("/v1/deployments", { specId: "payments-api", version: 2, environment: "production" });
    expect(both.res.status).toBe(409);
    expect(await both.res.json()).toMatchObject({ code: "PROMOTION_PATH", requiredEnvironment: "staging" });
    const held = await counted("/v1/deployments", { specId: "payments-api", version: 1, environment: "production" });
    expect(held.res.status).toBe(409);
    expect(await held.res.json()).toMatchObject({ code: "LOCK_HELD", deploymentId: inProduction });
  });
  it("a promotion under an Idempotency-Key carries the key as POST /v1/deployments does; a replay is one read", async () => {
    const toDev = await request("/v1/deployments", { method: "POST", body: JSON.stringify({ specId: "payments-api", version: 2, environment: "dev" }) });
    expect(await finish(((await toDev.json()) as { id: string }).id)).toBe("succeeded");
    const body = { from: "dev", to: "staging", reason: "promote with a key" };
    const first = await counted("/v1/specs/payments-api/promote", body, { "idempotency-key": "round-trips-promote" });
    expect(first.res.status).toBe(202);
    // The key's record with dev's pointer, the version's document (the path check), the deployment's batch and transactions.
    expect(first.calls).toEqual(["BatchGetItem", "GetItem", "BatchGetItem", "TransactWriteItems", "TransactWriteItems"]);
    const answered = (await first.res.json()) as { id: string; version: number; environment: string };
    expect(answered).toMatchObject({ version: 2, environment: "staging" });

    const replay = await counted("/v1/specs/payments-api/promote", body, { "idempotency-key": "round-trips-promote" });
    expect(replay.res.status).toBe(202);
    expect(replay.res.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.res.json()).toEqual(answered);
    expect(replay.calls).toEqual(["BatchGetItem"]);

    const reused = await counted("/v1/specs/payments-api/promote", { ...body, reason: "another request" }, { "idempotency-key": "round-trips-promote" });
    expect(reused.res.status).toBe(422);
    expect(((await reused.res.json()) as { code: string }).code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await finish(answered.id)).toBe("succeeded");
  });
});

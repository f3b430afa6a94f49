import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { parse } from "yaml";
import { GetItemCommand, type AttributeValue, type KeysAndAttributes } from "@aws-sdk/client-dynamodb";
import { createDashboardReads } from "@rollgate/core/dashboard";
import { compilePlan, createDynamoDeploymentStore, newDeploymentRecord } from "@rollgate/core/rollout";
import { createDynamoClient, keys, marshallItem, readItems, unmarshallItem } from "@rollgate/core/store";
import { loadTestFixture } from "../helpers/fixtures.js";
import { createTestTable } from "../helpers/table.js";

const SPECS = 45; // 45 specs x 3 environments = 135 pointers: two batches
const IN_FLIGHT = 130; // two batches
const ENVS = ["dev", "staging", "production"];

type BatchOutput = { Responses?: Record<string, Record<string, AttributeValue>[]>; UnprocessedKeys?: Record<string, KeysAndAttributes> };

/**
 * A client on the same DynamoDB Local whose BatchGetItem answers leave half of the items of
 * every other answer unprocessed, as DynamoDB does under throttling: the keys come back in
 * UnprocessedKeys and the caller must read them again.
 */
function throttlingClient() {
  const client = createDynamoClient({ endpoint: inject("dynamoEndpoint") });
  const batches: { requested: number; answered: number; projected: boolean }[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName !== "BatchGetItemCommand") return result;
      const request = (args.input as { RequestItems: Record<string, KeysAndAttributes> }).RequestItems;
      const [tableName, asked] = Object.entries(request)[0]!;
      const output = result.output as BatchOutput;
      const items = output.Responses?.[tableName] ?? [];
      const throttle = batches.length % 2 === 0 && items.length > 1;
      const kept = throttle ? items.slice(0, Math.floor(items.length / 2)) : items;
      const left = items.slice(kept.length);
      batches.push({ requested: asked.Keys!.length, answered: kept.length, projected: !!asked.ProjectionExpression });
      output.Responses = { [tableName]: kept };
      output.UnprocessedKeys = left.length ? { [tableName]: { ...asked, Keys: left.map(({ pk, sk }) => ({ pk: pk!, sk: sk! })) } } : {};
      return result;
    },
    { step: "initialize", name: "throttleBatchGet" },
  );
  return { client, batches };
}

describe("the dashboard's reads (readItems: batches, unprocessed keys read again)", () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  const inFlightIds: string[] = [];
  beforeAll(async () => {
    table = await createTestTable();
    const store = createDynamoDeploymentStore({ table, clock: () => new Date() });
    const base = parse(loadTestFixture("canary-service.yaml"));
    const empty = { currentVersion: null, previousVersion: null, lastDeploymentId: null };
    const work: (() => Promise<unknown>)[] = [];
    for (let s = 0; s < SPECS; s++) {
      const specId = `dash-svc-${String(s).padStart(2, "0")}`;
      for (const environment of ENVS) {
        const plan = compilePlan({ specId, version: 1, document: { ...base, id: specId }, environment, environmentsPath: ENVS });
        const at = new Date().toISOString();
        const fresh = newDeploymentRecord({ plan, requestedBy: "ci" }, null, at);
        work.push(() =>
          store.commit(undefined, {
            after: { ...fresh, status: "in_progress" },
            events: [{ type: "deployment.created", data: { version: 1, strategy: plan.strategy, purpose: plan.purpose } }],
            extra: [{ effect: { kind: "point_environment", before: empty, at } }],
          }),
        );
      }
    }
    for (let d = 0; d < IN_FLIGHT; d++) {
      const specId = `dash-flight-${String(d).padStart(3, "0")}`;
      const plan = compilePlan({ specId, version: 1, document: { ...base, id: specId }, environment: "dev", environmentsPath: ENVS });
      const record = newDeploymentRecord({ plan, requestedBy: "ci" }, null, new Date(Date.now() - d * 1000).toISOString());
      inFlightIds.push(record.id);
      work.push(() =>
        store.commit(undefined, {
          after: record,
          events: [{ type: "deployment.created", data: { version: 1, strategy: plan.strategy, purpose: plan.purpose } }],
          extra: [{ effect: { kind: "mark_active" } }],
        }),
      );
    }
    // A few writers at once: the shared DynamoDB Local serves every test file.
    for (let i = 0; i < work.length; i += 4) await Promise.all(work.slice(i, i + 4).map((write) => write()));
  });
  afterAll(async () => table?.drop());

  it("lists every in-flight deployment, newest first, with the list's fields only, although half of the batch came back unprocessed", async () => {
    const { client, batches } = throttlingClient();
    const reads = createDashboardReads({ table: { client, tableName: table.tableName } });
    const inFlight = await reads.inFlight();
    expect(inFlight.map((d) => d.id)).toEqual(inFlightIds);
    expect(inFlight[0]).toMatchObject({ specId: "dash-flight-000", environment: "dev", status: "pending", requestedBy: "ci", version: 1 });
    expect(inFlight[0]).not.toHaveProperty("plan");
    expect(inFlight[0]).not.toHaveProperty("timeline");
    // Two batches of at most 100 keys, each throttled once and read again: no GetItem per deployment.
    expect(batches.filter((b) => b.answered < b.requested).length).toBeGreaterThan(0);
    expect(batches.every((b) => b.requested <= 100 && b.projected)).toBe(true);
    expect(batches.reduce((n, b) => n + b.answered, 0)).toBe(IN_FLIGHT);
    client.destroy();
  });

  it("shows every spec's environment pointers from batches once the names are known, unprocessed keys included", async () => {
    const { client, batches } = throttlingClient();
    const reads = createDashboardReads({ table: { client, tableName: table.tableName } });
    const specIds = Array.from({ length: SPECS }, (_, s) => `dash-svc-${String(s).padStart(2, "0")}`);
    const learned = await reads.environments(specIds); // one query per spec learns the names
    expect(batches).toHaveLength(0);
    const batched = await reads.environments(specIds, ["qa"]); // the known names plus one that does not exist
    expect(batched).toEqual(learned);
    for (const id of specIds) {
      expect(batched.get(id)!.map((c) => c.environment).sort()).toEqual([...ENVS].sort());
      expect(batched.get(id)!.every((c) => c.currentVersion === 1 && typeof c.lastDeploymentId === "string")).toBe(true);
    }
    expect(batches.filter((b) => b.answered < b.requested).length).toBeGreaterThan(0);
    expect(batches.reduce((n, b) => n + b.answered, 0)).toBe(SPECS * ENVS.length);
    client.destroy();
  });

  it("readItems with attributes reads only those plus the keys", async () => {
    const { client } = throttlingClient();
    const one = await readItems({ client, tableName: table.tableName }, [{ key: keys.deployment(inFlightIds[0]!), decode: (i) => i }], { attributes: ["status"] });
    expect(Object.keys(one[0]!).sort()).toEqual(["pk", "sk", "status"]);
    const whole = await client.send(new GetItemCommand({ TableName: table.tableName, Key: marshallItem(keys.deployment(inFlightIds[0]!)) }));
    expect(Object.keys(unmarshallItem(whole.Item!)).length).toBeGreaterThan(3);
    client.destroy();
  });
});

import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { GetItemCommand, QueryCommand, TransactWriteItemsCommand } from "@aws-sdk/client-dynamodb";
import { stringify } from "yaml";
import { Agent } from "node:http";
import { createDynamoClient, ensureTable, keys, marshallItem } from "@rollgate/core/store";
import { benchClient, yamlBody } from "./client.js";
import { fmt, median, percentile, runConcurrent, verdict } from "./stats.js";

const CLIENTS = 16;

/**
 * Registry figures from one DynamoDB Local: GET latest over HTTP against the raw query it
 * needs, and registrations per second against raw TransactWriteItems per second.
 */
export async function benchRegistry(endpoint: string, options: { readsOnly?: boolean } = {}): Promise<string[]> {
  const tableName = `bench-${randomUUID().slice(0, 8)}`;
  const client = createDynamoClient({ endpoint });
  await ensureTable({ client, tableName });
  const token = `rg_bench_${randomUUID()}`;

  // BENCH_CPU_PROF=DIR: the API server writes a V8 CPU profile there when it stops (for the cost split).
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : [];
  const server = spawn(process.execPath, [...profile, "--import", "tsx", "bench/server.ts"], {
    env: { ...process.env, BENCH_TABLE: tableName, BENCH_DYNAMO: endpoint, BENCH_TOKEN: token },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await once(server.stdout!, "data")) as [Buffer];
  const port = Number(/READY (\d+)/.exec(line.toString())?.[1]);
  const base = `http://127.0.0.1:${port}`;
  const floorServer = spawn(process.execPath, ["--import", "tsx", "bench/floor-server.ts"], {
    env: { ...process.env, BENCH_TABLE: tableName, BENCH_DYNAMO: endpoint },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [floorLine] = (await once(floorServer.stdout!, "data")) as [Buffer];
  const floorBase = `http://127.0.0.1:${Number(/READY (\d+)/.exec(floorLine.toString())?.[1])}`;
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const api = benchClient(base, token, agent);
  // The floor server answers the same path as the API: the same client, another origin.
  const floor = benchClient(floorBase, token, agent);
  const latest = { params: { path: { specId: "bench-read", version: "latest" } } };

  try {
    const doc = (id: string, marker: string) => stringify({ ospec_version: "1.0.0", id, name: "Bench", outcome_type: "web-app", description: marker });
    const seeded = await api.POST("/v1/specs", yamlBody(doc("bench-read", "seed")));
    if (seeded.response.status !== 201) throw new Error(`seed failed: ${seeded.response.status} ${JSON.stringify(seeded.error)}`);

    // Warm both paths (connections, JIT, token cache), then alternate rounds so that drift
    // on this shared machine hits both alike.
    const rawRead = () =>
      client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: marshallItem({ ":pk": keys.spec("bench-read").pk, ":prefix": keys.specVersionPrefix() }),
          ScanIndexForward: false,
          Limit: 1,
          // What the API reads for a JSON response: the summary and the canonical text.
          ProjectionExpression: "specId, version, contentHash, #state, #format, createdAt, createdBy, updatedAt, updatedBy, warnings, canonicalGz",
          ExpressionAttributeNames: { "#state": "state", "#format": "format" },
        }),
      );
    // What `latest` reads now: the spec item's latest version number (then the read cache).
    const rawPointer = () => client.send(new GetItemCommand({ TableName: tableName, Key: marshallItem(keys.spec("bench-read")) }));
    const httpRead = async () => {
      const { response } = await api.GET("/v1/specs/{specId}/versions/{version}", latest);
      if (response.status !== 200) throw new Error(`GET latest: ${response.status}`);
    };
    // A numbered version: immutable, so the server may answer from its read cache.
    const httpNumbered = async () => {
      const { response } = await api.GET("/v1/specs/{specId}/versions/{version}", { params: { path: { specId: "bench-read", version: "1" } } });
      if (response.status !== 200) throw new Error(`GET version 1: ${response.status}`);
    };
    const floorRead = async () => {
      const { response } = await floor.GET("/v1/specs/{specId}/versions/{version}", latest);
      if (response.status !== 200) throw new Error(`floor GET: ${response.status}`);
    };
    await runConcurrent(CLIENTS, 400, rawRead);
    await runConcurrent(CLIENTS, 400, httpRead);
    await runConcurrent(CLIENTS, 400, httpNumbered);
    await runConcurrent(CLIENTS, 400, floorRead);
    const raw: number[] = [];
    const viaHttp: number[] = [];
    const viaHttpNumbered: number[] = [];
    const viaFloor: number[] = [];
    const pointer: number[] = [];
    await runConcurrent(CLIENTS, 400, rawPointer);
    for (let round = 0; round < 5; round++) {
      raw.push(...(await runConcurrent(CLIENTS, 400, rawRead)).latencies);
      pointer.push(...(await runConcurrent(CLIENTS, 400, rawPointer)).latencies);
      viaHttp.push(...(await runConcurrent(CLIENTS, 400, httpRead)).latencies);
      viaHttpNumbered.push(...(await runConcurrent(CLIENTS, 400, httpNumbered)).latencies);
      viaFloor.push(...(await runConcurrent(CLIENTS, 400, floorRead)).latencies);
    }
    const rawP50 = median(raw);
    const rawP99 = percentile(raw, 99);
    const readLine = (what: string, samples: number[], target: number) => {
      const p50 = median(samples);
      const p99 = percentile(samples, 99);
      return [
        `  ${what} over HTTP: p50 ${fmt(p50)} ms, p99 ${fmt(p99)} ms (n=${samples.length})`,
        `    ratio to the raw Query: p50 ${fmt(p50 / rawP50)}x, p99 ${fmt(p99 / rawP99)}x (target p50 <= ${fmt(target)}x: ${verdict(p50 / rawP50 <= target)})`,
      ];
    };
    const reads = [
      `registry reads (DynamoDB Local, ${CLIENTS} concurrent clients, HTTP server in its own process)`,
      `  the raw Query a read needs (newest version, summary + canonical text): p50 ${fmt(rawP50)} ms, p99 ${fmt(rawP99)} ms (n=${raw.length})`,
      ...readLine("GET /v1/specs/{id}/versions/1 (numbered, read cache)", viaHttpNumbered, 1.0),
      ...readLine("GET /v1/specs/{id}/versions/latest", viaHttp, 1.25),
      `    (latest reads the spec item, one GetItem, then the read cache; that raw GetItem alone: p50 ${fmt(median(pointer))} ms, p99 ${fmt(percentile(pointer, 99))} ms; latest over it: ${fmt(median(viaHttp) / median(pointer))}x)`,
      `  floor of the HTTP hop (bare node:http server, same Query, no framework/auth): p50 ${fmt(median(viaFloor))} ms = ${fmt(median(viaFloor) / rawP50)}x raw; latest over the floor: ${fmt(median(viaHttp) / median(viaFloor))}x`,
    ];
    if (options.readsOnly) return reads;

    // Writes: each client registers distinct documents to its own spec (CI's pattern);
    // raw: the same three-item transaction with fresh keys.
    let seq = 0;
    const register = async (_i: number, clientIndex: number) => {
      const res = await api.POST("/v1/specs", yamlBody(doc(`bench-w-${clientIndex}`, `m-${seq++}`)));
      if (res.response.status !== 201) throw new Error(`register: ${res.response.status} ${JSON.stringify(res.error)}`);
    };
    const rawWrite = async (i: number) => {
      const specId = `raw-${i}`;
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: marshallItem(keys.spec(specId)),
                UpdateExpression: "SET latestVersion = :v",
                ConditionExpression: "attribute_not_exists(pk)",
                ExpressionAttributeValues: marshallItem({ ":v": 1 }),
              },
            },
            { Put: { TableName: tableName, Item: marshallItem({ ...keys.specVersion(specId, 1), body: "x".repeat(300) }), ConditionExpression: "attribute_not_exists(pk)" } },
            { Put: { TableName: tableName, Item: marshallItem({ ...keys.contentHash(specId, "h"), version: 1 }), ConditionExpression: "attribute_not_exists(pk)" } },
          ],
        }),
      );
    };
    await runConcurrent(CLIENTS, 100, register);
    let rawOps = 0;
    let rawSeconds = 0;
    let regOps = 0;
    let regSeconds = 0;
    for (let round = 0; round < 3; round++) {
      const r = await runConcurrent(CLIENTS, 300, (i) => rawWrite(round * 1000 + i));
      rawOps += 300;
      rawSeconds += r.seconds;
      const g = await runConcurrent(CLIENTS, 300, register);
      regOps += 300;
      regSeconds += g.seconds;
    }

    const regRate = regOps / regSeconds;
    const rawRate = rawOps / rawSeconds;
    const writeShare = regRate / rawRate;
    return [
      ...reads,
      `  registrations: ${fmt(regRate, 0)}/s; raw TransactWriteItems (same 3 items): ${fmt(rawRate, 0)}/s`,
      `  registrations as a share of raw: ${fmt(writeShare * 100, 0)}% (target >= 60%: ${verdict(writeShare >= 0.6)})`,
    ];
  } finally {
    server.kill("SIGTERM");
    floorServer.kill("SIGTERM");
    agent.destroy();
    client.destroy();
  }
}

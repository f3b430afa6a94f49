import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { QueryCommand, TransactWriteItemsCommand } from "@aws-sdk/client-dynamodb";
import { stringify } from "yaml";
import { Agent, request } from "node:http";
import { createDynamoClient, ensureTable, keys, marshallItem } from "@rollgate/core/store";
import { fmt, median, percentile, runConcurrent, verdict } from "./stats.js";

const CLIENTS = 16;

/**
 * Registry figures from one DynamoDB Local: GET latest over HTTP against the raw query it
 * needs, and registrations per second against raw TransactWriteItems per second.
 */
export async function benchRegistry(endpoint: string): Promise<string[]> {
  const tableName = `bench-${randomUUID().slice(0, 8)}`;
  const client = createDynamoClient({ endpoint });
  await ensureTable({ client, tableName });
  const token = `rg_bench_${randomUUID()}`;

  const server = spawn(process.execPath, ["--import", "tsx", "bench/server.ts"], {
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
  const http = (path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}, origin = base) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        `${origin}${path}`,
        { agent, method: init.method ?? "GET", headers: { authorization: `Bearer ${token}`, ...init.headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        },
      );
      req.on("error", reject);
      req.end(init.body);
    });

  try {
    const doc = (id: string, marker: string) => stringify({ ospec_version: "1.0.0", id, name: "Bench", outcome_type: "web-app", description: marker });
    const seeded = await http("/v1/specs", { method: "POST", body: doc("bench-read", "seed"), headers: { "content-type": "application/yaml" } });
    if (seeded.status !== 201) throw new Error(`seed failed: ${seeded.status} ${seeded.text}`);

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
    const httpRead = async () => {
      const res = await http("/v1/specs/bench-read/versions/latest");
      if (res.status !== 200) throw new Error(`GET latest: ${res.status}`);
    };
    const floorRead = async () => {
      const res = await http("/v1/specs/bench-read/versions/latest", {}, floorBase);
      if (res.status !== 200) throw new Error(`floor GET: ${res.status}`);
    };
    await runConcurrent(CLIENTS, 400, rawRead);
    await runConcurrent(CLIENTS, 400, httpRead);
    await runConcurrent(CLIENTS, 400, floorRead);
    const raw: number[] = [];
    const viaHttp: number[] = [];
    const viaFloor: number[] = [];
    for (let round = 0; round < 5; round++) {
      raw.push(...(await runConcurrent(CLIENTS, 400, rawRead)).latencies);
      viaHttp.push(...(await runConcurrent(CLIENTS, 400, httpRead)).latencies);
      viaFloor.push(...(await runConcurrent(CLIENTS, 400, floorRead)).latencies);
    }

    // Writes: each client registers distinct documents to its own spec (CI's pattern);
    // raw: the same three-item transaction with fresh keys.
    let seq = 0;
    const register = async (_i: number, clientIndex: number) => {
      const res = await http("/v1/specs", {
        method: "POST",
        body: doc(`bench-w-${clientIndex}`, `m-${seq++}`),
        headers: { "content-type": "application/yaml" },
      });
      if (res.status !== 201) throw new Error(`register: ${res.status} ${res.text}`);
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

    const httpP50 = median(viaHttp);
    const rawP50 = median(raw);
    const readRatio = httpP50 / rawP50;
    const regRate = regOps / regSeconds;
    const rawRate = rawOps / rawSeconds;
    const writeShare = regRate / rawRate;
    return [
      `registry (DynamoDB Local, ${CLIENTS} concurrent clients, HTTP server in its own process)`,
      `  GET /v1/specs/{id}/versions/latest over HTTP: p50 ${fmt(httpP50)} ms, p99 ${fmt(percentile(viaHttp, 99))} ms (n=${viaHttp.length})`,
      `  the raw Query it needs (newest version, same projection): p50 ${fmt(rawP50)} ms, p99 ${fmt(percentile(raw, 99))} ms (n=${raw.length})`,
      `  ratio HTTP p50 / raw p50: ${fmt(readRatio)}x (target <= 1.3x: ${verdict(readRatio <= 1.3)})`,
      `  floor of the HTTP hop (bare node:http server, same Query, no framework/auth): p50 ${fmt(median(viaFloor))} ms = ${fmt(median(viaFloor) / rawP50)}x raw; Rollgate over the floor: ${fmt(httpP50 / median(viaFloor))}x`,
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

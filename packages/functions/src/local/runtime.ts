import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ensureTable } from "@rollgate/core/store";
import { createRuntime, type Runtime } from "../wiring.js";
import { startDynamoLocal, type DynamoLocal } from "./dynamodb-local.js";
import { assertPortFree } from "./ports.js";

export interface LocalRuntime {
  runtime: Runtime;
  dynamo: DynamoLocal;
  dataDir: string;
  adminTokenLines: string[];
  stop(): Promise<void>;
}

const TABLE = "rollgate";

/** Reads a secret kept in the data dir, creating it on first start. */
function persistentSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** A Java left running by a process that was killed hard holds the data files: stop it. */
function stopStaleDynamo(pidFile: string) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8"));
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (cmdline.includes("DynamoDBLocal")) process.kill(pid, "SIGKILL");
  } catch {
    // not running (or no /proc): nothing to do
  }
  rmSync(pidFile, { force: true });
}

export async function startLocalRuntime(options: { port: number; host: string; dataDir: string }): Promise<LocalRuntime> {
  await assertPortFree(options.port, options.host);
  const dataDir = resolve(options.dataDir);
  const dbDir = join(dataDir, "dynamodb");
  mkdirSync(dbDir, { recursive: true });
  const pidFile = join(dataDir, "dynamodb.pid");
  stopStaleDynamo(pidFile);

  const dynamo = await startDynamoLocal({ dbPath: dbDir });
  writeFileSync(pidFile, String(dynamo.pid ?? ""));
  const stopDynamo = async () => {
    await dynamo.stop();
    rmSync(pidFile, { force: true });
  };
  // A crash must not leave Java running.
  process.once("exit", () => {
    if (dynamo.pid) {
      try {
        process.kill(dynamo.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  });

  try {
    const runtime = createRuntime({
      tableName: TABLE,
      dynamoEndpoint: dynamo.endpoint,
      cursorSecret: persistentSecret(join(dataDir, "cursor-secret")),
      publicBaseUrl: process.env.ROLLGATE_PUBLIC_URL ?? `http://localhost:${options.port}`,
    });
    await ensureTable(runtime.table);
    const adminTokenLines = await bootstrapAdmin(runtime, dataDir);
    return {
      runtime,
      dynamo,
      dataDir,
      adminTokenLines,
      async stop() {
        await stopDynamo();
      },
    };
  } catch (error) {
    await stopDynamo();
    throw error;
  }
}

/** ROLLGATE_ADMIN_TOKEN, or a generated token printed once (only its hash is stored). */
async function bootstrapAdmin(runtime: Runtime, dataDir: string): Promise<string[]> {
  const given = process.env.ROLLGATE_ADMIN_TOKEN;
  const admin = { subject: "admin", scopes: ["admin" as const], roles: [] };
  if (given) {
    await runtime.services.tokens.ensure(given, admin, "bootstrap");
    return ["  Admin token: from ROLLGATE_ADMIN_TOKEN"];
  }
  const marker = join(dataDir, "admin-token-issued");
  if (existsSync(marker)) {
    return [`  Admin token: printed at first start (only its hash is kept); to mint a new one, set ROLLGATE_ADMIN_TOKEN or remove ${marker}`];
  }
  const issued = await runtime.services.tokens.issue(admin, "bootstrap");
  writeFileSync(marker, `${issued.id}\n`);
  return [`  Admin token (shown once, keep it): ${issued.token}`, `    export ROLLGATE_TOKEN=${issued.token}`];
}

import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ensureTable } from "@rollgate/core/store";
import { createWebhookLinkDelivery, type ApprovalLinkDelivery } from "@rollgate/core/approval";
import { isAlertEvent, isDeploymentEvent, type Notifier } from "@rollgate/core/events";
import { createLogger } from "../logger.js";
import { createRuntime, localOrchestration, type Runtime } from "../wiring.js";
import { startStreamPoller } from "./stream-poller.js";
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

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * The pid file holds `<node pid> <java pid>`. Another Rollgate still running on this data
 * dir is an error; a Java left behind by one that was killed hard is stopped.
 */
function claimDataDir(pidFile: string, dataDir: string) {
  if (!existsSync(pidFile)) return;
  const [ownerPid, javaPid] = readFileSync(pidFile, "utf8").trim().split(/\s+/).map(Number);
  if (ownerPid && ownerPid !== process.pid && alive(ownerPid)) {
    throw new DataDirInUseError(`another Rollgate (pid ${ownerPid}) is using ${dataDir}: stop it, or set ROLLGATE_DATA_DIR to another directory`);
  }
  try {
    const cmdline = javaPid ? readFileSync(`/proc/${javaPid}/cmdline`, "utf8") : "";
    if (javaPid && cmdline.includes("DynamoDBLocal")) process.kill(javaPid, "SIGKILL");
  } catch {
    // not running (or no /proc): nothing to do
  }
  rmSync(pidFile, { force: true });
}

export class DataDirInUseError extends Error {
  override name = "DataDirInUseError";
}

export async function startLocalRuntime(options: { port: number; host: string; dataDir: string }): Promise<LocalRuntime> {
  await assertPortFree(options.port, options.host);
  const dataDir = resolve(options.dataDir);
  const dbDir = join(dataDir, "dynamodb");
  mkdirSync(dbDir, { recursive: true });
  const pidFile = join(dataDir, "dynamodb.pid");
  claimDataDir(pidFile, dataDir);

  const dynamo = await startDynamoLocal({ dbPath: dbDir });
  writeFileSync(pidFile, `${process.pid} ${dynamo.pid ?? ""}`);
  // A crash must not leave Java running; removed on a clean stop, so a reused pid is never hit.
  const killOnExit = () => {
    if (dynamo.pid && alive(dynamo.pid)) process.kill(dynamo.pid, "SIGKILL");
  };
  process.once("exit", killOnExit);
  const stopDynamo = async () => {
    process.removeListener("exit", killOnExit);
    await dynamo.stop();
    rmSync(pidFile, { force: true });
  };

  let started: Runtime | undefined;
  let poller: Awaited<ReturnType<typeof startStreamPoller>> | undefined;
  try {
    const logger = createLogger();
    const runtime = createRuntime(
      {
        tableName: TABLE,
        dynamoEndpoint: dynamo.endpoint,
        cursorSecret: persistentSecret(join(dataDir, "cursor-secret")),
        publicBaseUrl: process.env.ROLLGATE_PUBLIC_URL ?? `http://localhost:${options.port}`,
      },
      await localOrchestration({ waitScale: Number(process.env.ROLLGATE_WAIT_SCALE ?? 1), logger }),
      { deliverApprovalLink: approvalLinkDelivery(), logger },
    );
    started = runtime;
    await ensureTable(runtime.table);
    const adminTokenLines = await bootstrapAdmin(runtime, dataDir);
    // The relay first, so that the events of resumed deployments are relayed too.
    poller = await startStreamPoller({ endpoint: dynamo.endpoint, tableName: TABLE, notifier: consoleNotifier });
    // Executions live in memory: whatever was in flight when the last process stopped is
    // resumed from its recorded progress, or compensated.
    const resumed = await runtime.services.deployments!.resumeInFlight();
    if (resumed.length > 0) {
      adminTokenLines.push(`  Resumed ${resumed.length} in-flight deployment(s): ${resumed.map((r) => `${r.id} (${r.mode})`).join(", ")}`);
    }
    const relay = poller;
    return {
      runtime,
      dynamo,
      dataDir,
      adminTokenLines,
      async stop() {
        await runtime.localOrchestrator?.stopAll("shutdown");
        await relay.stop();
        await stopDynamo();
      },
    };
  } catch (error) {
    await started?.localOrchestrator?.stopAll("start-up failed");
    await poller?.stop().catch(() => undefined);
    await stopDynamo();
    throw error;
  }
}

/** Locally, relayed outbox events become one readable console line each (alerts stand out). */
const consoleNotifier: Notifier = {
  async publish(event) {
    const time = event.at.slice(11, 19);
    const step = typeof event.data.step === "number" ? ` step ${event.data.step}` : "";
    const about = isDeploymentEvent(event) ? `${event.specId} -> ${event.environment}  (${event.deploymentId})` : `${event.stream}${event.actor ? ` by ${event.actor}` : ""}`;
    const line = `${time} ${event.type}${step}  ${about}`;
    process.stdout.write(isAlertEvent(event) ? `ALERT ${line}: a human must act, the environment stays locked\n` : `${line}\n`);
  },
};

/** The console, and the approval webhook too when ROLLGATE_APPROVAL_WEBHOOK_URL (and _SECRET) are set. */
function approvalLinkDelivery() {
  const url = process.env.ROLLGATE_APPROVAL_WEBHOOK_URL;
  const secret = process.env.ROLLGATE_APPROVAL_WEBHOOK_SECRET;
  if (!url || !secret) return printApprovalLinks;
  const webhook = createWebhookLinkDelivery({ url, secret });
  return async (delivery: ApprovalLinkDelivery) => {
    printApprovalLinks(delivery);
    await webhook(delivery);
  };
}

/** Locally, approval links go to the console (in AWS: the notifier). */
function printApprovalLinks(delivery: ApprovalLinkDelivery) {
  const lines = [
    `Approval needed: ${delivery.specId} v${delivery.version} -> ${delivery.environment} (deployment ${delivery.deploymentId}, requested by ${delivery.requestedBy}, until ${delivery.expiresAt})`,
    ...delivery.links.map((link) => `  ${link.subject} (${link.roles.join(", ") || "approver"}): ${link.url}`),
    ...(delivery.rolesWithoutApprovers.length ? [`  nobody can approve as: ${delivery.rolesWithoutApprovers.join(", ")} (give a principal the role; it then votes through the API)`] : []),
    ...(delivery.links.length === 0 && delivery.requiredRoles.length === 0 ? ["  any principal with the approve scope decides: POST /v1/deployments/<id>/approvals"] : []),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
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

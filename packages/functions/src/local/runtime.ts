import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createDynamoClient, ensureTable } from "@rollgate/core/store";
import { createWebhookLinkSink, type ApprovalLinkDelivery, type ApprovalLinkSink } from "@rollgate/core/approval";
import { createFanoutNotifier, isAlertEvent, isDeploymentEvent, type Notifier } from "@rollgate/core/events";
import { createLogger } from "../logger.js";
import { createRuntime, localOrchestration, slackSettingsFromEnv, type Runtime } from "../wiring.js";
import { startStreamPoller } from "./stream-poller.js";
import { startDeliveryLoop } from "./delivery-loop.js";
import { waitForDurableTransactions } from "./durable-writes.js";
import { claimDataDir, releaseLock, writeLock } from "./data-dir-lock.js";
import { superviseDynamoLocal, type SupervisedDynamo } from "./dynamo-supervisor.js";
import { assertPortFree } from "./ports.js";

export interface LocalRuntime {
  runtime: Runtime;
  dynamo: SupervisedDynamo;
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

export { DataDirInUseError } from "./data-dir-lock.js";

export interface LocalRuntimeOptions {
  port: number;
  host: string;
  dataDir: string;
  /** How often in-flight deployments that no execution drives are looked for. Default 10 s. */
  reconcileEveryMs?: number;
  /** Deployments changed within this many ms are not resumed (being launched or stopped). Default 15 s. */
  reconcileQuietMs?: number;
  /** Waits between DynamoDB Local restart attempts (see superviseDynamoLocal). */
  restartBackoffMs?: number[];
  waitScale?: number;
}

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  await assertPortFree(options.port, options.host);
  const dataDir = resolve(options.dataDir);
  const dbDir = join(dataDir, "dynamodb");
  mkdirSync(dbDir, { recursive: true });
  const pidFile = join(dataDir, "dynamodb.pid");
  claimDataDir(pidFile, dataDir);

  let reconcile: (() => Promise<void>) | undefined;
  let dynamo: SupervisedDynamo;
  try {
    dynamo = await superviseDynamoLocal({
      dbPath: dbDir,
      backoffMs: options.restartBackoffMs,
      log: (line) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`),
      onRestart: async (pid) => {
        writeLock(pidFile, pid);
        await reconcile?.();
      },
    });
  } catch (error) {
    releaseLock(pidFile);
    throw error;
  }
  writeLock(pidFile, dynamo.pid);
  // A crash must not leave Java running; removed on a clean stop, so a reused pid is never hit.
  const killOnExit = () => {
    try {
      if (dynamo.pid) process.kill(dynamo.pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", killOnExit);
  const stopDynamo = async () => {
    process.removeListener("exit", killOnExit);
    await dynamo.stop();
    releaseLock(pidFile);
  };

  let started: Runtime | undefined;
  let poller: Awaited<ReturnType<typeof startStreamPoller>> | undefined;
  try {
    const logger = createLogger();
    const table = { client: createDynamoClient({ endpoint: dynamo.endpoint }), tableName: TABLE };
    waitForDurableTransactions(table.client);
    const runtime = createRuntime(
      {
        tableName: TABLE,
        dynamoEndpoint: dynamo.endpoint,
        cursorSecret: persistentSecret(join(dataDir, "cursor-secret")),
        publicBaseUrl: process.env.ROLLGATE_PUBLIC_URL ?? `http://localhost:${options.port}`,
        slack: slackSettingsFromEnv(process.env),
        // Seals approval links until the delivery loop sends them; generated at first start, like the cursor secret.
        sealingKey: process.env.ROLLGATE_SEALING_KEY ?? persistentSecret(join(dataDir, "sealing-key")),
      },
      await localOrchestration({ waitScale: options.waitScale ?? Number(process.env.ROLLGATE_WAIT_SCALE ?? 1), logger }),
      { deliverApprovalLink: approvalLinkDelivery(), logger, table },
    );
    started = runtime;
    await ensureTable(runtime.table);
    const adminTokenLines = await bootstrapAdmin(runtime, dataDir);
    // The relay first, so that the events of resumed deployments are relayed too.
    // Channels: the console, and one delivery item per matching webhook subscription (sent by the delivery loop).
    // Slack release cards (with ROLLGATE_SLACK_BOT_TOKEN) and approval links are delivery items too, on the same loop.
    const notifier = createFanoutNotifier([
      consoleNotifier,
      runtime.webhookDispatcher.fanOut,
      ...(runtime.slackChannel ? [runtime.slackChannel.fanOut] : []),
      ...(runtime.approvalLinkChannel ? [runtime.approvalLinkChannel.fanOut] : []),
    ]);
    poller = await startStreamPoller({ endpoint: dynamo.endpoint, tableName: TABLE, notifier, onError: quietRepeats() });
    const deliveries = startDeliveryLoop(runtime.webhookDispatcher, { onError: quietRepeats() });
    // Executions live in memory: whatever was in flight when the last process stopped is
    // resumed from its recorded progress, or compensated.
    const resumed = await runtime.services.deployments!.resumeInFlight();
    if (resumed.length > 0) {
      adminTokenLines.push(`  Resumed ${resumed.length} in-flight deployment(s): ${resumed.map((r) => `${r.id} (${r.mode})`).join(", ")}`);
    }
    const relay = poller;
    reconcile = resumeStranded(runtime, options.reconcileQuietMs ?? 15_000);
    const reconciler = setInterval(() => void reconcile?.(), options.reconcileEveryMs ?? 10_000);
    reconciler.unref();
    return {
      runtime,
      dynamo,
      dataDir,
      adminTokenLines,
      async stop() {
        clearInterval(reconciler);
        reconcile = undefined;
        await runtime.localOrchestrator?.stopAll("shutdown");
        await relay.stop();
        await runtime.slackJobs.drain();
        await deliveries.stop();
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

/**
 * While the process runs, executions can give up on a deployment (their retries ran out
 * while the database was down) and leave it in flight with nothing driving it. This looks
 * for such deployments and gives them a new execution, as a restart would; deployments an
 * execution still drives, or that changed a moment ago (being launched or stopped), are
 * left alone. Failures (the database still down) wait for the next round.
 */
function resumeStranded(runtime: Runtime, quietForMs: number): () => Promise<void> {
  const orchestrator = runtime.localOrchestrator;
  let running: Promise<void> | undefined;
  return () =>
    (running ??= (async () => {
      try {
        const resumed = await runtime.services.deployments!.resumeInFlight({
          isRunning: (record) => orchestrator?.isDriving(record.id) ?? false,
          quietForMs,
        });
        for (const r of resumed) process.stdout.write(`${new Date().toISOString().slice(11, 19)} deployment ${r.id} resumed (${r.mode}) after a storage outage\n`);
      } catch {
        // storage still unavailable: the next round tries again
      } finally {
        running = undefined;
      }
    })());
}

/** While the database is down the relay fails every poll: one line per kind of failure and 30 s, not four a second. */
function quietRepeats() {
  const lastPrinted = new Map<string, number>();
  return (message: string, details: Record<string, unknown>) => {
    const now = Date.now();
    if (now - (lastPrinted.get(message) ?? 0) < 30_000) return;
    lastPrinted.set(message, now);
    console.error(JSON.stringify({ level: "ERROR", message, ...details }));
  };
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

/**
 * The approval-link channel's sink: the console, and the approval webhook too when
 * ROLLGATE_APPROVAL_WEBHOOK_URL (and _SECRET) are set. The console prints on the first
 * attempt only; retries (the webhook failed) do not print the links again.
 */
function approvalLinkDelivery(): ApprovalLinkSink {
  const url = process.env.ROLLGATE_APPROVAL_WEBHOOK_URL;
  const secret = process.env.ROLLGATE_APPROVAL_WEBHOOK_SECRET;
  if (!url || !secret) return printApprovalLinks;
  const webhook = createWebhookLinkSink({ url, secret });
  return async (delivery, attempt) => {
    if (attempt.number === 1) printApprovalLinks(delivery);
    await webhook(delivery, attempt);
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
  const marker = join(dataDir, "admin-token-issued");
  if (given) {
    await runtime.services.tokens.ensure(given, admin, "bootstrap");
    const revoked = await revokeGeneratedAdmin(runtime, marker);
    return [`  Admin token: from ROLLGATE_ADMIN_TOKEN${revoked ? ` (the one generated at an earlier start, ${revoked}, is now revoked)` : ""}`];
  }
  // After "revoked" (ROLLGATE_ADMIN_TOKEN was used, now unset), a new one is generated.
  if (existsSync(marker) && readFileSync(marker, "utf8").trim() !== "revoked") {
    return [`  Admin token: printed at first start (only its hash is kept); to mint a new one, set ROLLGATE_ADMIN_TOKEN or remove ${marker}`];
  }
  const issued = await runtime.services.tokens.issue(admin, "bootstrap");
  writeFileSync(marker, `${issued.id}\n`);
  return [`  Admin token (shown once, keep it): ${issued.token}`, `    export ROLLGATE_TOKEN=${issued.token}`];
}

/**
 * Choosing ROLLGATE_ADMIN_TOKEN replaces the generated admin token: a token printed on some
 * earlier console must not stay valid behind the operator's back. Returns the revoked id.
 */
async function revokeGeneratedAdmin(runtime: Runtime, marker: string): Promise<string | undefined> {
  if (!existsSync(marker)) return undefined;
  const id = readFileSync(marker, "utf8").trim();
  if (!id || id === "revoked") return undefined;
  try {
    await runtime.services.tokens.revoke(id);
  } catch (error) {
    if ((error as { code?: string }).code !== "TOKEN_NOT_FOUND") throw error;
  }
  writeFileSync(marker, "revoked\n");
  return id;
}

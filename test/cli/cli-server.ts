import { spawn, type ChildProcess } from "node:child_process";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import type { Scope } from "@rollgate/core/auth";
import { createLogger } from "../../packages/functions/src/logger.js";
import { createRuntime, localOrchestration } from "../../packages/functions/src/wiring.js";
import { createTestTable } from "../helpers/table.js";

/**
 * Rollgate as `npm start` serves it (packages/functions/src/local/main.ts): the runtime with
 * the local orchestrator (the real ASL), the hono app on a loopback port through
 * @hono/node-server. The database is the run's DynamoDB Local (a table of its own) rather
 * than a Java process per file; waits are scaled down so that a rollout takes seconds.
 */
export async function startCliServer(options: { waitScale: number }) {
  const table = await createTestTable();
  const runtime = createRuntime(
    { tableName: table.tableName, cursorSecret: "cli-test-secret", publicBaseUrl: "http://127.0.0.1" },
    await localOrchestration({ waitScale: options.waitScale }),
    { table, logger: createLogger("rollgate-cli-test"), deliverApprovalLink: () => undefined },
  );
  await runtime.localOrchestrator?.ready();
  const adminToken = "rg_cli_test_admin_token_0123456789";
  await runtime.services.tokens.ensure(adminToken, { subject: "admin", scopes: ["admin"] }, "test");
  const server = serve({ fetch: runtime.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", () => resolve());
    server.once("error", reject);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    runtime,
    adminToken,
    async token(subject: string, scopes: Scope[]) {
      return (await runtime.services.tokens.issue({ subject, scopes }, "test")).token;
    },
    async deployment(id: string) {
      return runtime.services.deployments!.get(id);
    },
    async close() {
      await runtime.localOrchestrator?.stopAll("test finished");
      await new Promise((resolve) => server.close(resolve));
      await table.drop();
    },
  };
}

export type CliServer = Awaited<ReturnType<typeof startCliServer>>;

const bin = fileURLToPath(new URL("../../packages/cli/bin/rollgate.mjs", import.meta.url));
export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/cli/${name}`, import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `rollgate` bin (what `npx rollgate` runs) as a child process with pipes, so never
 * on a TTY, and only the environment given (plus PATH and HOME): no GITHUB_ACTIONS leaks in.
 */
export function rollgate(args: string[], env: Record<string, string | undefined>): CliRun & { process: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const result: CliRun = { code: null, stdout: "", stderr: "" };
  child.stdout!.on("data", (chunk: Buffer) => (result.stdout += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (result.stderr += chunk.toString("utf8")));
  const done = new Promise<CliRun>((resolve) =>
    child.on("close", (code) => {
      result.code = code;
      resolve({ ...result });
    }),
  );
  return Object.assign(result, { process: child, done });
}

/** Runs `rollgate` to its end. */
export async function runRollgate(args: string[], env: Record<string, string | undefined>): Promise<CliRun> {
  return rollgate(args, env).done;
}

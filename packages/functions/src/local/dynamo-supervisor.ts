import { startDynamoLocal, type DynamoLocal } from "./dynamodb-local.js";

/** What the supervisor reports; the local runtime prints it on the console. */
export interface SupervisorLog {
  (line: string): void;
}

export interface SupervisedDynamo {
  /** Stays the same across restarts (the same port), so clients need not be rebuilt. */
  endpoint: string;
  port: number;
  /** The pid of the DynamoDB Local running now (it changes with each restart). */
  readonly pid: number | undefined;
  /** How many times it was restarted after dying. */
  readonly restarts: number;
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  dbPath: string;
  log: SupervisorLog;
  /** Called after each restart, once the database answers again. */
  onRestart?: (pid: number | undefined) => void | Promise<void>;
  /** Waits before restart attempts, in ms; the last one repeats. Default 0.5, 1, 2, 4, ... 30 s. */
  backoffMs?: number[];
  start?: typeof startDynamoLocal;
}

const defaultBackoff = [500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000];

/**
 * Runs DynamoDB Local and restarts it, on the same port and data, whenever it dies
 * without being asked to (a crash, the OOM killer, a stray `kill`). Attempts back off;
 * every death and restart is logged. The data survives because it is on disk (-dbPath).
 */
export async function superviseDynamoLocal(options: SuperviseOptions): Promise<SupervisedDynamo> {
  const start = options.start ?? startDynamoLocal;
  const backoff = options.backoffMs ?? defaultBackoff;
  let current: DynamoLocal = await start({ dbPath: options.dbPath });
  const port = current.port;
  let stopping = false;
  let restarts = 0;
  let wake: (() => void) | undefined;
  let starting: Promise<DynamoLocal> | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => (clearTimeout(timer), resolve());
    });

  const watch = async (dynamo: DynamoLocal) => {
    const { code, signal } = await dynamo.exited;
    if (stopping) return;
    options.log(`DynamoDB Local (pid ${dynamo.pid}) exited (${signal ? `signal ${signal}` : `code ${code}`}); restarting it`);
    for (let attempt = 0; !stopping; attempt++) {
      const delay = backoff[Math.min(attempt, backoff.length - 1)] ?? 1_000;
      await sleep(delay);
      if (stopping) return;
      try {
        starting = start({ dbPath: options.dbPath, port });
        current = await starting;
      } catch (error) {
        options.log(`DynamoDB Local restart attempt ${attempt + 1} failed: ${(error as Error).message.split("\n")[0]}`);
        continue;
      }
      if (stopping) {
        await current.stop();
        return;
      }
      restarts++;
      options.log(`DynamoDB Local restarted (pid ${current.pid}) after ${attempt + 1} attempt(s)`);
      void watch(current);
      try {
        await options.onRestart?.(current.pid);
      } catch (error) {
        options.log(`after the DynamoDB Local restart: ${(error as Error).message}`);
      }
      return;
    }
  };
  void watch(current);

  return {
    endpoint: current.endpoint,
    port,
    get pid() {
      return current.pid;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      wake?.();
      await starting?.catch(() => undefined);
      await current.stop();
    },
  };
}

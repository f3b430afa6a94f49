import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";

/**
 * The data dir's pid file: which Rollgate owns the directory and which DynamoDB Local it
 * runs. A pid alone is not an identity: after a `kill -9` the pid can be reused by an
 * unrelated process. Each entry therefore also records the process's start time (field 22
 * of /proc/<pid>/stat, clock ticks since boot), and a process counts only when both match.
 * Without /proc (macOS), a live pid is all there is to go on.
 */
export interface ProcessIdentity {
  pid: number;
  /** From /proc/<pid>/stat; undefined where there is no /proc. */
  startTime?: string;
}

interface LockFile {
  owner: ProcessIdentity;
  dynamodb?: ProcessIdentity;
}

export class DataDirInUseError extends Error {
  override name = "DataDirInUseError";
}

/** The start time of `pid`, or undefined when it is not running (or there is no /proc). */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may itself hold spaces or ')'.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

const hasProc = () => existsSync("/proc/self/stat");

export function identify(pid: number): ProcessIdentity {
  const startTime = processStartTime(pid);
  return startTime === undefined ? { pid } : { pid, startTime };
}

/** Whether the process `identity` recorded is still the one running under its pid. */
export function isSameProcess(identity: ProcessIdentity): boolean {
  if (hasProc()) {
    const now = processStartTime(identity.pid);
    // An entry without a start time (an older pid file) cannot prove who it names: stale.
    return now !== undefined && identity.startTime !== undefined && now === identity.startTime;
  }
  try {
    process.kill(identity.pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readLock(file: string): LockFile | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as LockFile;
    if (typeof parsed?.owner?.pid === "number") return parsed;
  } catch {
    // The older `<node pid> <java pid>` form, without start times.
  }
  const [owner, dynamodb] = text.trim().split(/\s+/).map(Number);
  return owner ? { owner: { pid: owner }, ...(dynamodb ? { dynamodb: { pid: dynamodb } } : {}) } : undefined;
}

/**
 * Takes the data dir for this process. Another Rollgate still running on it is an error;
 * a lock left by one that was killed hard is cleared, and the DynamoDB Local it left
 * behind (if that very process still runs) is stopped.
 */
export function claimDataDir(file: string, dataDir: string): void {
  const lock = readLock(file);
  if (lock) {
    if (lock.owner.pid !== process.pid && isSameProcess(lock.owner)) {
      throw new DataDirInUseError(
        `another Rollgate (pid ${lock.owner.pid}) is using ${dataDir}: stop it, or set ROLLGATE_DATA_DIR to another directory`,
      );
    }
    if (lock.dynamodb && isSameProcess(lock.dynamodb)) {
      try {
        process.kill(lock.dynamodb.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    rmSync(file, { force: true });
  }
  writeLock(file, undefined);
}

/** Records this process as the owner, with the DynamoDB Local it currently runs. */
export function writeLock(file: string, dynamodbPid: number | undefined): void {
  const lock: LockFile = { owner: identify(process.pid), ...(dynamodbPid ? { dynamodb: identify(dynamodbPid) } : {}) };
  writeFileSync(file, `${JSON.stringify(lock)}\n`);
}

export function releaseLock(file: string): void {
  rmSync(file, { force: true });
}

/** Sleeps a full-jitter exponential delay: random up to min(maxMs, baseMs * 2^tryNumber). */
export const backoffSleep = (tryNumber: number, baseMs: number, maxMs: number) =>
  new Promise<void>((r) => setTimeout(r, Math.random() * Math.min(maxMs, baseMs * 2 ** tryNumber)));

/** Retries `attempt` with full-jitter exponential backoff while `shouldRetry` says so. */
export async function withBackoff<T>(
  attempt: (tryNumber: number) => Promise<T>,
  options: { retries: number; baseMs?: number; maxMs?: number; shouldRetry: (error: unknown) => boolean },
): Promise<T> {
  const base = options.baseMs ?? 10;
  const max = options.maxMs ?? 1_000;
  for (let tryNumber = 0; ; tryNumber++) {
    try {
      return await attempt(tryNumber);
    } catch (error) {
      if (tryNumber >= options.retries || !options.shouldRetry(error)) throw error;
      await backoffSleep(tryNumber, base, max);
    }
  }
}

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
      const ceiling = Math.min(max, base * 2 ** tryNumber);
      await new Promise((r) => setTimeout(r, Math.random() * ceiling));
    }
  }
}

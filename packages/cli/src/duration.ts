import { UsageError } from "./errors.js";

const units: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** `2s`, `30m`, `1h30m`, `500ms`, or plain seconds (`90`), to milliseconds. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== trimmed) {
    throw new UsageError(`--timeout ${JSON.stringify(text)} is not a duration: write it like 2s, 30m, 1h30m or 500ms`);
  }
  const ms = parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * units[unit!]!, 0);
  if (ms <= 0) throw new UsageError(`--timeout must be longer than 0`);
  return ms;
}

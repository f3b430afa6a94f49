import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser } from "playwright-core";
import type { TestApi } from "./app.js";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The Chromium binary the browser tests drive, or undefined when none is installed. */
export const chromiumPath = (): string | undefined => {
  // An explicit CHROMIUM_PATH is the only candidate (and a way to see the skip on any machine).
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  return candidates.find((p): p is string => !!p && existsSync(p));
};

/** Why the browser tests are skipped, and the fix; printed once per run by the global setup. */
export const chromiumMissingLine =
  "browser tests skipped: Chromium not found; install it (apt-get install chromium) or set CHROMIUM_PATH (.ci/run installs it, and under CI=true fails if they were skipped)";

/** Debian's Chromium driven by playwright-core, with the flags a closed network needs. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) {
    throw new Error("Chromium not found: install it (apt-get install chromium) or set CHROMIUM_PATH. .ci/run installs it.");
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Serves the test app on a loopback port for the browser. */
export async function serveApp(api: TestApi): Promise<{ url: string; close(): Promise<void> }> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: api.runtime.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

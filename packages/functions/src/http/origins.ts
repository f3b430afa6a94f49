import type { Context } from "hono";

/**
 * This server's own origins: the request's, and the configured public base URL's (behind a
 * proxy or API Gateway custom domain they differ). The approval-link pages and the dashboard
 * each apply their own rule for `Origin` / `Sec-Fetch-Site` against this set.
 */
export function ownOrigins(c: Context, publicBaseUrl: string | undefined): Set<string> {
  const own = new Set([new URL(c.req.url).origin]);
  if (publicBaseUrl) {
    try {
      own.add(new URL(publicBaseUrl).origin);
    } catch {
      // An unparsable base URL adds nothing.
    }
  }
  return own;
}

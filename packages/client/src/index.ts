/**
 * `@rollgate/client`: a typed client of the Rollgate HTTP API. The types are generated from
 * the app's own `/openapi.json` (`npm run client:generate`, committed as schema.d.ts); the
 * calls go through openapi-fetch, so a path, a parameter or a body the API does not declare
 * does not compile.
 */
import createFetchClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./schema.js";

export type { components, paths } from "./schema.js";

export type Schemas = components["schemas"];
export type Deployment = Schemas["Deployment"];
export type DeploymentEvent = Schemas["Event"];
export type Plan = Schemas["Plan"];
export type PlanStep = Schemas["PlanStep"];
export type Problem = Schemas["Problem"];
export type FieldIssue = Schemas["FieldIssue"];

export type RollgateClient = Client<paths>;

export interface ClientOptions {
  /** Where the API is, e.g. `http://localhost:3000` (a trailing slash is fine). */
  baseUrl: string;
  /** A bearer token; sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Another fetch (tests, proxies); default: the global one. */
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every request (e.g. `user-agent`). */
  headers?: Record<string, string>;
}

/** A client for one Rollgate server. Each call resolves to `{ data }` or `{ error }` with the response. */
export function createClient(options: ClientOptions): RollgateClient {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  return createFetchClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

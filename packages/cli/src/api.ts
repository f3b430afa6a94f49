import { createClient, type Deployment, type DeploymentEvent, type Plan, type Schemas } from "@rollgate/client";
import { ApiProblemError, CliError, exitCodes, NetworkError } from "./errors.js";

export interface Connection {
  url: string;
  token?: string;
}

/** One request must not hang a pipeline: each gets this long before it counts as a network error. */
const requestTimeoutMs = 30_000;

type Result<T> = { data?: T; error?: unknown; response: Response };

/**
 * The API calls the CLI makes, through the generated client. A failed call throws a
 * CliError that already knows its exit code (4xx: 2, network and 5xx: 1).
 */
export function createApi(connection: Connection) {
  const base = connection.url.replace(/\/+$/, "");
  const client = createClient({ baseUrl: base, token: connection.token, headers: { "user-agent": "rollgate-cli" } });
  const signal = () => AbortSignal.timeout(requestTimeoutMs);

  async function call<T>(method: string, path: string, run: () => Promise<Result<T>>): Promise<{ data: T; response: Response }> {
    let result: Result<T>;
    try {
      result = await run();
    } catch (cause) {
      if (cause instanceof SyntaxError) {
        throw new CliError(`${method} ${base}${path} answered something that is not JSON: is ${base} a Rollgate server?`, exitCodes.unexpected);
      }
      throw new NetworkError(`${base}${path}`, cause);
    }
    if (result.error !== undefined || !result.response.ok) {
      const problem = result.error && typeof result.error === "object" ? (result.error as Record<string, unknown>) : { detail: String(result.error ?? "") };
      throw new ApiProblemError(result.response.status, problem, method, `${base}${path}`);
    }
    return { data: result.data as T, response: result.response };
  }

  const specBody = (text: string, format: "yaml" | "json") => ({
    body: text as never,
    bodySerializer: (body: unknown) => body as string,
    headers: { "content-type": format === "json" ? "application/json" : "application/yaml" },
  });

  return {
    url: base,

    async register(text: string, format: "yaml" | "json", strict: boolean) {
      const { data, response } = await call("POST", "/v1/specs", () =>
        client.POST("/v1/specs", { params: { query: strict ? { validation: "strict" } : {} }, ...specBody(text, format), signal: signal() }),
      );
      return { registered: data, created: response.status === 201 };
    },

    async validate(text: string, format: "yaml" | "json", strict: boolean) {
      return (
        await call("POST", "/v1/specs/validate", () =>
          client.POST("/v1/specs/validate", { params: { query: strict ? { validation: "strict" } : {} }, ...specBody(text, format), signal: signal() }),
        )
      ).data;
    },

    async diff(specId: string, from: string, to: string) {
      const path = `/v1/specs/${encodeURIComponent(specId)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
      return (
        await call("GET", path, () =>
          client.GET("/v1/specs/{specId}/diff", { params: { path: { specId }, query: { from, to } }, signal: signal() }),
        )
      ).data;
    },

    async version(specId: string, version: string) {
      const path = `/v1/specs/${encodeURIComponent(specId)}/versions/${encodeURIComponent(version)}`;
      return (await call("GET", path, () => client.GET("/v1/specs/{specId}/versions/{version}", { params: { path: { specId, version } }, signal: signal() }))).data as Schemas["SpecVersion"];
    },

    /** The document's text exactly as it was registered. */
    async versionText(specId: string, version: string): Promise<string> {
      const path = `/v1/specs/${encodeURIComponent(specId)}/versions/${encodeURIComponent(version)}`;
      const { data } = await call("GET", path, () =>
        client.GET("/v1/specs/{specId}/versions/{version}", {
          params: { path: { specId, version } },
          headers: { accept: "application/yaml" },
          parseAs: "text",
          signal: signal(),
        }),
      );
      return data as unknown as string;
    },

    async deploy(body: { specId: string; version: number | "latest"; environment: string; strategy?: "blue_green" | "canary" | "rolling"; reason?: string }) {
      return (await call("POST", "/v1/deployments", () => client.POST("/v1/deployments", { body, signal: signal() }))).data as Deployment;
    },

    async plan(body: { specId: string; version: number | "latest"; environment: string; strategy?: "blue_green" | "canary" | "rolling"; reason?: string }) {
      const { data } = await call("POST", "/v1/deployments?dryRun=true", () =>
        client.POST("/v1/deployments", { params: { query: { dryRun: "true" } }, body, signal: signal() }),
      );
      return data as unknown as { plan: Plan; warnings?: Schemas["FieldIssue"][] };
    },

    async promote(specId: string, body: { from: string; to: string; reason?: string }) {
      const path = `/v1/specs/${encodeURIComponent(specId)}/promote`;
      return (await call("POST", path, () => client.POST("/v1/specs/{specId}/promote", { params: { path: { specId } }, body, signal: signal() }))).data as Deployment;
    },

    async deployment(id: string) {
      const path = `/v1/deployments/${encodeURIComponent(id)}`;
      return (await call("GET", path, () => client.GET("/v1/deployments/{id}", { params: { path: { id } }, signal: signal() }))).data as Deployment;
    },

    async events(id: string, after: number): Promise<{ items: DeploymentEvent[]; nextSeq: number; hasMore: boolean }> {
      const path = `/v1/deployments/${encodeURIComponent(id)}/events?after=${after}`;
      return (await call("GET", path, () => client.GET("/v1/deployments/{id}/events", { params: { path: { id }, query: { after, limit: 100 } }, signal: signal() }))).data;
    },

    async decide(id: string, decision: "approve" | "reject", comment?: string) {
      const path = `/v1/deployments/${encodeURIComponent(id)}/approvals`;
      const body = { decision, ...(comment !== undefined ? { comment } : {}) };
      return (await call("POST", path, () => client.POST("/v1/deployments/{id}/approvals", { params: { path: { id } }, body, signal: signal() }))).data as Record<string, unknown>;
    },

    async abort(id: string, reason?: string) {
      const path = `/v1/deployments/${encodeURIComponent(id)}/abort`;
      const body = reason !== undefined ? { reason } : {};
      return (await call("POST", path, () => client.POST("/v1/deployments/{id}/abort", { params: { path: { id } }, body, signal: signal() }))).data as Deployment;
    },

    async rollback(specId: string, env: string, reason?: string) {
      const path = `/v1/specs/${encodeURIComponent(specId)}/environments/${encodeURIComponent(env)}/rollback`;
      const body = reason !== undefined ? { reason } : {};
      return (
        await call("POST", path, () =>
          client.POST("/v1/specs/{specId}/environments/{env}/rollback", { params: { path: { specId, env } }, body, signal: signal() }),
        )
      ).data as Deployment;
    },
  };
}

export type RollgateApi = ReturnType<typeof createApi>;

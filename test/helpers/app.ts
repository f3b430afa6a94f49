import { createLogger } from "../../packages/functions/src/logger.js";
import { createRuntime, localOrchestration, type Runtime } from "../../packages/functions/src/wiring.js";
import { createClient, type Deployment, type paths, type RollgateClient, type Schemas } from "@rollgate/client";
import type { ApprovalLinkDelivery } from "@rollgate/core/approval";
import type { Scope } from "@rollgate/core/auth";
import type { Resolver } from "@rollgate/core/target";
import { createTestTable } from "./table.js";
import { exchanges, useDocumentOf } from "./contract.js";

/** Response whose json() is untyped, as tests read whatever shape the API documents. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TestResponse = Omit<Response, "json"> & { json(): Promise<any> };

export interface TestApi {
  runtime: Runtime;
  /** Approval links delivered when gates opened, newest last. */
  approvalLinks: ApprovalLinkDelivery[];
  /**
   * The links delivered for a deployment's gate: hands its gate events to the approval-link
   * channel (as the relay does) and runs delivery rounds until the channel delivered them.
   */
  linksFor(deploymentId: string): Promise<ApprovalLinkDelivery>;
  adminToken: string;
  /** Issues a token with the given scopes and roles and returns its secret. */
  token(scopes: Scope[], options?: { subject?: string; roles?: string[] }): Promise<string>;
  /** A raw request, for what the typed client cannot send (malformed bodies, odd headers) or a test reads as sent. */
  request(path: string, init?: RequestInit & { token?: string | null; json?: unknown; yaml?: string }): Promise<TestResponse>;
  /**
   * The typed client (packages/client) over the app, as the admin (another token: `clientAs`).
   * The helpers below use it, so a change of the contract breaks them at compile time.
   */
  client: RollgateClient;
  clientAs(token: string): RollgateClient;
  /** Registers a spec (YAML text, or a document sent as JSON); throws unless it answers 200 or 201. */
  registerSpec(spec: string | Record<string, unknown>, token?: string): Promise<Schemas["RegisterResponse"]>;
  /** POST /v1/deployments; throws unless the rollout started (202). */
  deploy(body: Body<"/v1/deployments", "post">, token?: string): Promise<Deployment>;
  /** POST /v1/specs/{specId}/promote; throws unless the rollout started. */
  promote(specId: string, body: Body<"/v1/specs/{specId}/promote", "post">, token?: string): Promise<Deployment>;
  /** A vote on the open gate as the holder of `token`; throws unless recorded. */
  decide(id: string, token: string, body: Body<"/v1/deployments/{id}/approvals", "post">): Promise<Schemas["VoteOutcome"]>;
  /** POST /v1/deployments/{id}/abort; throws unless accepted. */
  abort(id: string, reason?: string, token?: string): Promise<Deployment>;
  /** GET /v1/deployments/{id}. */
  deployment(id: string, token?: string): Promise<Deployment>;
  /** Polls GET /v1/deployments/{id} until `done` holds (default: finished) and returns the deployment. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  waitForDeployment(id: string, done?: (deployment: { status: string }) => boolean): Promise<any>;
  close(): Promise<void>;
}

type Body<P extends keyof paths, M extends "post" | "put" | "patch"> = paths[P][M] extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;

/** The data of a client call, or an error that says which call was refused and with what. */
async function expectData<T>(call: string, pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await pending;
  if (error !== undefined || data === undefined) throw new Error(`${call} answered ${response.status}: ${JSON.stringify(error)}`);
  return data;
}

/** The real hono app on a fresh DynamoDB Local table, called with app.request(). */
export async function createTestApi(options: { maxBodyBytes?: number; waitScale?: number; targetResolver?: Resolver } = {}): Promise<TestApi> {
  const table = await createTestTable();
  process.env.ROLLGATE_LOG_LEVEL ??= "SILENT";
  const approvalLinks: ApprovalLinkDelivery[] = [];
  const runtime = createRuntime(
    {
      tableName: table.tableName,
      cursorSecret: "test-secret",
      maxBodyBytes: options.maxBodyBytes,
      publicBaseUrl: "http://rollgate.test",
    },
    await localOrchestration({ waitScale: options.waitScale ?? 0 }),
    {
      table,
      logger: createLogger("rollgate-test"),
      deliverApprovalLink: (delivery) => void approvalLinks.push(delivery),
      ...(options.targetResolver ? { targetResolver: options.targetResolver } : {}),
    },
  );
  useDocumentOf(async () => (await (await runtime.app.request("/openapi.json")).json()) as Record<string, unknown>);
  const adminToken = "rg_test_admin_token_0123456789";
  await runtime.services.tokens.ensure(adminToken, { subject: "admin", scopes: ["admin"] }, "test");
  let counter = 0;
  const record = async (method: string, url: string, res: Response) => {
    // Recorded for the contract check after the file (test/helpers/contract-setup.ts).
    exchanges.push({ method, url, status: res.status, headers: Object.fromEntries(res.headers), body: await res.clone().text() });
  };
  // openapi-fetch over app.request: in process, and every exchange is recorded like a raw one.
  const clientAs = (token: string) =>
    createClient({
      baseUrl: "http://rollgate.test",
      token,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        const res = await runtime.app.request(request);
        const url = new URL(request.url);
        await record(request.method, `${url.pathname}${url.search}`, res);
        return res;
      },
    });
  const client = clientAs(adminToken);
  const as = (token: string | undefined) => (token === undefined ? client : clientAs(token));
  const api: TestApi = {
    runtime,
    client,
    clientAs,
    registerSpec(spec, token) {
      const [body, type] = typeof spec === "string" ? [spec, "application/yaml"] : [JSON.stringify(spec), "application/json"];
      return expectData(
        "POST /v1/specs",
        as(token).POST("/v1/specs", { body: body as never, bodySerializer: (text: unknown) => text as string, headers: { "content-type": type } }),
      );
    },
    async deploy(body, token) {
      const started = await expectData("POST /v1/deployments", as(token).POST("/v1/deployments", { body }));
      if (!("id" in started)) throw new Error("POST /v1/deployments answered a plan, not a deployment");
      return started;
    },
    promote: (specId, body, token) => expectData(`POST /v1/specs/${specId}/promote`, as(token).POST("/v1/specs/{specId}/promote", { params: { path: { specId } }, body })),
    decide: (id, token, body) => expectData(`POST /v1/deployments/${id}/approvals`, clientAs(token).POST("/v1/deployments/{id}/approvals", { params: { path: { id } }, body })),
    abort: (id, reason, token) =>
      expectData(`POST /v1/deployments/${id}/abort`, as(token).POST("/v1/deployments/{id}/abort", { params: { path: { id } }, body: reason === undefined ? {} : { reason } })),
    deployment: (id, token) => expectData(`GET /v1/deployments/${id}`, as(token).GET("/v1/deployments/{id}", { params: { path: { id } } })),
    approvalLinks,
    async linksFor(deploymentId) {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const found = approvalLinks.findLast((d) => d.deploymentId === deploymentId);
        if (found) return found;
        const view = await runtime.services.deployments!.get(deploymentId);
        for (const event of view.timeline.filter((e) => e.type === "deployment.approval_requested")) await runtime.approvalLinkChannel!.fanOut.publish(event);
        await runtime.webhookDispatcher.deliverDue();
        if (Date.now() > deadline) throw new Error(`no approval links were delivered for ${deploymentId}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    adminToken,
    async token(scopes, opts = {}) {
      const issued = await runtime.services.tokens.issue(
        { subject: opts.subject ?? `user-${++counter}`, scopes, roles: opts.roles },
        "test",
      );
      return issued.token;
    },
    async request(path, init = {}) {
      const { token = adminToken, json, yaml, headers, ...rest } = init;
      const h = new Headers(headers);
      if (token) h.set("authorization", `Bearer ${token}`);
      let body = rest.body;
      if (json !== undefined) {
        h.set("content-type", "application/json");
        body = JSON.stringify(json);
      }
      if (yaml !== undefined) {
        h.set("content-type", "application/yaml");
        body = yaml;
      }
      const res = (await runtime.app.request(path, { ...rest, headers: h, body })) as TestResponse;
      await record(rest.method ?? "GET", path, res);
      return res;
    },
    async waitForDeployment(id, done = (d) => ["succeeded", "rolled_back", "rollback_failed", "aborted"].includes(d.status)) {
      // A generous deadline, not a timing check: a loaded 2-core machine runs full suites slowly.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const deployment = await api.deployment(id);
        if (done(deployment)) return deployment;
        if (Date.now() > deadline) throw new Error(`deployment ${id} is still ${deployment.status} after 60 s`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      await runtime.localOrchestrator?.stopAll("test finished");
      await table.drop();
    },
  };
  return api;
}

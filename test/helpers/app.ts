import { createLogger } from "../../packages/functions/src/logger.js";
import { createRuntime, localOrchestration, type Runtime } from "../../packages/functions/src/wiring.js";
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
  request(path: string, init?: RequestInit & { token?: string | null; json?: unknown; yaml?: string }): Promise<TestResponse>;
  /** Polls GET /v1/deployments/{id} until `done` holds (default: finished) and returns the deployment. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  waitForDeployment(id: string, done?: (deployment: { status: string }) => boolean): Promise<any>;
  close(): Promise<void>;
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
  const api: TestApi = {
    runtime,
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
      // Recorded for the contract check after the file (test/helpers/contract-setup.ts).
      exchanges.push({ method: rest.method ?? "GET", url: path, status: res.status, headers: Object.fromEntries(res.headers), body: await res.clone().text() });
      return res;
    },
    async waitForDeployment(id, done = (d) => ["succeeded", "rolled_back", "rollback_failed", "aborted"].includes(d.status)) {
      // A generous deadline, not a timing check: a loaded 2-core machine runs full suites slowly.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const deployment = await (await api.request(`/v1/deployments/${id}`)).json();
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

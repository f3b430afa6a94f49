import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApi, type TestApi } from "../helpers/app.js";

describe("registered targets over HTTP (admin)", () => {
  let api: TestApi;
  let writer: string;
  beforeAll(async () => {
    api = await createTestApi();
    writer = await api.token(["specs:write", "deploy"]);
  });
  afterAll(async () => api.close());

  const webhook = { type: "webhook", url: "https://deployer.example.com/rollgate", specs: ["payments-*"], environments: ["staging", "production"] };

  it("creates a webhook target with a generated whsec_ secret shown once, and never shows it again", async () => {
    const info = vi.spyOn(api.runtime.logger, "info");
    const res = await api.request("/v1/targets/payments-prod", { method: "PUT", json: webhook });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe("/v1/targets/payments-prod");
    const created = await res.json();
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(created.secret.slice(6), "base64")).toHaveLength(32);
    expect(created.target).toMatchObject({ name: "payments-prod", type: "webhook", allowPrivateNetwork: false, specs: ["payments-*"], revision: 1, createdBy: "admin" });
    expect(created.target).not.toHaveProperty("secret");

    const one = await (await api.request("/v1/targets/payments-prod")).text();
    const list = await (await api.request("/v1/targets")).text();
    const replaced = await api.request("/v1/targets/payments-prod", { method: "PUT", json: { ...webhook, specs: ["payments-*", "ledger-*"] } });
    expect(replaced.status).toBe(200);
    const replacedBody = await replaced.json();
    expect(replacedBody).toEqual({ target: expect.objectContaining({ specs: ["payments-*", "ledger-*"], revision: 2 }) });
    const secretPart = created.secret.slice(6);
    for (const text of [one, list, JSON.stringify(replacedBody), JSON.stringify(info.mock.calls)]) expect(text).not.toContain(secretPart);
    expect(JSON.parse(list).items.map((t: { name: string }) => t.name)).toEqual(["payments-prod"]);
    info.mockRestore();
  });

  it("takes a given secret, and registers lambda-alias targets", async () => {
    const given = `whsec_${Buffer.alloc(24, 7).toString("base64")}`;
    const res = await api.request("/v1/targets/given-secret", { method: "PUT", json: { ...webhook, secret: given } });
    expect(res.status).toBe(201);
    expect((await res.json()).secret).toBe(given);
    const lambda = await api.request("/v1/targets/checkout-live", {
      method: "PUT",
      json: { type: "lambda-alias", functionName: "checkout-api", alias: "live", region: "eu-west-1", specs: ["checkout"] },
    });
    expect(lambda.status).toBe(201);
    const body = await lambda.json();
    expect(body).not.toHaveProperty("secret");
    expect(body.target).toMatchObject({ type: "lambda-alias", functionName: "checkout-api", alias: "live", region: "eu-west-1" });
  });

  it("refuses bad names with a 422 naming `name`", async () => {
    for (const name of ["Payments", "payments_prod", "-x", "a".repeat(64), "%C3%A9t%C3%A9"]) {
      for (const method of ["PUT", "GET", "DELETE"]) {
        const res = await api.request(`/v1/targets/${name}`, { method, ...(method === "PUT" ? { json: webhook } : {}) });
        expect(res.status, `${method} ${name}`).toBe(422);
        const problem = await res.json();
        expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(["name"]);
      }
    }
  });

  it("refuses bad definitions with a 422 naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...webhook, url: "http://169.254.169.254/latest/meta-data/" }, "url"],
      [{ ...webhook, url: "http://[fd00:ec2::254]/", allowPrivateNetwork: true }, "url"],
      [{ ...webhook, url: "http://10.0.0.7/" }, "url"],
      [{ ...webhook, url: "https://user:pass@deployer.example.com/" }, "url"],
      [{ ...webhook, url: "ftp://deployer.example.com/" }, "url"],
      [{ ...webhook, url: "http://metadata.test:undefined/" }, "url"],
      [{ ...webhook, specs: [] }, "specs"],
      [{ ...webhook, specs: ["Payments/*"] }, "specs[0]"],
      [{ ...webhook, secret: "short" }, "secret"],
      [{ ...webhook, secret_env: "ROLLGATE_ADMIN_TOKEN" }, ""],
      [{ ...webhook, type: "simulated" }, "type"],
      [{ type: "lambda-alias", functionName: "x y", alias: "live", specs: ["*"] }, "functionName"],
    ];
    for (const [body, path] of cases) {
      const res = await api.request("/v1/targets/bad-one", { method: "PUT", json: body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      const problem = await res.json();
      expect(problem.errors.map((e: { path: string }) => e.path), JSON.stringify(body)).toContain(path);
    }
    expect((await api.request("/v1/targets/bad-one")).status).toBe(404);
  });

  it("a private address needs allowPrivateNetwork: true", async () => {
    const res = await api.request("/v1/targets/intranet", { method: "PUT", json: { ...webhook, url: "http://10.0.0.7/", allowPrivateNetwork: true } });
    expect(res.status).toBe(201);
  });

  it("is admin only", async () => {
    for (const [method, path] of [["PUT", "/v1/targets/mine"], ["GET", "/v1/targets"], ["GET", "/v1/targets/payments-prod"], ["DELETE", "/v1/targets/payments-prod"]] as const) {
      const res = await api.request(path, { method, token: writer, ...(method === "PUT" ? { json: webhook } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect((await api.request("/v1/targets", { token: null })).status).toBe(401);
  });

  it("deletes, then answers 404", async () => {
    expect((await api.request("/v1/targets/given-secret", { method: "DELETE" })).status).toBe(204);
    expect((await api.request("/v1/targets/given-secret")).status).toBe(404);
    expect((await api.request("/v1/targets/given-secret", { method: "DELETE" })).status).toBe(404);
  });

  it("is in the OpenAPI document", async () => {
    const openapi = await (await api.request("/openapi.json", { token: null })).json();
    expect(Object.keys(openapi.paths["/v1/targets/{name}"]).sort()).toEqual(["delete", "get", "put"]);
    expect(openapi.paths["/v1/targets"].get.operationId).toBe("listTargets");
  });
});

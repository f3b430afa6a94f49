import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compilePlan, createDynamoDeploymentStore, newDeploymentRecord } from "@rollgate/core/rollout";
import { createTestApi, type TestApi } from "../helpers/app.js";
import { loadTestFixture } from "../helpers/fixtures.js";

const origin = "http://localhost";
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe("dashboard sign-in, sessions and CSRF (app.request)", () => {
  let api: TestApi;
  const ui = (path: string, init: RequestInit & { cookie?: string } = {}) => {
    const { cookie, headers, ...rest } = init;
    const h = new Headers(headers);
    if (cookie) h.set("cookie", cookie);
    return api.runtime.app.request(`${origin}${path}`, { ...rest, headers: h, redirect: "manual" });
  };
  const signIn = async (token: string, next = "/ui") => {
    const res = await ui(`/ui/login?next=${encodeURIComponent(next)}`, {
      method: "POST",
      headers: { origin, "content-type": "application/x-www-form-urlencoded" },
      body: form({ token }),
    });
    return { res, cookie: (res.headers.get("set-cookie") ?? "").split(";")[0]! };
  };

  beforeAll(async () => {
    api = await createTestApi();
    expect((await api.request("/v1/specs", { method: "POST", json: { ...parse(loadTestFixture("canary-service.yaml")), id: "shop-api", name: "<script>alert(1)</script>" } })).status).toBe(201);
  });
  afterAll(() => api?.close());

  it("without a session every page redirects to sign-in, carrying where it came from", async () => {
    for (const path of ["/ui", "/ui/approvals", "/ui/specs/shop-api", "/ui/deployments/abc", "/ui/deployments/abc/abort", "/ui/specs/shop-api?from=1&to=1"]) {
      const res = await ui(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get("location"), path).toBe(`/ui/login?next=${encodeURIComponent(path)}`);
    }
    const login = await ui("/ui/login");
    expect(login.status).toBe(200);
    expect(login.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await login.text()).toContain('<label for="token">API token</label>');
  });

  it("sign-in sets a hardened session cookie, stored hashed, and goes back to a local next only", async () => {
    const token = await api.token(["specs:read"], { subject: "viewer" });
    const { res, cookie } = await signIn(token, "/ui/specs/shop-api");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/ui/specs/shop-api");
    const set = res.headers.get("set-cookie")!;
    expect(set).toMatch(/^rg_session=rgs_[A-Za-z0-9_-]{43};/);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(set).toMatch(/Path=\/ui/);
    expect(set).toMatch(/Max-Age=\d+/);
    // Plain http on loopback: no Secure (the browser would drop the cookie); elsewhere Secure.
    expect(set).not.toMatch(/Secure/);
    const page = await ui("/ui", { cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Signed in as <strong>viewer</strong>");

    for (const evil of ["https://evil.example/", "//evil.example/ui", "/ui/..\\evil", "/\\evil.example", "javascript:alert(1)", "/uix"]) {
      const again = await signIn(token, evil);
      expect(again.res.headers.get("location"), evil).toBe("/ui");
    }

    const remote = await api.runtime.app.request("https://rollgate.example/ui/login", {
      method: "POST",
      headers: { origin: "https://rollgate.example", "content-type": "application/x-www-form-urlencoded" },
      body: form({ token }),
      redirect: "manual",
    });
    expect(remote.headers.get("set-cookie")).toMatch(/; Secure/);

    // Only the hash is stored: the cookie value appears nowhere in the table.
    const secret = cookie.split("=")[1]!;
    const { Items } = await api.runtime.table.client.send(
      new (await import("@aws-sdk/client-dynamodb")).ScanCommand({ TableName: api.runtime.table.tableName }),
    );
    expect(JSON.stringify(Items)).not.toContain(secret);
    expect(JSON.stringify(Items)).toContain("SESSION#");
  });

  it("a bad token is refused with the form again, and sets no cookie", async () => {
    const { res } = await signIn("rg_not_a_real_token_000000000000");
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain("That token is not valid");
  });

  it("a cross-site POST is refused (Origin or Sec-Fetch-Site), with or without a session", async () => {
    const token = await api.token(["admin"], { subject: "ops" });
    const { cookie } = await signIn(token);
    const attempts: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site", origin },
      { "sec-fetch-site": "same-site" },
      {},
    ];
    for (const headers of attempts) {
      const res = await ui("/ui/specs/shop-api/versions/1/disable", { method: "POST", cookie, headers: { ...headers, "content-type": "application/x-www-form-urlencoded" }, body: "" });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.text()).toContain("CROSS_SITE_REQUEST");
    }
    const login = await ui("/ui/login", { method: "POST", headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" }, body: form({ token }) });
    expect(login.status).toBe(403);
    expect((await (await api.request("/v1/specs/shop-api/versions/1")).json()).state).toBe("active");

    // The same request from our own origin goes through.
    const ok = await ui("/ui/specs/shop-api/versions/1/deprecate", { method: "POST", cookie, headers: { origin, "content-type": "application/x-www-form-urlencoded" }, body: "" });
    expect(ok.status).toBe(303);
    expect((await (await api.request("/v1/specs/shop-api/versions/1")).json()).state).toBe("deprecated");
  });

  it("revoking the token, disabling the principal or signing out ends the session", async () => {
    const issued = await api.runtime.services.tokens.issue({ subject: "rev", scopes: ["specs:read"] }, "test");
    const { cookie } = await signIn(issued.token);
    expect((await ui("/ui", { cookie })).status).toBe(200);
    expect((await api.request(`/v1/tokens/${issued.id}`, { method: "DELETE" })).status).toBe(204);
    const after = await ui("/ui", { cookie });
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toBe("/ui/login?next=%2Fui");

    const other = await api.token(["specs:read"], { subject: "gone" });
    const second = await signIn(other);
    expect((await ui("/ui", { cookie: second.cookie })).status).toBe(200);
    expect((await api.request("/v1/principals/gone", { method: "DELETE" })).status).toBe(200);
    expect((await ui("/ui", { cookie: second.cookie })).status).toBe(303);

    const third = await signIn(await api.token(["specs:read"], { subject: "leaver" }));
    const out = await ui("/ui/logout", { method: "POST", cookie: third.cookie, headers: { origin } });
    expect(out.status).toBe(303);
    expect(out.headers.get("set-cookie")).toMatch(/rg_session=;.*Max-Age=0/);
    expect((await ui("/ui", { cookie: third.cookie })).status).toBe(303);
  });

  it("a session opened with an expiring token ends when the token expires", async () => {
    const expiresAt = new Date(Date.now() + 2_000).toISOString();
    const issued = await api.runtime.services.tokens.issue({ subject: "temp", scopes: ["specs:read"], expiresAt }, "test");
    const { res, cookie } = await signIn(issued.token);
    expect(Number(/Max-Age=(\d+)/.exec(res.headers.get("set-cookie")!)![1])).toBeLessThanOrEqual(2);
    expect((await ui("/ui", { cookie })).status).toBe(200);
    await new Promise((r) => setTimeout(r, Date.parse(expiresAt) - Date.now() + 50));
    expect((await ui("/ui", { cookie })).status).toBe(303);
  });

  it("spec text is escaped; a blue-green in its post-switch window says so; actions follow the scopes", async () => {
    const viewer = await signIn(await api.token(["specs:read"], { subject: "watcher" }));
    const overview = await (await ui("/ui", { cookie: viewer.cookie })).text();
    expect(overview).not.toContain("<script>alert(1)</script>");
    expect(overview).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");

    // A blue-green rollout two steps past its switch to 100%, written as the saga writes it.
    const document = { ...parse(loadTestFixture("canary-service.yaml")), id: "shop-api", deployment: { strategy: "blue_green", traffic_switching: { rollback_threshold_seconds: 120 } } };
    const plan = compilePlan({ specId: "shop-api", version: 1, document, environment: "dev", environmentsPath: ["dev", "staging", "production"] });
    const switched = plan.steps.findIndex((s) => s.kind === "shift" && s.weight === 100);
    expect(switched).toBeGreaterThan(0);
    const store = createDynamoDeploymentStore({ table: api.runtime.table, clock: () => new Date() });
    const at = new Date().toISOString();
    const record = { ...newDeploymentRecord({ plan, requestedBy: "rita" }, null, at), status: "in_progress" as const, currentStep: switched + 2, trafficWeights: { stable: 0, candidate: 100 } };
    await store.commit(undefined, {
      after: record,
      events: [
        { type: "deployment.created", data: { version: 1, strategy: "blue_green", purpose: "deploy" } },
        { type: "deployment.step_completed", data: { step: switched, kind: "shift" } },
      ],
      extra: [{ effect: { kind: "mark_active" } }],
    });
    const html = await (await ui(`/ui/deployments/${record.id}`, { cookie: viewer.cookie })).text();
    expect(html).toMatch(/data-testid="verifying">.*verifying<\/strong> after the switch until <time datetime="([^"]+)">/s);
    const until = /data-testid="verifying">.*?<time datetime="([^"]+)"/s.exec(html)![1]!;
    expect(Date.parse(until) - Date.parse(at)).toBeGreaterThanOrEqual(119_000);
    expect(html).toContain('aria-current="step"');
    expect(html).toContain("(verification window)");
    // A running rollout refreshes itself; a reader with specs:read only is offered no action.
    expect(html).toContain('data-refresh="2"');
    expect(html).not.toContain('id="action-');
    const admin = await signIn(api.adminToken);
    const adminHtml = await (await ui(`/ui/deployments/${record.id}`, { cookie: admin.cookie })).text();
    expect(adminHtml).toContain('id="action-abort"');
    expect(adminHtml).toContain('id="action-rollback"');
    // requester rita is not this admin, but the gate is not open: no vote buttons.
    expect(adminHtml).not.toContain('id="action-approve"');
    // Typed in by hand, an action the scopes do not allow is a 403 page, and changes nothing.
    const refused = await ui(`/ui/deployments/${record.id}/abort`, { method: "POST", cookie: viewer.cookie, headers: { origin, "content-type": "application/x-www-form-urlencoded" }, body: "" });
    expect(refused.status).toBe(403);
    expect((await (await api.request(`/v1/deployments/${record.id}`)).json()).status).toBe("in_progress");
  });

  it("assets are served under a content hash with immutable caching; pages are not in the OpenAPI document", async () => {
    const login = await (await ui("/ui/login")).text();
    const css = /href="(\/ui\/assets\/app\.[0-9a-f]{12}\.css)"/.exec(login)![1]!;
    const js = /src="(\/ui\/assets\/app\.[0-9a-f]{12}\.js)"/.exec(login)![1]!;
    for (const path of [css, js]) {
      const res = await ui(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    }
    expect((await ui("/ui/assets/app.000000000000.css")).status).toBe(404);
    const doc = await (await api.request("/openapi.json")).json();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith("/ui"))).toEqual([]);
  });
});

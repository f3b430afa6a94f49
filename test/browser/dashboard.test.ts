import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { parse } from "yaml";
import { createTestApi, type TestApi } from "../helpers/app.js";
import { chromiumPath, launchChromium, serveApp } from "../helpers/browser.js";
import { loadTestFixture } from "../helpers/fixtures.js";

const screenshots = "test-output/screenshots";

/** Inside page.evaluate the page's globals are typed loosely: the test's TypeScript has no DOM types (and the function runs in the page, so no helper). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PageGlobals = any;

/** Another site on loopback (`localhost` is another site than `127.0.0.1`) with a form posting to Rollgate. */
async function serveAttacker(target: () => string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><form method="post" action="${target()}"><button id="go">win a prize</button></form>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://localhost:${port}/`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// Without Chromium: skipped, and the global setup prints why and how to fix it.
describe.skipIf(!chromiumPath())("the dashboard in real Chromium", () => {
  let api: TestApi;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let attacker: Awaited<ReturnType<typeof serveAttacker>>;
  let attackTarget = "";
  let browser: Browser;
  let rita: { token: string; context: BrowserContext; page: Page };
  let tess: { token: string; context: BrowserContext; page: Page };
  // Bakes of 30 s scaled by 0.06: about 1.8 s per canary step, long enough to watch and to abort.
  const spec = (description: string) => ({
    ...parse(loadTestFixture("canary-service.yaml")),
    id: "shop-api",
    name: "Shop <API> & \"friends\"",
    description,
    deployment: { ...parse(loadTestFixture("canary-service.yaml")).deployment, analysis: { interval: "30s", threshold: 5, step_weight: 20, max_weight: 50 } },
    environments: { staging: { requires_approval: false }, production: { requires_approval: true, approvers: ["tech-lead"] } },
  });

  async function signIn(token: string, path: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    expect(new URL(page.url()).pathname).toBe("/ui/login");
    expect(new URL(page.url()).searchParams.get("next")).toBe(path);
    await page.getByLabel("API token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${server.url}${path}`);
    return { context, page };
  }
  const deploy = async (token: string, version: number, environment: string) => {
    const res = await api.request("/v1/deployments", { method: "POST", token, json: { specId: "shop-api", version, environment } });
    expect(res.status).toBe(202);
    return (await res.json()).id as string;
  };
  const activeId = (page: Page) => page.evaluate(() => (globalThis as PageGlobals).document.activeElement?.id as string | undefined);
  const currentStep = (page: Page) => page.getByTestId("current-step").getAttribute("data-step").then(Number);
  const weightPoints = (page: Page) => page.getByTestId("chart").getAttribute("data-weight-points").then(Number);

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    api = await createTestApi({ waitScale: 0.06 });
    server = await serveApp(api);
    attacker = await serveAttacker(() => attackTarget);
    browser = await launchChromium();
    expect((await api.request("/v1/specs", { method: "POST", json: spec("v1") })).status).toBe(201);
    rita = { token: await api.token(["specs:read", "deploy", "rollback"], { subject: "rita" }), ...({} as { context: BrowserContext; page: Page }) };
    tess = { token: await api.token(["specs:read", "approve"], { subject: "tess", roles: ["tech-lead"] }), ...({} as { context: BrowserContext; page: Page }) };
  });
  afterAll(async () => {
    await browser?.close();
    await attacker?.close();
    await server?.close();
    await api?.close();
  });

  it("signs in and watches a canary advance: the current step moves and the chart grows, then the overview shows the version", async () => {
    Object.assign(rita, await signIn(rita.token, "/ui"));
    const { page } = rita;
    await expect(page.getByTestId("signed-in-as").textContent()).resolves.toContain("rita");
    // Spec text is escaped, never markup.
    await expect(page.locator("[data-spec=shop-api] [data-testid=spec-name]").textContent()).resolves.toBe('Shop <API> & "friends"');

    const id = await deploy(rita.token, 1, "staging");
    await page.goto(`${server.url}/ui/deployments/${id}`);
    await page.getByTestId("current-step").waitFor();
    const [firstStep, firstPoints] = [await currentStep(page), await weightPoints(page)];
    // The page refreshes itself (the same-origin script) while the rollout runs.
    await page.waitForFunction(
      ([step, points]) => {
        const doc = (globalThis as PageGlobals).document;
        return (
          Number(doc.querySelector("[data-testid=current-step]")?.dataset.step) > step! &&
          Number(doc.querySelector("[data-testid=chart]")?.getAttribute("data-weight-points")) > points!
        );
      },
      [firstStep, firstPoints],
      { timeout: 60_000 },
    );
    await page.locator("[data-status=succeeded]").first().waitFor({ timeout: 60_000 });
    await expect(page.getByTestId("current-step").count()).resolves.toBe(0);
    expect(await weightPoints(page)).toBeGreaterThanOrEqual(4);
    expect(Number(await page.getByTestId("chart").getAttribute("data-error-points"))).toBeGreaterThan(0);
    await expect(page.getByTestId("analysis").locator("tbody tr").count()).resolves.toBeGreaterThan(0);
    await page.setViewportSize({ width: 1100, height: 1500 });
    await page.screenshot({ path: `${screenshots}/deployment.png` });

    await page.goto(`${server.url}/ui`);
    await expect(page.locator("[data-spec=shop-api] td[data-env=staging] [data-testid=current]").textContent()).resolves.toBe("v1");
  }, 120_000);

  it("a production gate: the requester sees no Approve button; a second principal approves from the inbox", async () => {
    const id = await deploy(rita.token, 1, "production");
    await api.waitForDeployment(id, (d) => d.status === "awaiting_approval");

    await rita.page.goto(`${server.url}/ui/deployments/${id}`);
    await expect(rita.page.locator("[data-status=awaiting_approval]").first().isVisible()).resolves.toBe(true);
    await expect(rita.page.locator("#action-approve").count()).resolves.toBe(0);
    await expect(rita.page.locator("#action-abort").count()).resolves.toBe(1);
    await rita.page.goto(`${server.url}/ui/approvals`);
    await expect(rita.page.getByTestId("inbox-empty").isVisible()).resolves.toBe(true);
    await expect(rita.page.getByTestId("my-requests").textContent()).resolves.toContain("cannot approve your own request");
    // Typed in by hand, the approve URL is refused for the requester too.
    const own = await rita.page.goto(`${server.url}/ui/deployments/${id}/approve`);
    expect(own!.status()).toBe(403);

    // tess follows the inbox link, signs in, and comes back to it.
    Object.assign(tess, await signIn(tess.token, "/ui/approvals"));
    const { page } = tess;
    await expect(page.getByTestId("waiting-badge").textContent()).resolves.toBe("1");
    await page.goto(`${server.url}/ui`);
    await expect(page.locator("[data-spec=shop-api] td[data-env=production] [data-testid=in-flight]").textContent()).resolves.toContain("awaiting approval");
    await page.setViewportSize({ width: 1100, height: 600 });
    await page.screenshot({ path: `${screenshots}/overview.png` });
    await page.getByTestId("nav-approvals").click();
    await page.getByTestId("inbox-approve").click();
    await expect(page.getByTestId("confirm-subject").textContent()).resolves.toContain("shop-api v1 → production");
    await page.getByLabel("Comment (optional)").fill("Looks good");
    await page.getByTestId("confirm").click();
    await page.waitForURL(`${server.url}/ui/deployments/${id}?done=approve`);
    await expect(page.getByTestId("notice").textContent()).resolves.toContain("approval was recorded");
    await expect(page.getByTestId("vote").first().textContent()).resolves.toMatch(/approved by tess \(tech-lead\) at .* via api: “Looks good”/);

    await api.waitForDeployment(id);
    await page.goto(`${server.url}/ui`);
    await expect(page.locator("[data-spec=shop-api] td[data-env=production] [data-testid=current]").textContent()).resolves.toBe("v1");
    await expect(page.getByTestId("waiting-badge").count()).resolves.toBe(0);
  }, 120_000);

  it("aborts a running rollout by keyboard through its confirmation; the overview shows the new latest version", async () => {
    expect((await api.request("/v1/specs", { method: "POST", json: spec("v2") })).status).toBe(201);
    const id = await deploy(rita.token, 2, "staging");
    const { page } = rita;
    await page.goto(`${server.url}/ui/deployments/${id}`);
    // Keyboard only: Tab to the abort button, Enter; on the confirmation, type a reason, Tab to confirm, Enter.
    for (let i = 0; i < 40 && (await activeId(page)) !== "action-abort"; i++) await page.keyboard.press("Tab");
    expect(await activeId(page)).toBe("action-abort");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/ui/deployments/${id}/abort`);
    await page.getByLabel("Reason (optional)").focus();
    await page.keyboard.type("wrong build");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => (globalThis as PageGlobals).document.activeElement?.dataset.testid as string | undefined)).toBe("confirm");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/ui/deployments/${id}?done=abort`);
    const done = await api.waitForDeployment(id);
    expect(done.status).toBe("aborted");
    expect(done.stopRequest).toMatchObject({ by: "rita", reason: "wrong build" });
    await page.reload();
    await expect(page.locator("[data-status=aborted]").first().isVisible()).resolves.toBe(true);
    await expect(page.getByTestId("compensations").textContent()).resolves.toContain("completed");
    await expect(page.getByTestId("current-step").count()).resolves.toBe(0);

    await page.goto(`${server.url}/ui`);
    const row = page.locator("[data-spec=shop-api]");
    await expect(row.locator("td").first().textContent()).resolves.toBe("v2");
    await expect(row.locator("td[data-env=staging] [data-testid=current]").textContent()).resolves.toBe("v1");
    await expect(row.locator("td[data-env=production] [data-testid=current]").textContent()).resolves.toBe("v1");
    // 360 px wide: nothing sticks out of the page (wide tables scroll in their own box).
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ["/ui", `/ui/deployments/${id}`, "/ui/specs/shop-api?from=1&to=2", "/ui/approvals"]) {
      await page.goto(`${server.url}${path}`);
      expect(await page.evaluate(() => (globalThis as PageGlobals).document.documentElement.scrollWidth as number), path).toBeLessThanOrEqual(360);
    }
    await page.goto(`${server.url}/ui/deployments/${id}`);
    await page.screenshot({ path: `${screenshots}/deployment-360.png`, fullPage: true });
  }, 120_000);

  it("refuses a cross-site POST even from a signed-in browser", async () => {
    attackTarget = `${server.url}/ui/specs/shop-api/versions/1/disable`;
    const admin = await signIn(api.adminToken, "/ui/specs/shop-api");
    const evil = await admin.context.newPage();
    await evil.goto(attacker.url);
    const [refused] = await Promise.all([evil.waitForResponse((r) => r.url() === attackTarget), evil.click("#go")]);
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain("CROSS_SITE_REQUEST");
    expect((await (await api.request("/v1/specs/shop-api/versions/1")).json()).state).toBe("active");

    // The same action from the dashboard's own confirmation goes through.
    await admin.page.locator("[data-version='1'] a[data-action=deprecate]").click();
    await admin.page.getByTestId("confirm").click();
    await admin.page.waitForURL(`${server.url}/ui/specs/shop-api?done=deprecate`);
    await expect(admin.page.locator("[data-version='1'] [data-state]").textContent()).resolves.toContain("deprecated");
    await admin.context.close();
  });

  it("signing out ends the session: every page redirects to sign-in; a revoked token's session ends too", async () => {
    const { page } = rita;
    await page.goto(`${server.url}/ui`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${server.url}/ui/login`);
    for (const path of ["/ui", "/ui/approvals", "/ui/specs/shop-api", "/ui/deployments/x"]) {
      await page.goto(`${server.url}${path}`);
      expect(page.url(), path).toBe(`${server.url}/ui/login?next=${encodeURIComponent(path)}`);
    }

    const issued = await api.runtime.services.tokens.issue({ subject: "vic", scopes: ["specs:read"] }, "test");
    const vic = await signIn(issued.token, "/ui");
    expect((await api.request(`/v1/tokens/${issued.id}`, { method: "DELETE" })).status).toBe(204);
    await vic.page.reload();
    expect(new URL(vic.page.url()).pathname).toBe("/ui/login");
    await vic.context.close();
  });
});

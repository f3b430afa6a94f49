import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { parse } from "yaml";
import { createTestApi, type TestApi } from "../helpers/app.js";
import { chromiumPath, launchChromium, serveApp } from "../helpers/browser.js";
import { loadTestFixture } from "../helpers/fixtures.js";

/** Another site on loopback (`localhost` is another site than `127.0.0.1`) whose page posts a decision to Rollgate. */
async function serveAttacker(target: () => string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><form method="post" action="${target()}"><input type="hidden" name="decision" value="approve"><button id="go">win a prize</button></form>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://localhost:${port}/`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// Without Chromium: skipped, and the global setup prints why and how to fix it.
describe.skipIf(!chromiumPath())("a principal-bound approval link in real Chromium", () => {
  let api: TestApi;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let attacker: Awaited<ReturnType<typeof serveAttacker>>;
  let attackTarget = "";
  let browser: Browser;
  const spec = (description: string) => ({
    ...parse(loadTestFixture("canary-service.yaml")),
    id: "linked-api",
    description,
    environments: { dev: { requires_approval: true, approvers: ["tech-lead"] } },
  });

  beforeAll(async () => {
    api = await createTestApi();
    server = await serveApp(api);
    attacker = await serveAttacker(() => attackTarget);
    browser = await launchChromium();
    expect((await api.request("/v1/principals/tess", { method: "PUT", json: { roles: ["tech-lead"] } })).status).toBe(201);
    expect((await api.request("/v1/specs", { method: "POST", json: spec("v1") })).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await attacker?.close();
    await server?.close();
    await api?.close();
  });

  async function deployAndWaitForGate(version: number, reason: string) {
    const res = await api.request("/v1/deployments", { method: "POST", json: { specId: "linked-api", version, environment: "dev", reason } });
    expect(res.status).toBe(202);
    const dep = await res.json();
    await api.waitForDeployment(dep.id, (d) => d.status === "awaiting_approval");
    const delivery = await api.linksFor(dep.id);
    expect(delivery.links.map((l) => l.subject)).toEqual(["tess"]);
    return { id: dep.id as string, link: delivery.links[0]! };
  }
  const votesOf = async (id: string) => (await (await api.request(`/v1/deployments/${id}`)).json()).approvals.flatMap((g: { votes: unknown[] }) => g.votes);

  it("GET names who approves and changes nothing; POST approves once; a second POST and a cross-site POST are refused", async () => {
    const { id, link } = await deployAndWaitForGate(1, "first release");
    expect(link.url).toBe(`http://rollgate.test/approvals/${link.token}`);
    const before = await (await api.request(`/v1/deployments/${id}`)).json();

    const page = await browser.newPage();
    const other = await browser.newPage();
    for (const p of [page, other]) await p.goto(`${server.url}/approvals/${link.token}`);
    await expect(page.locator("h1").textContent()).resolves.toContain("linked-api v1");
    await expect(page.getByTestId("approving-as").textContent()).resolves.toBe("Approving as tess, tech-lead");
    await expect(page.getByTestId("status").textContent()).resolves.toBe("awaiting_approval");
    // No name to type: the link is the approver.
    await expect(page.locator("input").count()).resolves.toBe(0);
    await page.screenshot({ path: "test/browser/.approval-page.png" }).catch(() => undefined);

    // GET changed nothing: still waiting, no vote, same revision.
    const untouched = await (await api.request(`/v1/deployments/${id}`)).json();
    expect(untouched).toMatchObject({ status: "awaiting_approval", revision: before.revision });
    expect(await votesOf(id)).toEqual([]);

    // Another site's form posting to the link: refused, nothing recorded.
    attackTarget = `${server.url}/approvals/${link.token}`;
    const evil = await browser.newPage();
    await evil.goto(attacker.url);
    const [refused] = await Promise.all([evil.waitForResponse((r) => r.url() === attackTarget), evil.click("#go")]);
    expect(refused.status()).toBe(403);
    expect(refused.headers()["content-type"]).toContain("application/problem+json");
    expect((await refused.json()).code).toBe("CROSS_SITE_REQUEST");
    expect(refused.request().headers()["origin"]).toBe(new URL(attacker.url).origin);
    expect(await votesOf(id)).toEqual([]);
    expect((await (await api.request(`/v1/deployments/${id}`)).json()).status).toBe("awaiting_approval");
    await evil.close();

    await page.fill("#comment", "Ship it");
    await page.click("button[value=approve]");
    await expect(page.getByRole("status").textContent()).resolves.toContain("approval was recorded");

    // The second tab still shows the form; its POST is a second vote by the same principal.
    const [again] = await Promise.all([other.waitForResponse((r) => r.request().method() === "POST"), other.click("button[value=approve]")]);
    expect(again.status()).toBe(409);
    await expect(other.getByRole("status").textContent()).resolves.toContain("Not recorded");
    await other.close();

    const done = await api.waitForDeployment(id);
    expect(done.status).toBe("succeeded");
    expect(await votesOf(id)).toEqual([expect.objectContaining({ subject: "tess", role: "tech-lead", via: "link", decision: "approve", comment: "Ship it" })]);

    // The gate is closed now: the page says so and offers no buttons.
    await page.goto(`${server.url}/approvals/${link.token}`);
    await expect(page.locator("button").count()).resolves.toBe(0);
    await page.close();
  }, 120_000);

  it("a rejection through the page rolls the rollout back", async () => {
    expect((await api.request("/v1/specs", { method: "POST", json: spec("v2") })).status).toBe(201);
    const { id, link } = await deployAndWaitForGate(2, "second try");
    const page = await browser.newPage();
    await page.goto(`${server.url}/approvals/${link.token}`);
    await page.fill("#comment", "not during the freeze");
    await page.click("button[value=reject]");
    await expect(page.getByRole("status").textContent()).resolves.toContain("rejection was recorded");
    const done = await api.waitForDeployment(id);
    expect(done.status).toBe("rolled_back");
    expect(done.failure.message).toContain("tess");
    await page.close();
  }, 120_000);

  it("an unknown link is a 404 problem, not a page", async () => {
    const res = await api.request("/approvals/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", { token: null });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    // The token is a bearer secret: the problem does not echo it.
    expect((await res.json()).instance).toBe("/approvals/***");
  });
});

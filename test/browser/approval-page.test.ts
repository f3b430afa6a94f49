import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { parse } from "yaml";
import { createTestApi, type TestApi } from "../helpers/app.js";
import { chromiumPath, launchChromium, serveApp } from "../helpers/browser.js";
import { loadTestFixture } from "../helpers/fixtures.js";

// Without Chromium: skipped, and the global setup prints why and how to fix it.
describe.skipIf(!chromiumPath())("the approval link page in real Chromium", () => {
  let api: TestApi;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let browser: Browser;

  beforeAll(async () => {
    api = await createTestApi();
    server = await serveApp(api);
    browser = await launchChromium();
    const doc = { ...parse(loadTestFixture("canary-service.yaml")), id: "linked-api", environments: { dev: { requires_approval: true, approvers: ["tech-lead"] } } };
    expect((await api.request("/v1/specs", { method: "POST", json: doc })).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await api?.close();
  });

  async function deployAndWaitForGate(version: number, reason: string) {
    const res = await api.request("/v1/deployments", { method: "POST", json: { specId: "linked-api", version, environment: "dev", reason } });
    expect(res.status).toBe(202);
    const dep = await res.json();
    for (let i = 0; i < 600; i++) {
      const delivery = api.approvalLinks.find((d) => d.deploymentId === dep.id);
      if (delivery) return { id: dep.id as string, link: delivery.links[0]! };
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error("no approval link was delivered");
  }

  it("shows the rollout without changing anything, then records an approval and the rollout completes", async () => {
    const { id, link } = await deployAndWaitForGate(1, "first release");
    expect(link.role).toBe("tech-lead");
    expect(link.url).toBe(`http://rollgate.test/approvals/${link.token}`);
    const page = await browser.newPage();
    await page.goto(`${server.url}/approvals/${link.token}`);
    await expect(page.locator("h1").textContent()).resolves.toContain("linked-api v1");
    await expect(page.getByTestId("status").textContent()).resolves.toBe("awaiting_approval");
    await page.screenshot({ path: "test/browser/.approval-page.png" }).catch(() => undefined);

    // GET changed nothing: still waiting, no vote.
    const untouched = await (await api.request(`/v1/deployments/${id}`)).json();
    expect(untouched.status).toBe("awaiting_approval");
    expect(untouched.approvals.flatMap((g: { votes: unknown[] }) => g.votes)).toHaveLength(0);

    await page.fill("#name", "Tess Lead");
    await page.fill("#comment", "Ship it");
    await page.click("button[value=approve]");
    await expect(page.getByRole("status").textContent()).resolves.toContain("approval was recorded");

    const done = await api.waitForDeployment(id);
    expect(done.status).toBe("succeeded");
    const votes = done.approvals.flatMap((g: { votes: { decision: string; comment?: string }[] }) => g.votes);
    expect(votes).toEqual([expect.objectContaining({ decision: "approve", comment: "Ship it" })]);

    // The gate is closed now: the page says so and offers no buttons.
    await page.goto(`${server.url}/approvals/${link.token}`);
    await expect(page.locator("button").count()).resolves.toBe(0);
    await page.close();
  });

  it("a rejection through the page rolls the rollout back", async () => {
    const doc = { ...parse(loadTestFixture("canary-service.yaml")), id: "linked-api", description: "v2", environments: { dev: { requires_approval: true, approvers: ["tech-lead"] } } };
    expect((await api.request("/v1/specs", { method: "POST", json: doc })).status).toBe(201);
    const { id, link } = await deployAndWaitForGate(2, "second try");
    const page = await browser.newPage();
    await page.goto(`${server.url}/approvals/${link.token}`);
    await page.fill("#comment", "not during the freeze");
    await page.click("button[value=reject]");
    await expect(page.getByRole("status").textContent()).resolves.toContain("rejection was recorded");
    const done = await api.waitForDeployment(id);
    expect(done.status).toBe("rolled_back");
    await page.close();
  });

  it("an unknown link is a 404 problem, not a page", async () => {
    const res = await api.request("/approvals/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", { token: null });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    // The token is a bearer secret: the problem does not echo it.
    expect((await res.json()).instance).toBe("/approvals/***");
  });
});

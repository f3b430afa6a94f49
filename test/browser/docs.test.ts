import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createTestApi, type TestApi } from "../helpers/app.js";
import { chromiumPath, launchChromium, serveApp } from "../helpers/browser.js";

// Without Chromium: skipped, and the global setup prints why and how to fix it.
describe.skipIf(!chromiumPath())("/docs in real Chromium", () => {
  let api: TestApi;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let browser: Browser;
  beforeAll(async () => {
    api = await createTestApi();
    server = await serveApp(api);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await api?.close();
  });

  it("renders the API reference from /openapi.json without any request leaving the server", async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith("data:")) foreign.push(request.url());
    });
    await page.goto(`${server.url}/docs`);
    await page.locator(".swagger-ui .info .title").filter({ hasText: "Rollgate API" }).waitFor({ timeout: 15_000 });
    await expect(page.locator(".opblock-summary-path").filter({ hasText: "/v1/specs/{specId}/diff" }).count()).resolves.toBeGreaterThan(0);
    expect(foreign).toEqual([]);
    await page.close();
  });
});

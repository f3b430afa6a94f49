import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createTestApi, type TestApi } from "../helpers/app.js";
import { loadTestFixture } from "../helpers/fixtures.js";

let api: TestApi;
let link: string;
let deploymentId: string;

beforeAll(async () => {
  api = await createTestApi();
  await api.request("/v1/principals/tess", { method: "PUT", json: { roles: ["tech-lead"] } });
  const doc = { ...parse(loadTestFixture("canary-service.yaml")), id: "link-input", environments: { dev: { requires_approval: true, approvers: ["tech-lead"] } } };
  expect((await api.request("/v1/specs", { method: "POST", json: doc })).status).toBe(201);
  const dep = await (await api.request("/v1/deployments", { method: "POST", json: { specId: "link-input", version: 1, environment: "dev" } })).json();
  deploymentId = dep.id;
  await api.waitForDeployment(dep.id, (d) => d.status === "awaiting_approval");
  link = (await api.linksFor(dep.id)).links[0]!.token;
});
afterAll(async () => {
  await api?.close();
});

const post = (init: { body?: RequestInit["body"]; headers?: Record<string, string> }) => api.request(`/approvals/${link}`, { method: "POST", token: null, ...init });
const form = { "content-type": "application/x-www-form-urlencoded" };
const votes = async () => (await (await api.request(`/v1/deployments/${deploymentId}`)).json()).approvals[0].votes;

describe("POST /approvals/{token} refuses what it cannot trust, and records nothing", () => {
  it("refuses cross-site requests: another Origin, an opaque Origin, or Sec-Fetch-Site: cross-site", async () => {
    for (const headers of [
      { ...form, origin: "https://evil.example" },
      { ...form, origin: "null" },
      { ...form, origin: "http://rollgate.test.evil.example" },
      { ...form, "sec-fetch-site": "cross-site" },
    ]) {
      const res = await post({ body: "decision=approve", headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect((await res.json()).code).toBe("CROSS_SITE_REQUEST");
    }
    expect(await votes()).toEqual([]);
  });

  it("a malformed multipart or form body is a 400 problem, and a field sent twice is refused, never last-wins", async () => {
    const broken = await post({ body: "--xyz\r\nContent-Disposition: form-data; name=\"decision\"\r\n\r\napprove", headers: { "content-type": "multipart/form-data; boundary=xyz" } });
    expect(broken.status).toBe(400);
    expect(broken.headers.get("content-type")).toContain("application/problem+json");
    const noBoundary = await post({ body: "decision=approve", headers: { "content-type": "multipart/form-data" } });
    expect(noBoundary.status).toBe(400);
    const twice = await post({ body: "decision=reject&decision=approve", headers: form });
    expect(twice.status).toBe(400);
    expect((await twice.json()).detail).toContain("`decision`");
    const multipartTwice = new FormData();
    multipartTwice.append("decision", "reject");
    multipartTwice.append("decision", "approve");
    expect((await post({ body: multipartTwice })).status).toBe(400);
    const file = new FormData();
    file.append("decision", new Blob(["approve"]), "decision.txt");
    expect((await post({ body: file })).status).toBe(400);
    const badJson = await post({ body: "{", headers: { "content-type": "application/json" } });
    expect(badJson.status).toBe(400);
    expect((await post({ body: "decision=approve", headers: { "content-type": "text/plain" } })).status).toBe(415);
    const unknown = await post({ body: "decision=maybe", headers: form });
    expect(unknown.status).toBe(422);
    const named = await post({ body: "decision=approve&name=tess", headers: form });
    expect(named.status).toBe(422);
    expect((await named.json()).errors).toEqual([expect.objectContaining({ path: "name" })]);
    expect(await votes()).toEqual([]);
  });

  it("the server's own origin is accepted, and the link then decides once", async () => {
    const ok = await post({ body: "decision=approve&comment=fine", headers: { ...form, origin: "http://rollgate.test", "sec-fetch-site": "same-origin" } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Approving as <strong>tess, tech-lead</strong>");
    const again = await post({ body: "decision=approve", headers: form });
    expect(again.status).toBe(409);
    expect(await votes()).toEqual([expect.objectContaining({ subject: "tess", via: "link", comment: "fine" })]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createTestApi, type TestApi } from "../helpers/app.js";
import { loadTestFixture } from "../helpers/fixtures.js";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => {
  await api?.close();
});

const json = (body: unknown) => ({ method: "PUT", json: body });
const paths = async (res: Response) => ((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);

// Each of these is refused, never folded into `ci`: fullwidth letters, a zero-width space,
// upper case, a space, a combining accent, a Cyrillic look-alike.
const lookAlikes = ["ｃｉ", "ci\u200b", "\u200bci", "CI", "Ci", "c i", "ci\u0301", "\u0441i", "", "-ci", "a".repeat(129)];

describe("principals", () => {
  it("creates, replaces, reads and lists principals", async () => {
    const created = await api.request("/v1/principals/tess", json({ roles: ["tech-lead"], displayName: "Tess Lead", email: "tess@example.com" }));
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe("/v1/principals/tess");
    expect(await created.json()).toMatchObject({ subject: "tess", roles: ["tech-lead"], displayName: "Tess Lead", disabled: false, updatedBy: "admin" });
    const replaced = await api.request("/v1/principals/tess", json({ roles: ["tech-lead", "sre"] }));
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({ subject: "tess", roles: ["tech-lead", "sre"], disabled: false });
    expect((await api.request("/v1/principals/tess/")).status).toBe(404);
    expect(await (await api.request("/v1/principals/tess")).json()).toMatchObject({ subject: "tess", roles: ["tech-lead", "sre"] });
    for (const subject of ["pat", "bot.deploy@ci", "sam_2"]) expect((await api.request(`/v1/principals/${encodeURIComponent(subject)}`, json({}))).status).toBe(201);
    const page = await (await api.request("/v1/principals?limit=2")).json();
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toEqual(expect.any(String));
    const rest = await (await api.request(`/v1/principals?limit=100&cursor=${encodeURIComponent(page.nextCursor)}`)).json();
    const all = [...page.items, ...rest.items].map((p: { subject: string }) => p.subject);
    expect(all).toEqual(expect.arrayContaining(["admin", "tess", "pat", "bot.deploy@ci", "sam_2"]));
    expect(new Set(all).size).toBe(all.length);
    expect((await api.request("/v1/principals/nobody")).status).toBe(404);
    const bad = await api.request("/v1/principals/tess", json({ roles: "tech-lead", extra: 1 }));
    expect(bad.status).toBe(422);
  });

  it("refuses look-alike and case variants of a subject at creation, through /v1/principals and /v1/tokens", async () => {
    expect((await api.request("/v1/principals/ci", json({ roles: ["deployer"] }))).status).toBe(201);
    for (const subject of lookAlikes) {
      const viaPut = await api.request(`/v1/principals/${encodeURIComponent(subject)}`, json({ roles: ["tech-lead"] }));
      if (subject === "") {
        expect(viaPut.status).toBe(404);
        continue;
      }
      expect(viaPut.status, JSON.stringify(subject)).toBe(422);
      expect(viaPut.headers.get("content-type")).toContain("application/problem+json");
      expect(await paths(viaPut)).toEqual(["subject"]);
      const viaToken = await api.request("/v1/tokens", { method: "POST", json: { subject, scopes: ["approve"], roles: ["tech-lead"] } });
      expect(viaToken.status, JSON.stringify(subject)).toBe(422);
      expect(await paths(viaToken)).toEqual(["subject"]);
      // Never stored: reading it is a 404 and the directory holds only the real `ci`.
      expect((await api.request(`/v1/principals/${encodeURIComponent(subject)}`)).status).toBe(404);
    }
    const listed = (await (await api.request("/v1/principals?limit=100")).json()).items.map((p: { subject: string }) => p.subject);
    expect(listed.every((s: string) => /^[a-z0-9][a-z0-9._@-]{0,127}$/.test(s))).toBe(true);
    expect(listed.filter((s: string) => s === "ci")).toHaveLength(1);
  });

  it("POST /v1/tokens keeps its API: creates the principal when missing and sets its roles when given", async () => {
    const issued = await api.request("/v1/tokens", { method: "POST", json: { subject: "robin", scopes: ["approve", "specs:read"], roles: ["product-owner"] } });
    expect(issued.status).toBe(201);
    const body = await issued.json();
    expect(body).toMatchObject({ subject: "robin", scopes: ["approve", "specs:read"], roles: ["product-owner"], token: expect.stringMatching(/^rg_/) });
    expect(await (await api.request("/v1/principals/robin")).json()).toMatchObject({ subject: "robin", roles: ["product-owner"] });
    // Without roles, a second token leaves the principal's roles alone; with roles, it sets them.
    const second = await (await api.request("/v1/tokens", { method: "POST", json: { subject: "robin", scopes: ["specs:read"] } })).json();
    expect(second.roles).toEqual(["product-owner"]);
    await api.request("/v1/tokens", { method: "POST", json: { subject: "robin", scopes: ["specs:read"], roles: ["tech-lead"] } });
    // Roles come from the principal when a token is used, not from a copy on the token.
    const me = await (await api.request("/v1/me", { token: body.token })).json();
    expect(me.roles).toEqual(["tech-lead"]);
    const listed = (await (await api.request("/v1/tokens?limit=100")).json()).items.filter((t: { subject: string }) => t.subject === "robin");
    expect(listed.map((t: { roles: string[] }) => t.roles)).toEqual([["tech-lead"], ["tech-lead"], ["tech-lead"]]);
  });

  it("GET /v1/me shows the caller's principal, roles and the token's scopes, for any valid token", async () => {
    const token = await api.token(["specs:read"], { subject: "reader-1", roles: ["auditor"] });
    const res = await api.request("/v1/me", { token });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      principal: { subject: "reader-1", roles: ["auditor"], disabled: false },
      roles: ["auditor"],
      scopes: ["specs:read"],
      credential: { kind: "bearer", id: expect.stringMatching(/^[0-9a-f]{16}$/) },
    });
    expect((await api.request("/v1/me", { token: null })).status).toBe(401);
    const admin = await (await api.request("/v1/me")).json();
    expect(admin).toMatchObject({ principal: { subject: "admin" }, scopes: ["admin"] });
  });

  it("disabling a principal makes its tokens 401 at once (cached ones too), refuses its approval link, and revokes for good", async () => {
    const doc = { ...parse(loadTestFixture("canary-service.yaml")), id: "disable-api", environments: { dev: { requires_approval: true, approvers: ["gatekeeper"] } } };
    expect((await api.request("/v1/specs", { method: "POST", json: doc })).status).toBe(201);
    const kept = await api.token(["approve", "specs:read"], { subject: "kept", roles: ["gatekeeper"] });
    const token = await api.token(["approve", "specs:read"], { subject: "dana", roles: ["gatekeeper"] });
    const second = await api.token(["specs:read"], { subject: "dana" });
    expect((await api.request("/v1/me", { token })).status).toBe(200); // now cached in this process
    const dep = await (await api.request("/v1/deployments", { method: "POST", json: { specId: "disable-api", version: 1, environment: "dev" } })).json();
    await api.waitForDeployment(dep.id, (d) => d.status === "awaiting_approval");
    const links = (await api.linksFor(dep.id)).links;
    const dana = links.find((l) => l.subject === "dana")!.token;
    expect((await api.request(`/approvals/${dana}`, { token: null })).status).toBe(200);

    const disabled = await api.request("/v1/principals/dana", { method: "DELETE" });
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ subject: "dana", disabled: true, revokedTokens: 2, updatedBy: "admin" });
    for (const t of [token, second]) {
      const res = await api.request("/v1/me", { token: t });
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    expect((await api.request(`/v1/deployments/${dep.id}/approvals`, { method: "POST", token, json: { decision: "approve" } })).status).toBe(401);
    const page = await api.request(`/approvals/${dana}`, { token: null });
    expect(await page.text()).toContain("no longer acts for anyone");
    const viaLink = await api.request(`/approvals/${dana}`, { method: "POST", token: null, json: { decision: "approve" } });
    expect(viaLink.status).toBe(403);
    expect((await viaLink.json()).code).toBe("APPROVAL_LINK_REVOKED");
    const tokens = (await (await api.request("/v1/tokens?limit=100")).json()).items.map((t: { subject: string }) => t.subject);
    expect(tokens).not.toContain("dana");
    // No new token for a disabled principal; re-enabling does not bring the old ones back.
    const refused = await api.request("/v1/tokens", { method: "POST", json: { subject: "dana", scopes: ["specs:read"] } });
    expect(refused.status).toBe(409);
    expect((await refused.json()).code).toBe("PRINCIPAL_DISABLED");
    expect((await api.request("/v1/principals/dana", json({ roles: ["gatekeeper"] }))).status).toBe(200);
    expect((await api.request("/v1/me", { token })).status).toBe(401);
    expect((await api.request("/v1/principals/nobody", { method: "DELETE" })).status).toBe(404);

    expect((await api.request(`/v1/deployments/${dep.id}`)).status).toBe(200);
    expect((await (await api.request(`/v1/deployments/${dep.id}`)).json()).approvals[0].votes).toEqual([]);
    expect((await api.request(`/v1/deployments/${dep.id}/approvals`, { method: "POST", token: kept, json: { decision: "approve" } })).status).toBe(200);
    expect((await api.waitForDeployment(dep.id)).status).toBe("succeeded");
  });

  it("the requester cannot vote through the API, and gets no link", async () => {
    const doc = { ...parse(loadTestFixture("canary-service.yaml")), id: "self-api", environments: { dev: { requires_approval: true, approvers: ["releaser"] } } };
    expect((await api.request("/v1/specs", { method: "POST", json: doc })).status).toBe(201);
    const ci = await api.token(["deploy", "approve", "specs:read"], { subject: "ci-self", roles: ["releaser"] });
    const dep = await (await api.request("/v1/deployments", { method: "POST", token: ci, json: { specId: "self-api", version: 1, environment: "dev" } })).json();
    await api.waitForDeployment(dep.id, (d) => d.status === "awaiting_approval");
    const delivery = await api.linksFor(dep.id);
    expect(delivery.links).toEqual([]);
    expect(delivery.rolesWithoutApprovers).toEqual(["releaser"]);
    const self = await api.request(`/v1/deployments/${dep.id}/approvals`, { method: "POST", token: ci, json: { decision: "approve" } });
    expect(self.status).toBe(403);
    expect((await self.json()).code).toBe("SELF_APPROVAL");
    const event = (await (await api.request(`/v1/deployments/${dep.id}`)).json()).timeline.find((e: { type: string }) => e.type === "deployment.approval_requested");
    expect(event.data).toMatchObject({ requiredRoles: ["releaser"], links: 0, rolesWithoutApprovers: ["releaser"] });
    expect((await api.request(`/v1/deployments/${dep.id}/abort`, { method: "POST", token: ci })).status).toBe(202);
  });
});

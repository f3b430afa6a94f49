import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createRegistry, createSpecRepository } from "@rollgate/core/registry";
import { createCursorCodec } from "@rollgate/core/store";
import { createTestApi, type TestApi } from "../helpers/app.js";

const yamlDoc = (id: string, marker = "a") => stringify({ ospec_version: "1.0.0", id, name: `Spec ${id}`, outcome_type: "web-app", description: marker });

describe("version reads: ETag, 304, cache, lifecycle state", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
    expect((await api.request("/v1/specs", { method: "POST", yaml: yamlDoc("reads", "one") })).status).toBe(201);
    expect((await api.request("/v1/specs", { method: "POST", yaml: yamlDoc("reads", "two") })).status).toBe(201);
  });
  afterAll(async () => api.close());

  it("a numbered read carries a strong, stable ETag (the content hash), Vary: Accept and an immutable-or-bounded Cache-Control", async () => {
    const first = await api.request("/v1/specs/reads/versions/1");
    const second = await api.request("/v1/specs/reads/versions/1");
    const body = await first.json();
    expect(first.headers.get("etag")).toBe(`"${body.contentHash}"`);
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(first.headers.get("vary")).toBe("Accept");
    expect(first.headers.get("cache-control")).toMatch(/^private, max-age=\d+$/);
    const raw = await api.request("/v1/specs/reads/versions/1", { headers: { accept: "application/yaml" } });
    expect(raw.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    expect(raw.headers.get("vary")).toBe("Accept");
  });

  it("If-None-Match: 304 with no body on a match (also weak, in a list, or *), 200 on a mismatch", async () => {
    const etag = (await api.request("/v1/specs/reads/versions/1")).headers.get("etag")!;
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const res = await api.request("/v1/specs/reads/versions/1", { headers: { "if-none-match": inm } });
      expect(res.status, inm).toBe(304);
      expect(await res.text()).toBe("");
      expect(res.headers.get("etag")).toBe(etag);
      expect(res.headers.get("vary")).toBe("Accept");
    }
    const other = await api.request("/v1/specs/reads/versions/1", { headers: { "if-none-match": '"not-it"' } });
    expect(other.status).toBe(200);
    expect((await other.json()).version).toBe(1);
    // Version 2's ETag does not validate version 1.
    const v2 = (await api.request("/v1/specs/reads/versions/2")).headers.get("etag")!;
    expect(v2).not.toBe(etag);
    expect((await api.request("/v1/specs/reads/versions/1", { headers: { "if-none-match": v2 } })).status).toBe(200);
  });

  it("the JSON form and the raw text have different ETags, and neither validates the other", async () => {
    const json = await api.request("/v1/specs/reads/versions/1");
    const raw = await api.request("/v1/specs/reads/versions/1", { headers: { accept: "application/yaml" } });
    const hash = (await json.json()).contentHash;
    expect(raw.headers.get("etag")).toBe(`"${hash}-raw"`);
    expect(raw.headers.get("etag")).not.toBe(json.headers.get("etag"));
    const crossed = await api.request("/v1/specs/reads/versions/1", { headers: { accept: "application/yaml", "if-none-match": json.headers.get("etag")! } });
    expect(crossed.status).toBe(200);
    expect(await crossed.text()).toBe(yamlDoc("reads", "one"));
    const same = await api.request("/v1/specs/reads/versions/1", { headers: { accept: "application/yaml", "if-none-match": raw.headers.get("etag")! } });
    expect(same.status).toBe(304);
  });

  it("`latest` says no-cache, resolves to the newest version and still answers 304 for its current ETag", async () => {
    const latest = await api.request("/v1/specs/reads/versions/latest");
    expect(latest.headers.get("cache-control")).toBe("private, no-cache");
    expect(latest.headers.get("x-spec-version")).toBe("2");
    const etag = latest.headers.get("etag")!;
    expect(etag).toBe((await api.request("/v1/specs/reads/versions/2")).headers.get("etag"));
    expect((await api.request("/v1/specs/reads/versions/latest", { headers: { "if-none-match": etag } })).status).toBe(304);
    expect((await api.request("/v1/specs", { method: "POST", yaml: yamlDoc("reads", "three") })).status).toBe(201);
    const moved = await api.request("/v1/specs/reads/versions/latest", { headers: { "if-none-match": etag } });
    expect(moved.status).toBe(200);
    expect((await moved.json()).version).toBe(3);
  });

  it("a cached read returns byte-identical bodies", async () => {
    const a = await (await api.request("/v1/specs/reads/versions/2")).text();
    const b = await (await api.request("/v1/specs/reads/versions/2")).text();
    expect(b).toBe(a);
    const rawA = await (await api.request("/v1/specs/reads/versions/2", { headers: { accept: "application/yaml" } })).text();
    const rawB = await (await api.request("/v1/specs/reads/versions/2", { headers: { accept: "application/yaml" } })).text();
    expect(rawB).toBe(rawA);
    expect(rawA).toBe(yamlDoc("reads", "two"));
  });

  it("a state change is seen at once by the next read, with a new ETag; the old one no longer gets a 304", async () => {
    const before = await api.request("/v1/specs/reads/versions/1");
    const oldEtag = before.headers.get("etag")!;
    expect((await before.json()).state).toBe("active");
    const patched = await api.request("/v1/specs/reads/versions/1", { method: "PATCH", json: { state: "disabled" } });
    expect(patched.status).toBe(200);
    const after = await api.request("/v1/specs/reads/versions/1", { headers: { "if-none-match": oldEtag } });
    expect(after.status).toBe(200);
    const body = await after.json();
    expect(body).toMatchObject({ state: "disabled", updatedBy: "admin" });
    expect(after.headers.get("etag")).not.toBe(oldEtag);
    expect(after.headers.get("etag")).toMatch(new RegExp(`^"${body.contentHash}-disabled\\.`));
    // The raw text did not change: its ETag stays.
    expect((await api.request("/v1/specs/reads/versions/1", { headers: { accept: "application/yaml" } })).headers.get("etag")).toBe(`"${body.contentHash}-raw"`);
    // Disabled is still refused by a deployment, which never reads through the cache.
    const deploy = await api.request("/v1/deployments", { method: "POST", json: { specId: "reads", version: 1, environment: "dev" } });
    expect((await deploy.json()).code).toBe("VERSION_DISABLED");
    expect((await api.request("/v1/specs/reads/versions/1", { method: "PATCH", json: { state: "active" } })).status).toBe(200);
    expect((await (await api.request("/v1/specs/reads/versions/1")).json()).state).toBe("active");
  });

  it("a spec registered as JSON is never labelled YAML: 406 under Accept: application/yaml, the JSON form when JSON is acceptable too", async () => {
    const json = { ospec_version: "1.0.0", id: "json-reg", name: "Json", outcome_type: "api" };
    expect((await api.request("/v1/specs", { method: "POST", json })).status).toBe(201);
    const yamlOnly = await api.request("/v1/specs/json-reg/versions/1", { headers: { accept: "application/yaml" } });
    expect(yamlOnly.status).toBe(406);
    expect(yamlOnly.headers.get("content-type")).toContain("application/problem+json");
    expect(yamlOnly.headers.get("vary")).toBe("Accept");
    expect(await yamlOnly.json()).toMatchObject({ code: "NOT_ACCEPTABLE", available: ["application/json"] });
    const either = await api.request("/v1/specs/json-reg/versions/1", { headers: { accept: "application/yaml, application/json;q=0.5" } });
    expect(either.status).toBe(200);
    expect(either.headers.get("content-type")).toBe("application/json");
    expect(either.headers.get("vary")).toBe("Accept");
    expect((await either.json()).document).toEqual(json);
  });

  it("serves a cached version without a storage read; another process sees a state change within its bound", async () => {
    // A second registry on the same table stands in for another process, with a fake clock.
    const sent: string[] = [];
    const real = api.runtime.table.client;
    const counting = { send: (command: { constructor: { name: string } }) => (sent.push(command.constructor.name), real.send(command as never)) } as unknown as DynamoDBClient;
    let now = 0;
    const other = createRegistry({
      repository: createSpecRepository({ table: { client: counting, tableName: api.runtime.table.tableName }, cursors: createCursorCodec("test-secret") }),
      readCache: { stateMaxAgeMs: 1000, now: () => now },
    });
    const first = await other.readVersion("reads", 2, "canonical");
    expect(sent.length).toBe(1);
    const again = await other.readVersion("reads", 2, "canonical");
    expect(sent.length).toBe(1);
    expect(again).toEqual(first);

    expect((await api.request("/v1/specs/reads/versions/2", { method: "PATCH", json: { state: "deprecated" } })).status).toBe(200);
    now = 999;
    expect((await other.readVersion("reads", 2, "canonical")).state).toBe("active"); // within the documented bound
    now = 1000;
    const fresh = await other.readVersion("reads", 2, "canonical");
    expect(fresh.state).toBe("deprecated");
    expect(fresh.text).toBe(first.text);
    expect(sent.slice(1)).toEqual(["GetItemCommand"]); // the state alone, not the text again
  });
});

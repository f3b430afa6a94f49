import { describe, expect, it } from "vitest";
import { createContractChecker, type ExchangeRecord } from "../helpers/contract.js";

/** The contract check (test/helpers/contract.ts) fails on each kind of drift it is there for. */
const doc = {
  openapi: "3.1.0",
  paths: {
    "/v1/things": {
      post: {
        responses: {
          "201": {
            description: "Created",
            headers: { Location: { $ref: "#/components/headers/Location" }, "x-request-id": { schema: { type: "string" } } },
            content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
          },
          "422": { $ref: "#/components/responses/Unprocessable" },
        },
      },
    },
    "/v1/things/{id}": {
      get: {
        responses: {
          "200": { description: "A thing", content: { "application/json": { schema: { $ref: "#/components/schemas/LabelledThing" } } } },
          "204": { description: "Nothing" },
        },
      },
    },
    "/v1/things/special": {
      get: { responses: { "200": { description: "Special", content: { "text/plain": { schema: { type: "string" } } } } } },
    },
  },
  components: {
    headers: { Location: { required: true, schema: { type: "string" } } },
    schemas: {
      Thing: { type: "object", properties: { id: { type: "string" }, tags: { type: "object", additionalProperties: { type: "string" } } }, required: ["id"] },
      // An extension of Thing, as zod-to-openapi writes `.extend()` of a named schema.
      LabelledThing: { allOf: [{ $ref: "#/components/schemas/Thing" }, { type: "object", properties: { label: { type: "string" } } }] },
      Problem: { type: "object", properties: { code: { type: "string" } }, required: ["code"], additionalProperties: {} },
    },
    responses: {
      Unprocessable: { description: "Problem", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } },
    },
  },
};

const { check } = createContractChecker(doc);
const created = (body: unknown, headers: Record<string, string> = {}): ExchangeRecord => ({
  method: "POST",
  url: "/v1/things",
  status: 201,
  headers: { "content-type": "application/json", location: "/v1/things/1", "x-request-id": "r1", ...headers },
  body: JSON.stringify(body),
});

describe("the contract checker", () => {
  it("accepts a response that matches: declared status, headers, media type and properties (records stay open)", () => {
    expect(check(created({ id: "1", tags: { any: "key" } }))).toEqual([]);
  });

  it("fails a property the schema does not declare", () => {
    expect(check(created({ id: "1", secret: "leaked" }))).toEqual([expect.stringContaining("unevaluated properties (`secret`)")]);
  });

  it("fails an undeclared property of an allOf extension, and accepts the properties of both parts", () => {
    const read = (body: unknown): ExchangeRecord => ({ method: "GET", url: "/v1/things/1?x=1", status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(check(read({ id: "1", label: "one" }))).toEqual([]);
    expect(check(read({ id: "1", label: "one", extra: true }))).toEqual([expect.stringContaining("(`extra`)")]);
  });

  it("fails a wrong type and a missing required property", () => {
    expect(check(created({ id: 1 }))[0]).toContain("body/id must be string");
    expect(check(created({}))[0]).toContain("must have required property 'id'");
  });

  it("fails a status the operation does not declare", () => {
    expect(check({ ...created({ id: "1" }), status: 409 })).toEqual([expect.stringContaining("status 409 is not declared")]);
  });

  it("fails a header the server sends that the response does not declare, and a missing required one", () => {
    expect(check(created({ id: "1" }, { etag: '"x"' }))).toEqual([expect.stringContaining("header etag is sent but not declared")]);
    const { location: _location, ...withoutLocation } = created({ id: "1" }).headers;
    expect(check({ ...created({ id: "1" }), headers: withoutLocation })).toEqual([expect.stringContaining("required header location is missing")]);
  });

  it("fails an undeclared media type and a body where none is declared", () => {
    expect(check(created({ id: "1" }, { "content-type": "text/html" }))).toEqual([expect.stringContaining("content type text/html is not declared")]);
    expect(check({ method: "GET", url: "/v1/things/1", status: 204, headers: {}, body: "x" })).toEqual([expect.stringContaining("a body on a 204")]);
  });

  it("follows $ref responses; problem extension members are allowed where the schema says so", () => {
    const problem = { method: "POST", url: "/v1/things", status: 422, headers: { "content-type": "application/problem+json" }, body: JSON.stringify({ code: "X", limit: 3 }) };
    expect(check(problem)).toEqual([]);
  });

  it("matches a literal path before a parameter, and checks a request that matches no operation", () => {
    expect(check({ method: "GET", url: "/v1/things/special", status: 200, headers: { "content-type": "text/plain" }, body: "ok" })).toEqual([]);
    const wrongMethod = { method: "DELETE", url: "/v1/things/1", status: 405, headers: { "content-type": "application/problem+json", allow: "GET, HEAD" }, body: "{}" };
    expect(check(wrongMethod)).toEqual([]);
    expect(check({ ...wrongMethod, headers: { "content-type": "application/problem+json" } })).toEqual([expect.stringContaining("405 without Allow")]);
    expect(check({ ...wrongMethod, status: 200 })[0]).toContain("no operation DELETE /v1/things/1");
    expect(check({ ...wrongMethod, url: "/v1/elsewhere", status: 404, headers: { "content-type": "application/problem+json" } })).toEqual([]);
    expect(check({ ...wrongMethod, url: "/v1/elsewhere", status: 200, headers: { "content-type": "text/html" } })).toHaveLength(2);
    // Pages outside /v1 that the document does not describe are not its business.
    expect(check({ method: "GET", url: "/docs", status: 200, headers: { "content-type": "text/html" }, body: "<html>" })).toEqual([]);
  });
});

describe("problem codes", () => {
  // As finishDocument writes a problem response: the Problem component, its `code` an enum.
  const withCodes = (codes: string[]) => ({
    description: "Problem",
    content: { "application/problem+json": { schema: { allOf: [{ $ref: "#/components/schemas/Problem" }, { type: "object", properties: { code: { type: "string", enum: codes } } }] } } },
  });
  const coded = {
    ...doc,
    paths: { "/v1/things/{id}": { delete: { responses: { "404": withCodes(["THING_NOT_FOUND"]), "409": withCodes(["THING_IN_USE", "THING_LOCKED"]) } } } },
  };
  const refused = (status: number, body: object): ExchangeRecord => ({
    method: "DELETE",
    url: "/v1/things/1",
    status,
    headers: { "content-type": "application/problem+json" },
    body: JSON.stringify(body),
  });

  it("accepts a code the operation declares for the status, with the problem's extension members", () => {
    const coder = createContractChecker(coded);
    expect(coder.check(refused(404, { code: "THING_NOT_FOUND", id: "1" }))).toEqual([]);
    expect(coder.check(refused(409, { code: "THING_LOCKED" }))).toEqual([]);
  });

  it("fails a code the operation does not declare, and one it declares for another status", () => {
    const coder = createContractChecker(coded);
    expect(coder.check(refused(409, { code: "SOMETHING_ELSE" }))).toEqual([
      "DELETE /v1/things/{id} -> 409: code SOMETHING_ELSE is not declared for this operation and status (declared: THING_IN_USE, THING_LOCKED)",
    ]);
    expect(coder.check(refused(404, { code: "THING_IN_USE" }))).toEqual([expect.stringContaining("code THING_IN_USE is not declared")]);
  });

  it("fails a request no operation serves whose code is not the router's", () => {
    const coder = createContractChecker(coded, { unrouted: { 404: ["NOT_FOUND"], 405: ["METHOD_NOT_ALLOWED"] } });
    const unrouted = (status: number, code: string): ExchangeRecord => ({ ...refused(status, { code }), method: "GET", url: status === 404 ? "/v1/elsewhere" : "/v1/things/1" });
    expect(coder.check({ ...unrouted(405, "METHOD_NOT_ALLOWED"), headers: { "content-type": "application/problem+json", allow: "DELETE" } })).toEqual([]);
    expect(coder.check(unrouted(404, "NOT_FOUND"))).toEqual([]);
    expect(coder.check(unrouted(404, "THING_NOT_FOUND"))).toEqual([expect.stringContaining("code THING_NOT_FOUND is not the router's")]);
  });
});

describe("the contract checker on the served document", () => {
  it("fails a route that sends a code it does not declare: a token revocation's 404 is TOKEN_NOT_FOUND, never SPEC_NOT_FOUND", async () => {
    const { openApiDocument } = await import("../../scripts/openapi-document.js");
    const real = createContractChecker(await openApiDocument());
    const revoke = (code: string): ExchangeRecord => ({
      method: "DELETE",
      url: "/v1/tokens/0123456789abcdef",
      status: 404,
      headers: { "content-type": "application/problem+json", "x-request-id": "r" },
      body: JSON.stringify({ type: "https://rollgate.dev/problems/x", title: "Not Found", status: 404, detail: "No token.", code, id: "0123456789abcdef" }),
    });
    expect(real.check(revoke("TOKEN_NOT_FOUND"))).toEqual([]);
    expect(real.check(revoke("SPEC_NOT_FOUND"))).toEqual([
      "DELETE /v1/tokens/{id} -> 404: code SPEC_NOT_FOUND is not declared for this operation and status (declared: TOKEN_NOT_FOUND)",
    ]);
    // What middleware sends is declared too: the credential's 401, the validators' 400.
    expect(real.check({ ...revoke("UNAUTHENTICATED"), status: 401, headers: { ...revoke("").headers, "www-authenticate": 'Bearer realm="rollgate"' } })).toEqual([]);
    expect(real.check({ ...revoke("REQUEST_INVALID"), status: 400 })).toEqual([]);
    expect(real.check({ ...revoke("MALFORMED_JSON"), status: 400 })).toEqual([expect.stringContaining("code MALFORMED_JSON is not declared")]);
  });


  it("fails a token list whose items carry a field the document does not declare (a leaked secret, say)", async () => {
    const { openApiDocument } = await import("../../scripts/openapi-document.js");
    const real = createContractChecker(await openApiDocument());
    const token = { id: "0123456789abcdef", subject: "ci", scopes: ["deploy"], roles: [], createdAt: "2026-12-01T00:00:00Z", createdBy: "admin" };
    const page = (item: object): ExchangeRecord => ({
      method: "GET",
      url: "/v1/tokens?limit=1",
      status: 200,
      headers: { "content-type": "application/json", "x-request-id": "r" },
      body: JSON.stringify({ items: [item], nextCursor: null }),
    });
    expect(real.check(page(token))).toEqual([]);
    expect(real.check(page({ ...token, tokenHash: "abc" }))).toEqual([expect.stringContaining("body/items/[i] must NOT have unevaluated properties (`tokenHash`)")]);
  });
});

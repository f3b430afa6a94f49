import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createWebhookTarget,
  generateWebhookSecret,
  standardWebhookHeaders,
  TargetConfigError,
  TargetError,
  type Resolver,
  type TargetContext,
  type TrafficTarget,
} from "@rollgate/core/target";

/** A deployer on 127.0.0.1 whose behaviour each test scripts, verifying signatures like a real one would. */
interface Received {
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
  signatureValid: boolean;
  raw: string;
}

const secret = generateWebhookSecret();
let server: Server;
let port: number;
let url: string;
let received: Received[];
let respond: (request: Received, res: ServerResponse) => void;

function verify(headers: IncomingMessage["headers"], raw: string): boolean {
  const expected = createHmac("sha256", secret).update(`${headers["x-rollgate-timestamp"]}.${raw}`).digest();
  const header = String(headers["x-rollgate-signature"] ?? "");
  const given = Buffer.from(header.replace(/^sha256=/, ""), "hex");
  return header.startsWith("sha256=") && given.length === expected.length && timingSafeEqual(given, expected);
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      const request = { headers: req.headers, body: JSON.parse(raw) as Record<string, unknown>, signatureValid: verify(req.headers, raw), raw };
      received.push(request);
      respond(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}/deploy?token=do-not-echo`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  respond = (_request, res) => json(res, 200, {});
});

const ctx: TargetContext = { specId: "checkout", environment: "production", deploymentId: "dep-1", candidateVersion: 7, stableVersion: 6 };

function target(
  options: { url?: string; secret?: string; allowPrivateNetwork?: boolean; timeoutMs?: number; retries?: number; resolver?: Resolver } = {},
): TrafficTarget {
  return createWebhookTarget(
    { name: "deployer", url: options.url ?? url, allowPrivateNetwork: options.allowPrivateNetwork ?? true, secret: options.secret ?? secret },
    {
      ...(options.resolver ? { resolver: options.resolver } : {}),
      options: { timeoutMs: options.timeoutMs ?? 2_000, retries: options.retries ?? 3, baseDelayMs: 5, maxDelayMs: 20 },
    },
  );
}

/** A resolver that answers from a table and records every name it was asked for. */
function fakeResolver(answers: Record<string, string[]>): Resolver & { asked: string[] } {
  const asked: string[] = [];
  const resolver = async (hostname: string) => {
    asked.push(hostname);
    const addresses = answers[hostname];
    if (!addresses) throw Object.assign(new Error(`no such host ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(resolver, { asked });
}

async function failure(call: Promise<unknown>): Promise<TargetError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TargetError);
  return error as TargetError;
}

describe("the webhook target against a real HTTP server", () => {
  it("sends signed JSON the server can verify (both signatures), and returns the validated answer", async () => {
    respond = (_request, res) => json(res, 200, { stable: 80, candidate: 20 });
    await expect(target().shift(ctx, 20)).resolves.toEqual({ stable: 80, candidate: 20 });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.signatureValid).toBe(true);
    expect(request!.body).toEqual({ action: "shift", specId: "checkout", environment: "production", deploymentId: "dep-1", candidateVersion: 7, stableVersion: 6, weight: 20 });
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(Number(request!.headers["x-rollgate-timestamp"])).toBeCloseTo(Date.now() / 1000, -1);
    // Standard Webhooks: v1 signature over id.timestamp.body with the decoded whsec_ key.
    const id = String(request!.headers["webhook-id"]);
    const at = new Date(Number(request!.headers["webhook-timestamp"]) * 1000);
    expect(request!.headers["webhook-signature"]).toBe(standardWebhookHeaders(secret, id, at, request!.raw)["webhook-signature"]);
    expect(id).toBe(request!.headers["x-rollgate-delivery"]);
  });

  it("speaks every action of the port, and passes on no text of the deployer's", async () => {
    respond = ({ body }, res) => {
      const answers: Record<string, unknown> = {
        health: { healthy: false, detail: "2/3 pods ready" },
        validate: { passed: true },
        metrics: { errorRate: 0.02, latencyP99Ms: 340, requests: 1200 },
        weights: { stable: 100, candidate: 0 },
      };
      if (body.action === "prepare" || body.action === "teardown") return void res.writeHead(204).end();
      json(res, 200, answers[body.action as string]);
    };
    const t = target();
    await t.prepare(ctx);
    const health = await t.health(ctx);
    expect(health.healthy).toBe(false);
    expect(JSON.stringify(health)).not.toContain("pods");
    await expect(t.validate(ctx, "smoke_tests")).resolves.toEqual({ passed: true });
    await expect(t.metrics(ctx, 60)).resolves.toEqual({ errorRate: 0.02, latencyP99Ms: 340, requests: 1200 });
    await expect(t.weights(ctx)).resolves.toEqual({ stable: 100, candidate: 0 });
    await t.teardown(ctx, "candidate");
    expect(received.map((r) => [r.body.action, r.body.check ?? r.body.windowSeconds ?? r.body.side ?? null])).toEqual([
      ["prepare", null],
      ["health", null],
      ["validate", "smoke_tests"],
      ["metrics", 60],
      ["weights", null],
      ["teardown", "candidate"],
    ]);
    expect(received.every((r) => r.signatureValid)).toBe(true);
  });

  it("retries a 503 and succeeds, re-signing each attempt under one delivery id", async () => {
    respond = (_request, res) => (received.length <= 2 ? json(res, 503, { error: "busy" }) : json(res, 200, { healthy: true }));
    await expect(target().health(ctx)).resolves.toEqual({ healthy: true });
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.headers["x-rollgate-delivery"])).size).toBe(1);
    expect(received.every((r) => r.signatureValid)).toBe(true);
  });

  it("gives up after its retries with the status and a stable code; a 5xx may have acted", async () => {
    respond = (_request, res) => json(res, 502, {});
    const error = await failure(target({ retries: 2 }).prepare(ctx));
    expect(error.message).toMatch(/prepare failed after 3 attempts: HTTP 502 \(TARGET_HTTP_STATUS\)/);
    expect(error).toMatchObject({ code: "TARGET_HTTP_STATUS", effect: "unknown", context: { status: 502 } });
    expect(received).toHaveLength(3);
  });

  it("does not retry a 4xx refusal, counts it as no effect, and never repeats the body", async () => {
    respond = (_request, res) => json(res, 409, { error: "another rollout holds the service", leaked: "BODY-MARKER-409" });
    const error = await failure(target().shift(ctx, 10));
    expect(error).toMatchObject({ code: "TARGET_HTTP_STATUS", effect: "none", context: { status: 409 } });
    expect(error.message).toContain("HTTP 409");
    expect(JSON.stringify({ message: error.message, context: error.context })).not.toContain("BODY-MARKER");
    expect(received).toHaveLength(1);
  });

  it("times out a target that never answers (the call may have acted)", async () => {
    respond = () => undefined; // hang
    const error = await failure(target({ timeoutMs: 150, retries: 1 }).health(ctx));
    expect(error.message).toContain("no response within 150 ms");
    expect(error).toMatchObject({ code: "TARGET_TIMEOUT", effect: "unknown" });
    expect(received).toHaveLength(2);
    server.closeAllConnections();
  });

  it("rejects a garbage answer with a stable code and none of its text, without retrying", async () => {
    respond = (_request, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>BODY-MARKER-html</html>");
    const notJson = await failure(target().prepare(ctx));
    expect(notJson).toMatchObject({ code: "TARGET_BAD_RESPONSE", effect: "none" });
    expect(notJson.message).toContain("not JSON");
    expect(notJson.message).not.toContain("BODY-MARKER");

    respond = (_request, res) => json(res, 200, { stable: 50, candidate: 70, note: "BODY-MARKER-shape" });
    const wrongShape = await failure(target().shift(ctx, 30));
    expect(wrongShape).toMatchObject({ code: "TARGET_BAD_RESPONSE", effect: "unknown" });
    expect(wrongShape.message).not.toContain("BODY-MARKER");
    expect(received).toHaveLength(2);
  });

  it("counts {ok: false} as a refusal of the deployer's, without its detail", async () => {
    respond = (_request, res) => json(res, 200, { ok: false, detail: "BODY-MARKER-detail" });
    const error = await failure(target().prepare(ctx));
    expect(error).toMatchObject({ code: "TARGET_REPORTED_FAILURE", effect: "none" });
    expect(error.message).not.toContain("BODY-MARKER");
  });

  it("fails clearly, before any call, without a secret", async () => {
    const error = await failure(target({ secret: "" }).prepare(ctx));
    expect(error).toBeInstanceOf(TargetConfigError);
    expect(error).toMatchObject({ name: "TargetConfigError", code: "TARGET_MISCONFIGURED", effect: "none" });
    expect(received).toHaveLength(0);
  });

  it("names the target, never the URL or its query string, in messages", async () => {
    respond = (_request, res) => json(res, 400, {});
    const error = await failure(target().prepare(ctx));
    expect(error.message).toContain("Webhook target deployer");
    expect(error.message).not.toContain("do-not-echo");
    expect(error.message).not.toContain("127.0.0.1");
  });
});

describe("where a webhook target may send requests", () => {
  /** A second loopback server, where redirects point: it must never be reached. */
  let elsewhere: Server;
  let elsewhereHits = 0;
  beforeAll(async () => {
    elsewhere = createServer((_req, res) => {
      elsewhereHits++;
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    elsewhere.closeAllConnections();
    await new Promise((resolve) => elsewhere.close(resolve));
  });

  it("follows no redirect: a 3xx is a failure with a stable code, and the Location is never called", async () => {
    const location = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`;
    for (const status of [301, 302, 307, 308]) {
      respond = (_request, res) => res.writeHead(status, { location }).end();
      const error = await failure(target().prepare(ctx));
      expect(error).toMatchObject({ code: "TARGET_REDIRECT_REFUSED", effect: "none", context: { status } });
    }
    expect(received).toHaveLength(4);
    expect(elsewhereHits).toBe(0);
  });

  const refusedLiterals = [
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00:ec2::254]/latest/meta-data/",
    "http://[fe80::1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://100.100.100.200/",
    "http://0.0.0.0/",
    "http://[::]/",
  ];
  it.each(refusedLiterals)("refuses %s even with allowPrivateNetwork, consulting no resolver", async (literal) => {
    const resolver = fakeResolver({});
    const error = await failure(target({ url: literal, allowPrivateNetwork: true, resolver }).prepare(ctx));
    expect(error).toMatchObject({ code: "TARGET_ADDRESS_REFUSED", effect: "none" });
    expect(error.message).toContain("always refused");
    expect(resolver.asked).toEqual([]);
  });

  it("refuses a DNS name that resolves to link-local, without a request leaving (the resolver is all it consulted)", async () => {
    // The first answer is the counting loopback server: had any address been used, it would have seen a request.
    for (const answer of [["169.254.169.254"], ["127.0.0.1", "169.254.169.254"], ["127.0.0.1", "fe80::1"], ["::ffff:169.254.169.254"]]) {
      const resolver = fakeResolver({ "deployer.internal.test": answer });
      const error = await failure(target({ url: `http://deployer.internal.test:${port}/deploy`, allowPrivateNetwork: true, resolver, retries: 0 }).prepare(ctx));
      expect(error).toMatchObject({ code: "TARGET_ADDRESS_REFUSED", effect: "none" });
      expect(resolver.asked).toEqual(["deployer.internal.test"]);
    }
    expect(received).toHaveLength(0);
  });

  it("refuses loopback and private addresses unless the target allows them", async () => {
    const resolver = fakeResolver({ "deployer.internal.test": ["127.0.0.1"], "intranet.test": ["10.1.2.3"], "v6.test": ["fd12:3456::1"] });
    for (const address of [url, `http://deployer.internal.test:${port}/`, "http://intranet.test/", "http://v6.test/", "http://192.168.1.10/", "http://[::1]/"]) {
      const error = await failure(target({ url: address, allowPrivateNetwork: false, resolver }).prepare(ctx));
      expect(error).toMatchObject({ code: "TARGET_ADDRESS_REFUSED", effect: "none" });
      expect(error.message).toContain("allowPrivateNetwork");
    }
    expect(received).toHaveLength(0);
  });

  it("connects to the address it checked, with the hostname in Host (a rebinding resolver cannot move it)", async () => {
    let calls = 0;
    // First answer loopback (allowed here), then metadata: a rebinding attempt between check and connect.
    const rebinding: Resolver = async () => (calls++ === 0 ? [{ address: "127.0.0.1", family: 4 }] : [{ address: "169.254.169.254", family: 4 }]);
    await target({ url: `http://deployer.internal.test:${port}/deploy`, allowPrivateNetwork: true, resolver: rebinding }).prepare(ctx);
    expect(calls).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0]!.headers.host).toBe(`deployer.internal.test:${port}`);
    expect(received[0]!.signatureValid).toBe(true);
  });

  it("a name that does not resolve took no effect", async () => {
    const resolver = fakeResolver({});
    const error = await failure(target({ url: "http://nowhere.test/", resolver, retries: 1 }).prepare(ctx));
    expect(error).toMatchObject({ code: "TARGET_DNS_FAILED", effect: "none" });
    expect(resolver.asked).toEqual(["nowhere.test", "nowhere.test"]);
  });
});

import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTrafficTarget, TargetConfigError, TargetError, type TargetContext, type TrafficTarget } from "@rollgate/core/target";

/** A deployer on 127.0.0.1 whose behaviour each test scripts, verifying signatures like a real one would. */
interface Received {
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
  signatureValid: boolean;
}

const secret = "s3cret-for-tests";
let server: Server;
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
      const request = { headers: req.headers, body: JSON.parse(raw) as Record<string, unknown>, signatureValid: verify(req.headers, raw) };
      received.push(request);
      respond(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/deploy?token=do-not-echo`;
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
const table = { client: undefined as never, tableName: "unused" };

function target(options: { env?: Record<string, string | undefined>; timeoutMs?: number; retries?: number } = {}): TrafficTarget {
  return createTrafficTarget(
    { type: "webhook", url, secret_env: "DEPLOYER_SECRET" },
    {
      table,
      env: options.env ?? { DEPLOYER_SECRET: secret },
      webhook: { timeoutMs: options.timeoutMs ?? 2_000, retries: options.retries ?? 3, baseDelayMs: 5, maxDelayMs: 20 },
    },
  );
}

describe("the webhook target against a real HTTP server", () => {
  it("sends signed JSON the server can verify, and returns the validated answer", async () => {
    respond = (_request, res) => json(res, 200, { stable: 80, candidate: 20 });
    await expect(target().shift(ctx, 20)).resolves.toEqual({ stable: 80, candidate: 20 });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.signatureValid).toBe(true);
    expect(request!.body).toEqual({ action: "shift", specId: "checkout", environment: "production", deploymentId: "dep-1", candidateVersion: 7, stableVersion: 6, weight: 20 });
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(Number(request!.headers["x-rollgate-timestamp"])).toBeCloseTo(Date.now() / 1000, -1);
  });

  it("speaks every action of the port", async () => {
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
    await expect(t.health(ctx)).resolves.toEqual({ healthy: false, detail: "2/3 pods ready" });
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

  it("gives up after its retries with a TargetError naming the status", async () => {
    respond = (_request, res) => json(res, 502, {});
    const error = await target({ retries: 2 }).prepare(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetError);
    expect((error as Error).message).toMatch(/prepare .* failed after 3 attempts: HTTP 502/);
    expect(received).toHaveLength(3);
  });

  it("does not retry a 4xx refusal", async () => {
    respond = (_request, res) => json(res, 409, { error: "another rollout holds the service" });
    const error = await target().shift(ctx, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetError);
    expect((error as Error).message).toContain("HTTP 409");
    expect(received).toHaveLength(1);
  });

  it("times out a target that never answers", async () => {
    respond = () => undefined; // hang
    const error = await target({ timeoutMs: 150, retries: 1 }).health(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetError);
    expect((error as Error).message).toContain("no response within 150 ms");
    expect(received).toHaveLength(2);
    server.closeAllConnections();
  });

  it("rejects a garbage answer with a clear TargetError, without retrying", async () => {
    respond = (_request, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>oops</html>");
    const notJson = await target().health(ctx).catch((e: unknown) => e);
    expect(notJson).toBeInstanceOf(TargetError);
    expect((notJson as Error).message).toContain("not JSON");

    respond = (_request, res) => json(res, 200, { stable: 50, candidate: 70 });
    const wrongShape = await target().shift(ctx, 30).catch((e: unknown) => e);
    expect(wrongShape).toBeInstanceOf(TargetError);
    expect((wrongShape as Error).message).toContain("stable + candidate must be 100");
    expect(received).toHaveLength(2);
  });

  it("fails clearly, before any call, when the secret's environment variable is missing", async () => {
    const error = await target({ env: {} }).prepare(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetConfigError);
    expect(error).toMatchObject({ name: "TargetConfigError", code: "TARGET_MISCONFIGURED" });
    expect((error as Error).message).toContain("DEPLOYER_SECRET");
    expect(received).toHaveLength(0);
  });

  it("keeps the URL's query string out of error messages", async () => {
    respond = (_request, res) => json(res, 400, {});
    const error = await target().prepare(ctx).catch((e: unknown) => e);
    expect((error as Error).message).toContain("/deploy");
    expect((error as Error).message).not.toContain("do-not-echo");
  });
});

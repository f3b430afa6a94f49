import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../helpers/app.js";

/**
 * The real node server with a pooled client (Node's fetch keeps connections alive and
 * reuses them): a 413 must not leave the client holding a socket the server is about to
 * close, or the next request on it fails (UND_ERR_SOCKET).
 */
describe("the HTTP server over kept-alive connections", () => {
  let api: TestApi;
  let server: ServerType;
  let base: string;
  beforeAll(async () => {
    api = await createTestApi({ maxBodyBytes: 64 * 1024 });
    server = serve({ fetch: api.runtime.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await api.close();
  });

  const validate = (body: string) =>
    fetch(`${base}/v1/specs/validate`, {
      method: "POST",
      headers: { authorization: `Bearer ${api.adminToken}`, "content-type": "application/yaml" },
      body,
    });
  /** An oversize body that arrives in two parts, `pauseMs` apart (a slow client, or a slow network). */
  const validateSlowly = (head: string, pauseMs: number) => {
    const chunk = new TextEncoder().encode(`${head}extra: "${"x".repeat(200 * 1024)}`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === 2) return controller.close();
        if (sent++ === 1) await new Promise((resolve) => setTimeout(resolve, pauseMs));
        controller.enqueue(chunk);
      },
    });
    return fetch(`${base}/v1/specs/validate`, {
      method: "POST",
      headers: { authorization: `Bearer ${api.adminToken}`, "content-type": "application/yaml" },
      body,
      duplex: "half",
    } as RequestInit);
  };
  const small = 'ospec_version: "1.0.0"\nid: keep-alive\nname: Keep alive\noutcome_type: api\n';

  it("every request after an oversize one succeeds, on the same pool", async () => {
    const failures: string[] = [];
    const attempt = async (what: string, call: () => Promise<Response>, expected: number) => {
      try {
        const res = await call();
        const body = await res.text();
        if (res.status !== expected) failures.push(`${what}: ${res.status} ${body.slice(0, 100)}`);
        return res;
      } catch (error) {
        failures.push(`${what}: ${(error as { cause?: { code?: string } }).cause?.code ?? String(error)}`);
        return undefined;
      }
    };
    const oversize = `${small}extra: "${"x".repeat(300 * 1024)}"\n`;
    for (let round = 0; round < 6; round++) {
      const refused = await attempt(`413 #${round}`, () => validate(oversize), 413);
      // The server will not read the rest of the body: it says so, and the client opens a new connection.
      if (refused && refused.headers.get("connection") !== "close") failures.push(`413 #${round}: Connection ${refused.headers.get("connection")}`);
      await attempt(`health after 413 #${round}`, () => fetch(`${base}/health`), 200);
      await attempt(`small after 413 #${round}`, () => validate(small), 200);
      if (round % 2 === 1) await attempt(`slow 413 #${round}`, () => validateSlowly(small, 600), 413);
    }
    expect(failures).toEqual([]);
  });
});

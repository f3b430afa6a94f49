import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookLinkSink, LinkDeliveryError, type ApprovalLinkDelivery } from "@rollgate/core/approval";
import { signWebhookBody } from "@rollgate/core/target";

/** A real HTTP receiver on loopback, scripted per test. */
let server: Server;
let url: string;
let received: { headers: IncomingMessage["headers"]; body: string }[] = [];
let statuses: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/approvals`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const delivery: ApprovalLinkDelivery = {
  deploymentId: "dep-1",
  specId: "payments-api",
  version: 3,
  environment: "production",
  gate: 1,
  requiredRoles: ["tech-lead"],
  requestedBy: "ci",
  expiresAt: "2030-01-01T00:00:00.000Z",
  links: [{ subject: "tess", roles: ["tech-lead"], role: "tech-lead", token: "t0ken", url: "https://rollgate.example/approvals/t0ken" }],
  rolesWithoutApprovers: [],
};

describe("the approval webhook sink: one signed POST per attempt (the approval-link channel retries)", () => {
  it("posts the links, signed, with the gate event's id for the receiver to deduplicate", async () => {
    received = [];
    statuses = [200];
    await createWebhookLinkSink({ url, secret: "s3cret" })(delivery, { number: 1, eventId: "dep-1:00000007" });
    expect(received).toHaveLength(1);
    const { headers, body } = received[0]!;
    expect(JSON.parse(body)).toMatchObject({ type: "approval.requested", id: "dep-1:00000007", deploymentId: "dep-1", links: delivery.links });
    const timestamp = String(headers["x-rollgate-timestamp"]);
    expect(headers["x-rollgate-signature"]).toBe(`sha256=${signWebhookBody("s3cret", timestamp, body)}`);
  });

  it("throws a coded error on a 5xx, a 4xx or a redirect (links never follow one), after exactly one request", async () => {
    for (const status of [503, 404, 307]) {
      received = [];
      statuses = [status];
      const attempt = createWebhookLinkSink({ url, secret: "s3cret" })(delivery, { number: 1, eventId: "e" });
      await expect(attempt).rejects.toBeInstanceOf(LinkDeliveryError);
      await expect(attempt).rejects.toMatchObject({ code: `HTTP_${status}` });
      expect(received).toHaveLength(1);
    }
  });
});

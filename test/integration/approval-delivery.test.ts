import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookLinkDelivery, LinkDeliveryError, type ApprovalLinkDelivery } from "@rollgate/core/approval";
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

describe("approval links delivered to a webhook", () => {
  it("posts the links, signed, and retries a 503", async () => {
    received = [];
    statuses = [503, 200];
    await createWebhookLinkDelivery({ url, secret: "s3cret" })(delivery);
    expect(received).toHaveLength(2);
    const { headers, body } = received[1]!;
    expect(JSON.parse(body)).toMatchObject({ type: "approval.requested", deploymentId: "dep-1", links: delivery.links });
    const timestamp = String(headers["x-rollgate-timestamp"]);
    expect(headers["x-rollgate-signature"]).toBe(`sha256=${signWebhookBody("s3cret", timestamp, body)}`);
  });

  it("gives up at once on a 4xx, with an error the gate reports", async () => {
    received = [];
    statuses = [404];
    await expect(createWebhookLinkDelivery({ url, secret: "s3cret" })(delivery)).rejects.toBeInstanceOf(LinkDeliveryError);
    expect(received).toHaveLength(1);
  });
});

// A minimal deployer for Rollgate's webhook target, for trying it out: it verifies each
// call's signature and pretends to move traffic. Run: DEPLOYER_SECRET=whsec_... node examples/webhook-deployer.mjs
// (PORT defaults to 4000). A real one would call your load balancer, service mesh or platform API.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

const secret = process.env.DEPLOYER_SECRET;
if (!secret) throw new Error("set DEPLOYER_SECRET to the secret PUT /v1/targets/{name} returned");
let candidate = 0;

function signedByRollgate(headers, body) {
  const expected = createHmac("sha256", secret).update(`${headers["x-rollgate-timestamp"]}.${body}`).digest();
  const given = Buffer.from(String(headers["x-rollgate-signature"] ?? "").replace(/^sha256=/, ""), "hex");
  const fresh = Math.abs(Date.now() / 1000 - Number(headers["x-rollgate-timestamp"])) < 300;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}

createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    if (!signedByRollgate(req.headers, body)) return res.writeHead(401).end();
    const call = JSON.parse(body);
    console.log(call.action, call.specId, `v${call.candidateVersion}`, call.weight ?? call.side ?? "");
    const answer = (value) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
    switch (call.action) {
      case "shift":
        candidate = call.weight;
        return answer({ stable: 100 - candidate, candidate });
      case "weights":
        return answer({ stable: 100 - candidate, candidate });
      case "health":
        return answer({ healthy: true });
      case "validate":
        return answer({ passed: true });
      case "metrics":
        return answer({ errorRate: 0.001, latencyP99Ms: 80, requests: 100 });
      default: // prepare, teardown
        if (call.action === "teardown" && call.side === "candidate") candidate = 0;
        return res.writeHead(204).end();
    }
  });
}).listen(Number(process.env.PORT ?? 4000), "127.0.0.1");

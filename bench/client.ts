import { type Agent, request } from "node:http";
import { createClient, type RollgateClient } from "@rollgate/client";

/**
 * The bench's API calls go through the typed client (packages/client), so a contract change
 * breaks the bench at compile time. Its transport stays node:http on a keep-alive `agent`:
 * the figures compare latencies with the same connection reuse the bench always had (and the
 * floor server is called the same way).
 */
export function benchClient(baseUrl: string, token: string, agent: Agent): RollgateClient {
  return createClient({ baseUrl, token, fetch: agentFetch(agent) });
}

/** A fetch over node:http with `agent`: what openapi-fetch needs (a Request in, a Response out). */
export function agentFetch(agent: Agent): typeof globalThis.fetch {
  return async (input, init) => {
    const req = new Request(input, init);
    const body = req.body ? Buffer.from(await req.arrayBuffer()) : undefined;
    return new Promise<Response>((resolve, reject) => {
      const outgoing = request(req.url, { agent, method: req.method, headers: Object.fromEntries(req.headers) }, (res) => {
        const chunks: Buffer[] = [];
        res.on("error", reject);
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
          resolve(new Response([204, 304].includes(status) ? null : Buffer.concat(chunks), { status, headers }));
        });
      });
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  };
}

/** What a YAML spec body needs from openapi-fetch: the text as is, labelled as YAML. */
export const yamlBody = (text: string) => ({
  body: text as never,
  bodySerializer: (body: unknown) => body as string,
  headers: { "content-type": "application/yaml" },
});

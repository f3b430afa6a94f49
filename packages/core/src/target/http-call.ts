import { lookup } from "node:dns/promises";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { addressAllowed, classifyAddress, type AddressVerdict } from "./address.js";

/**
 * One POST to a webhook target, with the address rules applied where they cannot be
 * dodged: the host is resolved once (through the injectable resolver), every address it
 * resolves to is checked, and the connection goes to the checked address itself (the
 * `Host` header and TLS server name keep the hostname), so a DNS answer that changes
 * between check and connect (rebinding) changes nothing. Redirects are never followed:
 * node's http client does not, and a 3xx comes back as a status like any other.
 */

/** Resolves a hostname to every address it has (IPv4 and IPv6). */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

/** The system resolver (getaddrinfo: /etc/hosts, then DNS), all addresses, in its order. */
export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

export interface PostInput {
  url: URL;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivateNetwork: boolean;
  resolver: Resolver;
  /** Larger answers are cut off (and the call fails): nothing a deployer says needs more. */
  maxResponseBytes?: number;
}

/** Why a call got no HTTP answer. `sent` says whether any byte of the request may have reached the target. */
export class TransportFailure extends Error {
  constructor(
    readonly reason: "address_refused" | "dns_failed" | "connect_failed" | "timeout" | "network" | "response_too_large",
    message: string,
    readonly sent: boolean,
    readonly verdict?: AddressVerdict,
  ) {
    super(message);
  }
}

/** Every address of the URL's host, checked; the first one is where the call goes. */
export async function checkedAddress(url: URL, allowPrivateNetwork: boolean, resolver: Resolver): Promise<string> {
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await resolver(host)).map((entry) => entry.address);
    } catch (error) {
      const code = (error as { code?: string }).code ?? "resolution failed";
      throw new TransportFailure("dns_failed", `the host does not resolve (${code})`, false);
    }
    if (addresses.length === 0) throw new TransportFailure("dns_failed", "the host resolves to no address", false);
  }
  for (const address of addresses) {
    const verdict = classifyAddress(address);
    if (!addressAllowed(verdict, allowPrivateNetwork)) {
      const why = verdict.class === "refused" ? "always refused" : "refused unless the target sets allowPrivateNetwork";
      throw new TransportFailure("address_refused", `the host resolves to a ${verdict.range} address (${verdict.address}), ${why}`, false, verdict);
    }
  }
  return addresses[0]!;
}

/** POSTs `body`; resolves with the status and the (bounded) answer, or throws TransportFailure. */
export async function postJson(input: PostInput): Promise<{ status: number; body: string }> {
  const address = await checkedAddress(input.url, input.allowPrivateNetwork, input.resolver);
  const https = input.url.protocol === "https:";
  const hostname = input.url.hostname.startsWith("[") ? input.url.hostname.slice(1, -1) : input.url.hostname;
  const maxBytes = input.maxResponseBytes ?? 64 * 1024;
  const options = {
    host: address,
    port: input.url.port || (https ? 443 : 80),
    path: `${input.url.pathname}${input.url.search}`,
    method: "POST",
    headers: { ...input.headers, host: input.url.host, "content-length": String(Buffer.byteLength(input.body)) },
    // The certificate is checked against the hostname, not the address connected to.
    ...(https && !isIP(hostname) ? { servername: hostname } : {}),
    agent: false as const,
  };

  return new Promise((resolve, reject) => {
    let connected = false;
    let settled = false;
    const fail = (failure: TransportFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      reject(failure);
    };
    const onResponse = (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) return fail(new TransportFailure("response_too_large", `the answer is larger than ${maxBytes} bytes`, true));
        chunks.push(chunk);
      });
      response.on("end", () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
      });
      response.on("error", (error) => fail(new TransportFailure("network", `the answer broke off (${describe(error)})`, true)));
    };
    const request = (https ? httpsRequest : httpRequest)(options, onResponse);
    const timer = setTimeout(
      () => fail(new TransportFailure("timeout", `no response within ${input.timeoutMs} ms`, connected)),
      input.timeoutMs,
    );
    request.on("socket", (socket) => {
      socket.once(https ? "secureConnect" : "connect", () => (connected = true));
    });
    request.on("error", (error) => {
      const reason = connected ? "network" : "connect_failed";
      fail(new TransportFailure(reason, `${connected ? "network error" : "could not connect"} (${describe(error)})`, connected));
    });
    request.end(input.body);
  });
}

function describe(error: unknown): string {
  return (error as { code?: string }).code ?? (error as Error).message ?? String(error);
}

import { isIP } from "node:net";

/**
 * Which network addresses a webhook target may reach. Three classes:
 * - `refused`: always, whatever the target says: link-local (the cloud metadata services
 *   live there: 169.254.169.254, fd00:ec2::254, Alibaba's 100.100.100.200, Azure's
 *   168.63.129.16), unspecified, multicast, broadcast, reserved, and tunnel forms whose
 *   embedded IPv4 cannot be checked (Teredo);
 * - `private`: loopback, RFC 1918, CGNAT, unique-local IPv6, benchmarking: only with the
 *   target's `allowPrivateNetwork: true`;
 * - `public`: everything else.
 * IPv6 forms that carry an IPv4 address (mapped `::ffff:a.b.c.d`, compatible `::a.b.c.d`,
 * NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are judged by the IPv4 address inside.
 */
export type AddressClass = "public" | "private" | "refused";

export interface AddressVerdict {
  address: string;
  class: AddressClass;
  /** What the range is, for messages: "link-local", "cloud metadata", "loopback", ... */
  range: string;
}

type Range = [prefix: string, bits: number, cls: Exclude<AddressClass, "public">, range: string];

// Most specific first: the first range that contains the address decides.
const ipv4Ranges: Range[] = [
  ["169.254.169.254", 32, "refused", "cloud metadata"],
  ["100.100.100.200", 32, "refused", "cloud metadata"],
  ["168.63.129.16", 32, "refused", "cloud metadata"],
  ["192.0.0.192", 32, "refused", "cloud metadata"],
  ["0.0.0.0", 8, "refused", "unspecified"],
  ["169.254.0.0", 16, "refused", "link-local"],
  ["192.0.0.0", 24, "refused", "IETF protocol assignments"],
  ["224.0.0.0", 4, "refused", "multicast"],
  ["240.0.0.0", 4, "refused", "reserved"],
  ["127.0.0.0", 8, "private", "loopback"],
  ["10.0.0.0", 8, "private", "private"],
  ["172.16.0.0", 12, "private", "private"],
  ["192.168.0.0", 16, "private", "private"],
  ["100.64.0.0", 10, "private", "carrier-grade NAT"],
  ["198.18.0.0", 15, "private", "benchmarking"],
];

const ipv6Ranges: Range[] = [
  ["fd00:ec2::254", 128, "refused", "cloud metadata"],
  ["::", 128, "refused", "unspecified"],
  ["::1", 128, "private", "loopback"],
  ["::", 96, "refused", "reserved"],
  ["fe80::", 10, "refused", "link-local"],
  ["ff00::", 8, "refused", "multicast"],
  ["100::", 64, "refused", "discard-only"],
  ["2001::", 32, "refused", "Teredo tunnel"],
  ["2001:db8::", 32, "refused", "documentation"],
  ["fec0::", 10, "private", "site-local"],
  ["fc00::", 7, "private", "unique-local"],
  ["64:ff9b:1::", 48, "private", "local NAT64"],
];

/** The class of one IP address (v4 or v6, no brackets); anything unparsable is refused. */
export function classifyAddress(address: string): AddressVerdict {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  const family = isIP(bare);
  if (family === 4) return classifyV4(bare, bare);
  if (family === 6 && !bare.includes("%")) {
    const bytes = parseIpv6(bare);
    if (bytes) return classifyV6(bare, bytes);
  }
  // Zone ids (fe80::1%eth0) only exist for link-local scopes; anything else is not an address.
  return { address, class: "refused", range: bare.includes("%") ? "link-local" : "not an IP address" };
}

/** Whether a target with `allowPrivateNetwork` may reach `verdict`. */
export function addressAllowed(verdict: AddressVerdict, allowPrivateNetwork: boolean): boolean {
  return verdict.class === "public" || (verdict.class === "private" && allowPrivateNetwork);
}

function classifyV4(shown: string, dotted: string): AddressVerdict {
  const value = ipv4Value(dotted);
  for (const [prefix, bits, cls, range] of ipv4Ranges) {
    if (bits === 0 || value >>> (32 - bits) === ipv4Value(prefix) >>> (32 - bits)) return { address: shown, class: cls, range };
  }
  return { address: shown, class: "public", range: "public" };
}

function classifyV6(shown: string, bytes: Uint8Array): AddressVerdict {
  const embedded = embeddedIpv4(bytes);
  if (embedded) {
    const inner = classifyV4(shown, embedded);
    return inner.class === "public" ? inner : { ...inner, range: `${inner.range} (IPv4 inside IPv6)` };
  }
  for (const [prefix, bits, cls, range] of ipv6Ranges) {
    if (prefixMatches(bytes, parseIpv6(prefix)!, bits)) return { address: shown, class: cls, range };
  }
  return { address: shown, class: "public", range: "public" };
}

/** The IPv4 address an IPv6 address carries, for the forms that route to it. */
function embeddedIpv4(bytes: Uint8Array): string | undefined {
  const dotted = (offset: number) => Array.from(bytes.subarray(offset, offset + 4)).join(".");
  const zeros = (from: number, to: number) => bytes.subarray(from, to).every((b) => b === 0);
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible; :: and ::1 are handled as IPv6)
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return dotted(12);
  if (zeros(0, 12) && !zeros(12, 15)) return dotted(12);
  // ::ffff:0:a.b.c.d (SIIT translated)
  if (zeros(0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && zeros(10, 12)) return dotted(12);
  // 64:ff9b::/96 (NAT64 well-known prefix)
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) return dotted(12);
  // 2002:aabb:ccdd::/48 (6to4)
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return dotted(2);
  return undefined;
}

function ipv4Value(dotted: string): number {
  return dotted.split(".").reduce((value, octet) => (value << 8) + Number(octet), 0) >>> 0;
}

function prefixMatches(bytes: Uint8Array, prefix: Uint8Array, bits: number): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const take = Math.min(8, bits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    if ((bytes[bit / 8]! & mask) !== (prefix[bit / 8]! & mask)) return false;
  }
  return true;
}

/** 16 bytes of an IPv6 address (with `::` and a trailing dotted quad), or undefined. */
export function parseIpv6(text: string): Uint8Array | undefined {
  let head = text.toLowerCase();
  const tail: number[] = [];
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(head);
  if (quad) {
    if (isIP(quad[1]!) !== 4) return undefined;
    const value = ipv4Value(quad[1]!);
    tail.push(value >>> 16, value & 0xffff);
    head = head.slice(0, -quad[1]!.length);
    if (head.endsWith(":") && !head.endsWith("::")) head = head.slice(0, -1);
  }
  const halves = head.split("::");
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === "" ? [] : part.split(":").map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? [...groups(halves[1]!), ...tail] : [];
  const all = halves.length === 2 ? left : [...left, ...tail];
  const missing = 8 - all.length - right.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) return undefined;
  const words = [...all, ...Array<number>(Math.max(0, missing)).fill(0), ...right];
  if (words.length !== 8 || words.some((w) => Number.isNaN(w))) return undefined;
  const bytes = new Uint8Array(16);
  words.forEach((word, i) => {
    bytes[i * 2] = word >>> 8;
    bytes[i * 2 + 1] = word & 0xff;
  });
  return bytes;
}

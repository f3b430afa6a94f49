import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { unroutedCodes } from "../../packages/functions/src/http/problem.js";

/**
 * The contract check (DESIGN.md section 6): every response an API test sees is compared with
 * what /openapi.json declares for its operation and status. An undeclared status, an
 * undeclared header of those the server sends (below), a media type the response does not
 * declare, or a body that breaks the declared schema (including a property it does not
 * declare, and a problem `code` outside the enum its operation and status declare) is a
 * violation. A request no operation serves is checked against the router's codes
 * (`unroutedCodes`, problem.ts).
 *
 * Objects are checked closed: a schema that lists properties gets `unevaluatedProperties:
 * false` here (not in the served document, so clients built from it stay tolerant of
 * additions); a schema that declares `additionalProperties` (records, problem extensions)
 * keeps it.
 */

/** Headers the server sends that the document must declare where they occur. */
export const checkedHeaders = ["x-request-id", "location", "etag", "retry-after", "www-authenticate", "idempotent-replayed", "allow"];

export interface ExchangeRecord {
  method: string;
  /** The request's path, with its query. */
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

type Json = Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** Pages outside /v1 that the document does not describe (/docs, a dashboard's /ui) are not checked. */
const inTheApi = (path: string) => path.startsWith("/v1/");

export function createContractChecker(doc: Json, options: { unrouted?: Readonly<Record<number, readonly string[]>> } = {}) {
  const unrouted: Readonly<Record<number, readonly string[] | undefined>> = options.unrouted ?? unroutedCodes;
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, validateFormats: true, discriminator: true }));
  const compiled = new Map<string, ValidateFunction>();
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const templates = Object.keys(paths)
    .map((template) => ({
      template,
      params: (template.match(/\{/g) ?? []).length,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
    }))
    // A literal segment wins over a parameter: /v1/specs/validate before /v1/specs/{specId}.
    .sort((a, b) => a.params - b.params);

  const resolve = (value: unknown): Json => {
    let node = value as Json;
    while (node && typeof node.$ref === "string") node = pointer(doc, node.$ref as string) as Json;
    return node;
  };

  function validatorFor(key: string, schema: unknown) {
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(closed(inline(doc, schema, []), false) as Json);
      compiled.set(key, validate);
    }
    return validate;
  }

  /** The violations of one exchange (empty: it matches the document). */
  function check(record: ExchangeRecord): string[] {
    const path = new URL(record.url, "http://contract.test").pathname;
    const label = `${record.method} ${path} -> ${record.status}`;
    const method = record.method.toLowerCase();
    const matching = templates.filter((t) => t.pattern.test(path));
    if (!matching.length && !inTheApi(path)) return [];
    const found = matching.find((t) => paths[t.template]![method]);
    const headers = Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const mediaType = (headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();

    if (!found) {
      // No operation: an unknown path is a 404, a known one with another method a 405 with
      // Allow (401 first under /v1 without a credential). Each is a problem document.
      const expected = matching.length ? [405, 401] : [404, 401];
      const out: string[] = [];
      if (!expected.includes(record.status)) out.push(`${label}: no operation ${record.method} ${path} in the document, and not a ${expected.join("/")}`);
      if (mediaType !== "application/problem+json") out.push(`${label}: not a problem document (${mediaType || "no content type"})`);
      if (record.status === 405 && !headers.allow) out.push(`${label}: 405 without Allow`);
      const code = codeOf(record.body);
      const codes = unrouted[record.status];
      if (codes && code !== undefined && !codes.includes(code)) out.push(`${label}: code ${code} is not the router's (${codes.join(", ")})`);
      return out;
    }

    const operation = paths[found.template]![method] as { responses: Record<string, unknown> };
    const opLabel = `${record.method} ${found.template} -> ${record.status}`;
    const declared =
      operation.responses[String(record.status)] ?? operation.responses[`${String(record.status)[0]}XX`] ?? operation.responses.default;
    if (!declared) return [`${opLabel}: status ${record.status} is not declared (declared: ${Object.keys(operation.responses).join(", ")})`];
    const response = resolve(declared) as { headers?: Json; content?: Record<string, { schema?: unknown }> };
    const out: string[] = [];

    const declaredHeaders = new Map(Object.entries(response.headers ?? {}).map(([name, header]) => [name.toLowerCase(), resolve(header)]));
    for (const name of checkedHeaders) {
      if (headers[name] !== undefined && !declaredHeaders.has(name)) out.push(`${opLabel}: header ${name} is sent but not declared`);
    }
    for (const [name, header] of declaredHeaders) {
      if (header.required === true && headers[name] === undefined) out.push(`${opLabel}: required header ${name} is missing`);
    }

    if (record.body === "" || record.status === 204 || record.status === 304) {
      if (record.body !== "") out.push(`${opLabel}: a body on a ${record.status}`);
      return out;
    }
    const content = response.content ?? {};
    const media = content[mediaType];
    if (!media) {
      out.push(`${opLabel}: content type ${mediaType || "(none)"} is not declared (declared: ${Object.keys(content).join(", ") || "none"})`);
      return out;
    }
    if (!/(^application\/json$|\+json$)/.test(mediaType) || media.schema === undefined) return out;
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      return [...out, `${opLabel}: the body is not JSON`];
    }
    const validate = validatorFor(`${found.template} ${method} ${record.status} ${mediaType}`, media.schema);
    if (!validate(body)) {
      for (const error of validate.errors ?? []) {
        if (error.keyword === "enum" && error.instancePath === "/code") {
          const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
          out.push(`${opLabel}: code ${String((body as Json).code)} is not declared for this operation and status (declared: ${allowed.join(", ")})`);
          continue;
        }
        const extra = (error.params as { unevaluatedProperty?: string; additionalProperty?: string }).unevaluatedProperty ?? (error.params as { additionalProperty?: string }).additionalProperty;
        out.push(`${opLabel}: body${error.instancePath.replace(/\/\d+(?=\/|$)/g, "/[i]") || ""}${kindAt(body, error.instancePath)} ${error.message}${extra ? ` (\`${extra}\`)` : ""}`);
      }
    }
    return out;
  }

  return { check };
}

function codeOf(body: string): string | undefined {
  try {
    const code = (JSON.parse(body) as Json | null)?.code;
    return typeof code === "string" ? code : undefined;
  } catch {
    return undefined;
  }
}

/** ` (type x)` when an enclosing object of the failing value has a string `type` (an event, say). */
function kindAt(body: unknown, instancePath: string): string {
  let node = body;
  let kind: string | undefined;
  for (const part of instancePath.split("/").slice(1)) {
    if (node && typeof node === "object" && typeof (node as Json).type === "string") kind = (node as Json).type as string;
    node = (node as Json | undefined)?.[part];
  }
  return kind ? ` (type ${kind})` : "";
}

function pointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith("#/")) throw new Error(`only local references are supported: ${ref}`);
  return ref
    .slice(2)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>((node, part) => (node as Json)?.[part], doc);
}

/** A copy of `schema` with every local $ref replaced by what it points to (a cycle stays open: `{}`). */
function inline(doc: Json, schema: unknown, seen: string[]): unknown {
  if (Array.isArray(schema)) return schema.map((item) => inline(doc, item, seen));
  if (!schema || typeof schema !== "object") return schema;
  const node = schema as Json;
  if (typeof node.$ref === "string") {
    if (seen.includes(node.$ref)) return {};
    return inline(doc, pointer(doc, node.$ref), [...seen, node.$ref]);
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inline(doc, value, seen)]));
}

const subschemaLists = ["anyOf", "oneOf", "prefixItems"];
const subschemaMaps = ["properties", "patternProperties", "$defs"];
const subschemaSingles = ["items", "additionalProperties", "not", "if", "then", "else", "contains"];

/**
 * Closes every object schema that lists properties and says nothing about others. The
 * members of an allOf are left open and the allOf itself is closed, since
 * `unevaluatedProperties` sees the properties its members declare.
 */
export function closed(schema: unknown, inAllOf: boolean): unknown {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const node = { ...(schema as Json) };
  // A oneOf whose branches each fix one required property (an event's `type`): Ajv picks the
  // branch by its value, so an error names that branch's problem, not every branch's.
  const tag = Array.isArray(node.oneOf) ? discriminatorOf(node.oneOf as Json[]) : undefined;
  if (tag) node.discriminator = { propertyName: tag };
  else delete node.discriminator;
  for (const key of subschemaLists) if (Array.isArray(node[key])) node[key] = (node[key] as unknown[]).map((s) => closed(s, false));
  if (Array.isArray(node.allOf)) node.allOf = (node.allOf as unknown[]).map((s) => closed(s, true));
  for (const key of subschemaMaps) {
    if (node[key] && typeof node[key] === "object") node[key] = Object.fromEntries(Object.entries(node[key] as Json).map(([k, s]) => [k, closed(s, false)]));
  }
  for (const key of subschemaSingles) if (node[key] && typeof node[key] === "object") node[key] = closed(node[key], false);
  const open = node.additionalProperties !== undefined || node.unevaluatedProperties !== undefined;
  const describesObject = node.properties !== undefined || Array.isArray(node.allOf);
  if (!inAllOf && !open && describesObject) node.unevaluatedProperties = false;
  return node;
}

/** What the API tests of this file saw (test/helpers/app.ts records; contract-setup.ts checks after the file). */
export const exchanges: ExchangeRecord[] = [];
let documentSource: (() => Promise<Json>) | undefined;

/** Where the checker gets the document: the first test app of the file (it is the same for all). */
export function useDocumentOf(source: () => Promise<Json>) {
  documentSource ??= source;
}

/** Every violation of what was recorded, each once, with how often it was seen. */
export async function contractViolations(): Promise<string[]> {
  if (!exchanges.length || !documentSource) return [];
  const { check } = createContractChecker(await documentSource());
  const counts = new Map<string, number>();
  for (const record of exchanges) for (const violation of check(record)) counts.set(violation, (counts.get(violation) ?? 0) + 1);
  return [...counts].map(([violation, n]) => (n > 1 ? `${violation} (x${n})` : violation));
}

function discriminatorOf(branches: Json[]): string | undefined {
  const first = branches[0]?.properties as Record<string, Json> | undefined;
  if (!first) return undefined;
  return Object.keys(first).find((name) =>
    branches.every((branch) => {
      const property = (branch.properties as Record<string, Json> | undefined)?.[name];
      const fixed = property && (property.const !== undefined || (Array.isArray(property.enum) && property.enum.length === 1));
      return fixed && Array.isArray(branch.required) && branch.required.includes(name);
    }),
  );
}

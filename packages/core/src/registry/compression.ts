import { gunzipSync, gzipSync } from "node:zlib";

/** Raw text and canonical JSON are stored gzipped: together they would not fit DynamoDB's 400 KB item limit for a 256 KiB document. */
export const pack = (text: string): Uint8Array => gzipSync(Buffer.from(text, "utf8"), { level: 6 });
export const unpack = (bytes: Uint8Array): string => gunzipSync(bytes).toString("utf8");

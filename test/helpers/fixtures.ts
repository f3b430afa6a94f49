import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** The OSpec project's own documents and schema, copied into the repository (see SOURCE.md there). */
export const ospecDir = resolve(here, "../fixtures/ospec");
export const schemaPath = join(ospecDir, "ospec-v1.0.schema.json");

export function ospecFixtureNames(): string[] {
  return readdirSync(ospecDir).filter((f) => f.endsWith(".yaml")).sort();
}

/** A fixture's text, read fresh for each call (tests may mutate what they parse). */
export function loadOspecFixture(name: string): string {
  return readFileSync(join(ospecDir, name), "utf8");
}

export function loadOfficialSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaPath, "utf8"));
}

/** Project-owned fixtures under test/fixtures. */
export function loadTestFixture(name: string): string {
  return readFileSync(join(here, "../fixtures", name), "utf8");
}

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { firstDifference, generateClientSchema, schemaFile } from "../../scripts/client-schema.js";

describe("packages/client", () => {
  it("has the types generated from the /openapi.json the app serves", async () => {
    const generated = await generateClientSchema();
    const committed = readFileSync(schemaFile, "utf8");
    const difference = firstDifference(generated, committed);
    expect(
      difference,
      `packages/client/src/schema.d.ts is out of date with the app's /openapi.json (${difference}). Run \`npm run client:generate\` and commit the result.`,
    ).toBeUndefined();
    // The generator sees the app's routes, not an empty document.
    expect(generated).toContain('"/v1/deployments/{id}/events"');
  });
});

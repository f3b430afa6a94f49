import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { docsAssets } from "../../stacks/Api.js";
import { functionByHandler, synthesized, templateJson } from "./app.js";

describe("the API Lambda's bundle", () => {
  it("carries Swagger UI's assets next to the handler, where /docs reads them in Lambda", async () => {
    const app = await synthesized();
    const [, fn] = functionByHandler(templateJson(app, "Api"), "packages/functions/src/api.handler");
    const key = (fn.Properties?.Code as { S3Key?: unknown }).S3Key;
    expect(key).toEqual(expect.stringMatching(/^[0-9a-f]{64}\.zip$/));
    const assetDir = join(app.assembly.directory, `asset.${String(key).replace(/\.zip$/, "")}`);
    expect(existsSync(join(assetDir, "packages/functions/src/api.mjs"))).toBe(true);
    for (const name of docsAssets) expect(existsSync(join(assetDir, "swagger-ui", name)), name).toBe(true);
  });
});

/**
 * `npm run lint`, second half: the document the app serves at /openapi.json (built in
 * process, no network) must pass Spectral (`spectral:oas`, .spectral.yaml) and Redocly
 * (`recommended`, redocly.yaml) with no error and no warning.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// Before the app (and the AWS SDK) load: the SDK's Node-version notice is not a lint finding.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const { openApiDocument } = await import("./openapi-document.js");

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const bin = (name: string) => join(root, "node_modules", ".bin", name);
// Offline and quiet: no telemetry, no update check, no Node-version banner on stderr.
const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", SCARF_ANALYTICS: "false", DO_NOT_TRACK: "1" };

const dir = await mkdtemp(join(tmpdir(), "rollgate-openapi-"));
let failed = false;
try {
  const file = join(dir, "openapi.json");
  await writeFile(file, JSON.stringify(await openApiDocument(), null, 2));

  const spectral = spawnSync(bin("spectral"), ["lint", "--ruleset", join(root, ".spectral.yaml"), "--fail-severity", "hint", "--display-only-failures", file], { env, encoding: "utf8" });
  if (spectral.status !== 0) {
    failed = true;
    process.stdout.write(`Spectral (spectral:oas) found problems in /openapi.json:\n${spectral.stdout}${spectral.stderr}\n`);
  } else console.log("spectral:oas: 0 errors, 0 warnings");

  const redocly = spawnSync(bin("redocly"), ["lint", "--config", join(root, "redocly.yaml"), "--format", "json", file], { env, encoding: "utf8" });
  let totals: { errors: number; warnings: number } | undefined;
  try {
    totals = (JSON.parse(redocly.stdout) as { totals: { errors: number; warnings: number } }).totals;
  } catch {
    // Not JSON: a crash; shown below.
  }
  if (!totals || totals.errors || totals.warnings) {
    failed = true;
    const human = spawnSync(bin("redocly"), ["lint", "--config", join(root, "redocly.yaml"), "--format", "codeframe", file], { env, encoding: "utf8" });
    process.stdout.write(`Redocly (recommended) found problems in /openapi.json:\n${human.stdout}${totals ? "" : `${redocly.stdout}${redocly.stderr}`}\n`);
  } else console.log("redocly recommended: 0 errors, 0 warnings");
} finally {
  await rm(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

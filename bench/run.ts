/**
 * `npm run bench`: performance figures as ratios against baselines measured in the same
 * run, against one DynamoDB Local (this machine is shared and noisy; absolute numbers drift).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
import { createDynamoClient, ensureTable } from "@rollgate/core/store";
import { startDynamoLocal } from "../packages/functions/src/local/dynamodb-local.js";
import { benchRegistry } from "./registry.js";
import { benchRollouts } from "./rollout.js";
import { benchBundle } from "./bundle.js";
import { benchParseLoad } from "./parse-load.js";
import { benchUi } from "./ui.js";
import { benchSlack } from "./slack.js";
import { benchDeploy } from "./deploy.js";

const sections = (process.argv[2] ?? "all").split(",");
const want = (name: string) => sections.includes("all") || sections.includes(name);

const dynamo = await startDynamoLocal();
const dynamoClient = () => createDynamoClient({ endpoint: dynamo.endpoint });
process.stdout.write(`rollgate bench — ${new Date().toISOString()} — node ${process.version}\n\n`);
let failed = false;
/** Prints a section as soon as it is done; a failing section is reported and the others still run. */
async function section(name: string, run: () => Promise<string[]>) {
  try {
    process.stdout.write(`${(await run()).join("\n")}\n\n`);
  } catch (error) {
    failed = true;
    process.stdout.write(`${name}: FAILED: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n\n`);
  }
}
// A benchmark's HTTP client can see a reset from a server it has just stopped: report it where it happens, do not die.
process.on("uncaughtException", (error) => {
  failed = true;
  process.stdout.write(`uncaught during the bench (reported, not fatal): ${error.stack ?? error.message}\n`);
});
try {
  // `reads`: the registry's read figures alone (a subset of `registry`).
  if (want("registry") || sections.includes("reads")) await section("registry", () => benchRegistry(dynamo.endpoint, { readsOnly: !want("registry") }));
  if (want("rollout")) await section("rollout", () => benchRollouts(dynamo.endpoint));
  // `cold` (alias `bundle`): the API Lambda's cold start against its floor, SDK external and bundled.
  if (want("bundle") || sections.includes("cold")) {
    await section("cold", async () => {
      await ensureTable({ client: dynamoClient(), tableName: "rollgate-bench" });
      return (await benchBundle({ dynamoEndpoint: dynamo.endpoint })).rows;
    });
  }
  if (want("parse")) await section("parse", () => benchParseLoad(dynamo.endpoint));
  if (want("deploy")) await section("deploy", () => benchDeploy(dynamo.endpoint));
  if (want("ui")) await section("ui", () => benchUi(dynamo.endpoint));
  if (want("slack")) await section("slack", () => benchSlack(dynamo.endpoint));
} finally {
  await dynamo.stop();
}
if (failed) process.exitCode = 1;

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
import { benchDeploy } from "./deploy.js";

const sections = (process.argv[2] ?? "all").split(",");
const want = (name: string) => sections.includes("all") || sections.includes(name);

const dynamo = await startDynamoLocal();
const dynamoClient = () => createDynamoClient({ endpoint: dynamo.endpoint });
const out: string[] = [`rollgate bench — ${new Date().toISOString()} — node ${process.version}`, ""];
try {
  // `reads`: the registry's read figures alone (a subset of `registry`).
  if (want("registry") || sections.includes("reads")) out.push(...(await benchRegistry(dynamo.endpoint, { readsOnly: !want("registry") })), "");
  if (want("rollout")) out.push(...(await benchRollouts(dynamo.endpoint)), "");
  // `cold` (alias `bundle`): the API Lambda's cold start against its floor, SDK external and bundled.
  if (want("bundle") || sections.includes("cold")) {
    await ensureTable({ client: dynamoClient(), tableName: "rollgate-bench" });
    out.push(...(await benchBundle({ dynamoEndpoint: dynamo.endpoint })).rows, "");
  }
  if (want("parse")) out.push(...(await benchParseLoad(dynamo.endpoint)), "");
  if (want("deploy")) out.push(...(await benchDeploy(dynamo.endpoint)), "");
} finally {
  await dynamo.stop();
}
process.stdout.write(`${out.join("\n")}\n`);

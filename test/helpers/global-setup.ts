import type { TestProject } from "vitest/node";
import { startDynamoLocal, type DynamoLocal } from "../../packages/functions/src/local/dynamodb-local.js";
import { chromiumMissingLine, chromiumPath } from "./browser.js";

/** One DynamoDB Local (-inMemory) for the whole run; tests isolate themselves by table. */
let dynamo: DynamoLocal | undefined;

export async function setup(project: TestProject) {
  if (!chromiumPath()) process.stdout.write(`${chromiumMissingLine}\n`);
  dynamo = await startDynamoLocal();
  project.provide("dynamoEndpoint", dynamo.endpoint);
}

export async function teardown() {
  await dynamo?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

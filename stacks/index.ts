/**
 * Registers Rollgate's stacks on an SST app, in dependency order. `sst.config.ts`, the
 * infra tests and `npm run synth` all call this, so they build the same app.
 */
import type { App } from "sst/constructs";
import { Aspects, Stack, type IAspect } from "aws-cdk-lib";
import { CfnFunction } from "aws-cdk-lib/aws-lambda";
import type { IConstruct } from "constructs";
import { Alarms } from "./Alarms.js";
import { Api } from "./Api.js";
import { functionDefaults, isEphemeralStage } from "./defaults.js";
import { suppressSstInternals } from "./nag.js";
import { Orchestration } from "./Orchestration.js";
import { OutboxRelay } from "./OutboxRelay.js";
import { Secrets } from "./Secrets.js";
import { Storage } from "./Storage.js";

export { Alarms, Api, Orchestration, OutboxRelay, Secrets, Storage };

/**
 * SST adds a custom-resource Lambda to every stack (plain JavaScript, x86_64 by default);
 * run it on arm64 like the rest.
 */
const arm64Everywhere: IAspect = {
  visit(node: IConstruct) {
    if (node instanceof CfnFunction && node.architectures === undefined) node.architectures = ["arm64"];
  },
};

export function rollgateStacks(app: App): void {
  // Stateful resources of a real stage are kept on `sst remove` (CDK's defaults); a
  // throwaway stage is removed completely.
  if (isEphemeralStage(app)) app.setDefaultRemovalPolicy("destroy");
  app.setDefaultFunctionProps({ runtime: functionDefaults.runtime, architecture: functionDefaults.architecture });
  Aspects.of(app).add(arm64Everywhere);
  // Api before Orchestration: see naming.ts.
  app.stack(Storage).stack(Secrets).stack(Api).stack(Orchestration).stack(OutboxRelay).stack(Alarms);
  for (const child of app.node.children) if (child instanceof Stack) suppressSstInternals(child);
}

/**
 * Registers Rollgate's stacks on an SST app, in dependency order. `sst.config.ts`, the
 * infra tests and `npm run synth` all call this, so they build the same app.
 */
import type { App } from "sst/constructs";
import { Alarms } from "./Alarms.js";
import { Api } from "./Api.js";
import { functionDefaults, isEphemeralStage } from "./defaults.js";
import { Orchestration } from "./Orchestration.js";
import { OutboxRelay } from "./OutboxRelay.js";
import { Secrets } from "./Secrets.js";
import { Storage } from "./Storage.js";

export { Alarms, Api, Orchestration, OutboxRelay, Secrets, Storage };

export function rollgateStacks(app: App): void {
  // Stateful resources of a real stage are kept on `sst remove` (CDK's defaults); a
  // throwaway stage is removed completely.
  if (isEphemeralStage(app)) app.setDefaultRemovalPolicy("destroy");
  app.setDefaultFunctionProps({ runtime: functionDefaults.runtime, architecture: functionDefaults.architecture });
  app.stack(Storage).stack(Secrets).stack(Orchestration).stack(Api).stack(OutboxRelay).stack(Alarms);
}

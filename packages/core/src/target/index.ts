export * from "./port.js";
export * from "./errors.js";
export * from "./factory.js";
export {
  createSimulatedTarget,
  readSimulatedTarget,
  simulatedDefaults,
  type SimulatedCall,
  type SimulatedTargetSettings,
  type SimulatedTargetState,
} from "./simulated.js";
export { createWebhookTarget, signWebhookBody, type WebhookOptions, type WebhookTargetSettings } from "./webhook.js";
export { createLambdaAliasTarget, type LambdaAliasState, type LambdaAliasTargetSettings } from "./lambda-alias.js";
export { createTargetAwsClients } from "./aws-clients.js";

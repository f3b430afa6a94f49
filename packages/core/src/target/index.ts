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
export { createWebhookTarget, signWebhookBody, standardWebhookHeaders, type WebhookOptions, type WebhookTargetSettings } from "./webhook.js";
export { createLambdaAliasTarget, type LambdaAliasState, type LambdaAliasTargetSettings } from "./lambda-alias.js";
export { createTargetAwsClients } from "./aws-clients.js";
export { classifyAddress, addressAllowed, type AddressClass, type AddressVerdict } from "./address.js";
export { systemResolver, type Resolver } from "./http-call.js";
export {
  createTargetRegistry,
  resolveRegisteredTarget,
  specPatternMatches,
  generateWebhookSecret,
  type TargetRegistry,
} from "./registry.js";
export { targetInputSchema, targetNameSchema, targetViewSchema, type TargetInput, type TargetView, type TargetReference } from "./schema.js";

export * from "./contract.js";
export * from "./asl.js";
export * from "./errors.js";
export * from "./schema.js";
export * from "./local.js";
export { LocalTaskError } from "./local-gates.js";
export { executionName, launchExecutionName } from "./naming.js";
export * from "./sfn.js";
export { isTransientInfrastructureError, retryingTransientErrors, TransientStepError } from "./transient.js";

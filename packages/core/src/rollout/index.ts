/** Rollouts as sagas: plan compiler, deployment service, step handler. */
export * from "./settings.js";
export * from "./errors.js";
export * from "./plan.js";
export { describePlan, summarizePlan } from "./plan-summary.js";
export * from "./model.js";
export { defaultEnvironmentPath, environmentPath, positionOnPath, readRolloutSettings } from "./environments.js";
export type { SpecVersionReader, SpecVersionRecord } from "./spec-reader.js";
export type { TargetFactory } from "./saga-context.js";
export type { DeploymentSummary } from "./repository.js";
export type { DeploymentChange, DeploymentEffect, DeploymentStore, ExtraWrite } from "./store.js";
export { createDynamoDeploymentStore } from "./dynamo-store.js";
export { createMemoryDeploymentStore, type MemoryDeploymentStore } from "./memory-store.js";
export type { DeploymentView, ListDeploymentsQuery } from "./queries.js";
export { createStepHandler, type StepHandlerDeps } from "./step-handler.js";
export { newDeploymentRecord, type LaunchRequest } from "./launch.js";
export {
  createDeploymentService,
  type AutoDeployOutcome,
  type CreateDeploymentInput,
  type DeploymentOutcome,
  type PlanOutcome,
  type RollbackOutcome,
  type DeploymentService,
  type DeploymentServiceDeps,
  type EnvironmentStatus,
} from "./service.js";
export { resumeInFlight, executionRunning, ResumeIncompleteError, type ResumedDeployment, type ResumeOptions } from "./resume.js";
export { createDeploymentEventFeed, type DeploymentEventFeed, type DeploymentEventPage } from "./event-feed.js";

import type { Logger } from "@aws-lambda-powertools/logger";
import type { Principal, TokenService } from "@rollgate/core/auth";
import type { IdempotencyStore } from "@rollgate/core/idempotency";
import type { Registry } from "@rollgate/core/registry";
import type { ValidationMode } from "@rollgate/core/spec";
import type { TargetRegistry } from "@rollgate/core/target";

/** Everything the HTTP app needs, built once per process by the composition root. */
export interface AppServices {
  registry: Registry;
  tokens: TokenService;
  idempotency: IdempotencyStore;
  deployments?: DeploymentsApi;
  /** Registered traffic targets (admin). */
  targets?: TargetRegistry;
  logger: Logger;
  config: AppConfig;
}

export interface AppConfig {
  maxBodyBytes: number;
  defaultValidationMode: ValidationMode;
  /** Used to build approval links; defaults to the request's origin. */
  publicBaseUrl?: string;
}

/** The deployment service as the HTTP layer sees it (implemented in core/rollout). */
export type DeploymentsApi = import("@rollgate/core/rollout").DeploymentService;

export interface AppEnv {
  Variables: {
    principal: Principal;
    requestId: string;
  };
}

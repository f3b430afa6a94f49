import type { Logger } from "@aws-lambda-powertools/logger";
import type { Principal, TokenService } from "@rollgate/core/auth";
import type { IdempotencyStore } from "@rollgate/core/idempotency";
import type { Registry } from "@rollgate/core/registry";
import type { ValidationMode } from "@rollgate/core/spec";
import type { StorageCheck } from "@rollgate/core/store";

/** Everything the HTTP app needs, built once per process by the composition root. */
export interface AppServices {
  registry: Registry;
  tokens: TokenService;
  idempotency: IdempotencyStore;
  deployments?: DeploymentsApi;
  logger: Logger;
  config: AppConfig;
  /** Probes the database for `/health` (cached, cheap); without it `/health` checks nothing. */
  checkStorage?: () => Promise<StorageCheck>;
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

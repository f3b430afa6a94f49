import type { Logger } from "@aws-lambda-powertools/logger";
import type { CredentialResolver, Principal, PrincipalService, SessionService, TokenService } from "@rollgate/core/auth";
import type { DashboardReads } from "@rollgate/core/dashboard";
import type { IdempotencyStore } from "@rollgate/core/idempotency";
import type { PolicyStore } from "@rollgate/core/policy";
import type { Registry } from "@rollgate/core/registry";
import type { ValidationMode } from "@rollgate/core/spec";
import type { ParseLimiter } from "./parse-limit.js";
import type { StorageCheck } from "@rollgate/core/store";
import type { TargetRegistry } from "@rollgate/core/target";
import type { DeploymentEventFeed } from "@rollgate/core/rollout";
import type { WebhookStore } from "@rollgate/core/webhooks";
import type { SlackChatOps, SlackJob, SlackLinkStore } from "@rollgate/core/slack";

/** Everything the HTTP app needs, built once per process by the composition root. */
export interface AppServices {
  registry: Registry;
  tokens: TokenService;
  /** People and bots (`/v1/principals`, `/v1/me`). */
  principals: PrincipalService;
  /** The one way a credential becomes a principal (the auth middleware uses it). */
  credentials: CredentialResolver;
  idempotency: IdempotencyStore;
  deployments?: DeploymentsApi;
  /** The platform policy (GET/PUT /v1/policy). */
  policy?: PolicyStore;
  /** Registered traffic targets (admin). */
  targets?: TargetRegistry;
  /** A deployment's events after a sequence number (`GET /v1/deployments/{id}/events`). */
  events?: DeploymentEventFeed;
  /** Outbound webhook subscriptions and their delivery log (admin). */
  webhooks?: WebhookStore;
  /** Slack user links (`/v1/slack/users`, admin). */
  slackLinks?: SlackLinkStore;
  /** The Slack app's endpoints (`/slack/*`); absent without a signing secret, and they answer 404. */
  slack?: SlackHttpServices;
  /** Dashboard sign-in sessions (`/ui/login`), resolved through `credentials` as kind `session`. */
  sessions?: SessionService;
  /** The dashboard's read model (overview matrix, in-flight list, approvals inbox). */
  dashboard?: DashboardReads;
  logger: Logger;
  config: AppConfig;
  /** Bounds the large spec documents parsed at once (default: createParseLimiter()). */
  parseLimiter?: ParseLimiter;
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

/** What `/slack/commands` and `/slack/interactions` need. */
export interface SlackHttpServices {
  signingSecret: string;
  chatops: SlackChatOps;
  /** Starts a job that runs after the answer (locally a tracked promise; AWS an async self-invoke); resolves once started. Never rejects. */
  background: (job: SlackJob) => Promise<void>;
  clock: () => Date;
}

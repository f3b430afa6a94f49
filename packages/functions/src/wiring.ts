import type { Logger } from "@aws-lambda-powertools/logger";
import { SFNClient } from "@aws-sdk/client-sfn";
import type { ApprovalLinkDelivery } from "@rollgate/core/approval";
import { createTokenService } from "@rollgate/core/auth";
import { createIdempotencyStore } from "@rollgate/core/idempotency";
import { createRegistry, createSpecRepository } from "@rollgate/core/registry";
import { createDeploymentService, createStepHandler, defaultEnvironmentPath, type TargetFactory } from "@rollgate/core/rollout";
import type { ValidationMode } from "@rollgate/core/spec";
import { createCursorCodec, createDynamoClient, type TableContext } from "@rollgate/core/store";
import { createTargetAwsClients, createTrafficTarget } from "@rollgate/core/target";
import { createLocalOrchestrator, createSfnOrchestrator, type LocalOrchestrator, type Orchestrator } from "@rollgate/core/workflow";
import { createApp } from "./http/app.js";
import type { AppServices } from "./http/env.js";
import { createLogger } from "./logger.js";

/** Settings of one Rollgate process, from the environment (Lambda) or the local runtime. */
export interface RuntimeConfig {
  tableName: string;
  dynamoEndpoint?: string;
  region?: string;
  /** Signs paging cursors. */
  cursorSecret: string;
  defaultValidationMode?: ValidationMode;
  maxBodyBytes?: number;
  /** Base URL of approval links (`<base>/approvals/<token>`). */
  publicBaseUrl?: string;
  defaultEnvironments?: string[];
  /** Local: run the state machine in process. AWS: Step Functions. */
  orchestrator?: { kind: "local"; waitScale?: number } | { kind: "sfn"; stateMachineArn: string };
}

export interface RuntimeOptions {
  logger?: Logger;
  table?: TableContext;
  /** Where webhook targets look up `secret_env` (default process.env). */
  targetEnv?: Record<string, string | undefined>;
  /** Where approval links go when a gate opens (default: the log). */
  deliverApprovalLink?: (delivery: ApprovalLinkDelivery) => void | Promise<void>;
}

/**
 * The composition root: builds every service once per process from injected clients.
 * Lambda handlers and the local server both start here.
 */
export function createRuntime(config: RuntimeConfig, options: RuntimeOptions = {}) {
  const logger = options.logger ?? createLogger();
  const table = options.table ?? {
    client: createDynamoClient({ endpoint: config.dynamoEndpoint, region: config.region }),
    tableName: config.tableName,
  };
  const cursors = createCursorCodec(config.cursorSecret);
  const registry = createRegistry({
    repository: createSpecRepository({ table, cursors }),
    defaultMode: config.defaultValidationMode ?? "lenient",
  });

  const stepHandler = createSagaStepHandler(config, { ...options, logger, table });

  const orchestratorConfig = config.orchestrator ?? { kind: "local" as const };
  let localOrchestrator: LocalOrchestrator | undefined;
  let orchestrator: Orchestrator;
  if (orchestratorConfig.kind === "local") {
    const workflowLogger = {
      info: (message: string, extra: Record<string, unknown> = {}) => logger.info(message, extra),
      warn: (message: string, extra: Record<string, unknown> = {}) => logger.warn(message, extra),
      error: (message: string, extra: Record<string, unknown> = {}) => logger.error(message, extra),
    };
    localOrchestrator = createLocalOrchestrator({ stepHandler, waitScale: orchestratorConfig.waitScale, logger: workflowLogger });
    orchestrator = localOrchestrator;
  } else {
    orchestrator = createSfnOrchestrator({ client: new SFNClient({ region: config.region }), stateMachineArn: orchestratorConfig.stateMachineArn });
  }

  const deployments = createDeploymentService({
    table,
    orchestrator,
    specs: registry,
    cursors,
    config: { defaultEnvironments: config.defaultEnvironments ?? [...defaultEnvironmentPath] },
  });

  const services: AppServices = {
    registry,
    tokens: createTokenService({ table, cursors }),
    idempotency: createIdempotencyStore({ table }),
    deployments,
    logger,
    config: {
      maxBodyBytes: config.maxBodyBytes ?? 256 * 1024,
      defaultValidationMode: config.defaultValidationMode ?? "lenient",
      publicBaseUrl: config.publicBaseUrl,
    },
  };
  const app = createApp(services);
  return { app, services, table, logger, stepHandler, orchestrator, localOrchestrator };
}

export type Runtime = ReturnType<typeof createRuntime>;

/** The saga's step handler alone: what the step Lambda runs. */
export function createSagaStepHandler(
  config: Pick<RuntimeConfig, "region" | "publicBaseUrl">,
  options: RuntimeOptions & { logger: Logger; table: TableContext },
) {
  const { logger, table } = options;
  let awsClients: ReturnType<typeof createTargetAwsClients> | undefined;
  const targets: TargetFactory = (settings) => {
    if (settings?.type === "lambda-alias") awsClients ??= createTargetAwsClients({ region: config.region });
    return createTrafficTarget(settings, { table, env: options.targetEnv, ...awsClients });
  };
  // Link tokens are bearer secrets: the default delivery logs that a gate opened, never the links.
  const deliver =
    options.deliverApprovalLink ??
    ((delivery: ApprovalLinkDelivery) => {
      const { links, ...gate } = delivery;
      logger.info("approval requested", { ...gate, roles: links.map((link) => link.role) });
    });
  return createStepHandler({
    table,
    targets,
    approvalLinks: { baseUrl: config.publicBaseUrl ? `${config.publicBaseUrl.replace(/\/$/, "")}/approvals` : undefined, deliver },
  });
}

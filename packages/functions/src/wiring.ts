import type { Logger } from "@aws-lambda-powertools/logger";
import { createTokenService } from "@rollgate/core/auth";
import { createIdempotencyStore } from "@rollgate/core/idempotency";
import { createRegistry, createSpecRepository } from "@rollgate/core/registry";
import type { ValidationMode } from "@rollgate/core/spec";
import { createCursorCodec, createDynamoClient, type TableContext } from "@rollgate/core/store";
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
  publicBaseUrl?: string;
  defaultEnvironments?: string[];
}

/**
 * The composition root: builds every service once per process from injected clients.
 * Lambda handlers and the local server both start here.
 */
export function createRuntime(config: RuntimeConfig, options: { logger?: Logger; table?: TableContext } = {}) {
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
  const services: AppServices = {
    registry,
    tokens: createTokenService({ table, cursors }),
    idempotency: createIdempotencyStore({ table }),
    logger,
    config: {
      maxBodyBytes: config.maxBodyBytes ?? 256 * 1024,
      defaultValidationMode: config.defaultValidationMode ?? "lenient",
      publicBaseUrl: config.publicBaseUrl,
    },
  };
  const app = createApp(services);
  return { app, services, table, logger };
}

export type Runtime = ReturnType<typeof createRuntime>;

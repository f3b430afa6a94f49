import type { Logger } from "@aws-lambda-powertools/logger";
import { createApprovalLinkChannel, type ApprovalLinkSink } from "@rollgate/core/approval";
import { createAuth } from "@rollgate/core/auth";
import { createDashboardReads } from "@rollgate/core/dashboard";
import { createIdempotencyStore } from "@rollgate/core/idempotency";
import { createPolicyStore } from "@rollgate/core/policy";
import {
  createSlackCardChannel,
  createSlackChatOps,
  createSlackLinkStore,
  createSlackResponder,
  type SlackJob,
} from "@rollgate/core/slack";
import { createRegistry, createSpecRepository } from "@rollgate/core/registry";
import { createDeploymentEventFeed, createDeploymentService, createStepHandler, defaultEnvironmentPath, type TargetFactory } from "@rollgate/core/rollout";
import { createSealer, generateSealingKey, type Sealer } from "@rollgate/core/sealing";
import type { ValidationMode } from "@rollgate/core/spec";
import { createCursorCodec, createDynamoClient, createStorageProbe, keys, type TableContext } from "@rollgate/core/store";
import { createTargetAwsClients, createTargetRegistry, createTrafficTarget, type Resolver } from "@rollgate/core/target";
import { createWebhookDispatcher, createWebhookStore, type DispatcherOptions } from "@rollgate/core/webhooks";
import { retryingTransientErrors, type LocalOrchestrator, type Orchestrator, type StepHandler } from "@rollgate/core/workflow";
import { createApp } from "./http/app.js";
import type { AppServices } from "./http/env.js";
import { createParseLimiter, type ParseLimiterOptions } from "./http/parse-limit.js";
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
  /** How many large spec documents are parsed at once, and how many may wait (http/parse-limit.ts). */
  parseLimits?: ParseLimiterOptions;
  /** The Slack app (DESIGN.md section 11); see slackSettingsFromEnv. */
  slack?: SlackSettings;
  /**
   * Seals approval links until their channel delivers them (sealing/): `npm start` keeps one
   * in the data dir (or ROLLGATE_SEALING_KEY), AWS the SEALING_KEY secret. Unset: a key for
   * this process only (tests), so links sealed by a process that stopped are never delivered.
   */
  sealingKey?: string;
}

export interface SlackSettings {
  /** Without it `/slack/*` answers 404. */
  signingSecret?: string;
  /** Without it no release cards are posted. */
  botToken?: string;
  /** ROLLGATE_SLACK_CHANNEL: where cards go unless the environment's policy names a `slackChannel`. */
  defaultChannel?: string;
  /** ROLLGATE_SLACK_API_URL, default https://slack.com/api/. */
  apiUrl?: string;
  teamId?: string;
  /** Where `response_url` may point (default https://hooks.slack.com/); tests add their stand-in. */
  responseUrlPrefixes?: string[];
}

/** The Slack settings in an environment (ROLLGATE_SLACK_*); secrets may come from elsewhere (SST) and override. */
export function slackSettingsFromEnv(env: Record<string, string | undefined>, secrets: { signingSecret?: string; botToken?: string } = {}): SlackSettings {
  const prefixes = env.ROLLGATE_SLACK_RESPONSE_URL_PREFIXES?.split(",").map((p) => p.trim()).filter(Boolean);
  const pick = (value: string | undefined) => (value ? value : undefined);
  const settings: SlackSettings = {
    signingSecret: secrets.signingSecret ?? pick(env.ROLLGATE_SLACK_SIGNING_SECRET),
    botToken: secrets.botToken ?? pick(env.ROLLGATE_SLACK_BOT_TOKEN),
    defaultChannel: pick(env.ROLLGATE_SLACK_CHANNEL),
    apiUrl: pick(env.ROLLGATE_SLACK_API_URL),
    teamId: pick(env.ROLLGATE_SLACK_TEAM_ID),
    ...(prefixes?.length ? { responseUrlPrefixes: prefixes } : {}),
  };
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) as SlackSettings;
}

/**
 * Where rollouts run. Local: the state machine in process, driving this runtime's step
 * handler. AWS: Step Functions (the step Lambda has its own handler). The caller builds the
 * orchestrator, so the Lambda bundle never carries the local engine.
 */
export type OrchestratorChoice =
  | { kind: "local"; create: (stepHandler: StepHandler) => LocalOrchestrator; stepHandler: typeof createSagaStepHandler }
  | { kind: "remote"; orchestrator: Orchestrator };

export interface RuntimeOptions {
  logger?: Logger;
  table?: TableContext;
  /** How webhook targets resolve host names (default: the system resolver); tests inject one. */
  targetResolver?: Resolver;
  /** Outbound webhook delivery: timeouts, attempts and backoff (tests shorten them). */
  webhookDelivery?: DispatcherOptions;
  /**
   * Where approval links go when a gate opens: the sink of the approval-link channel, which
   * runs on the delivery rounds with its own retries (approval/link-channel.ts). Without it,
   * links are minted but not delivered (approvers use the API, the dashboard or Slack).
   */
  deliverApprovalLink?: ApprovalLinkSink;
  /**
   * Hands Slack work off to run after the answer (AWS: an asynchronous invoke of the API
   * function itself, lambda-runtime.ts); resolves once handed off. Default: this process runs it.
   */
  slackBackground?: (job: SlackJob) => Promise<void>;
}

/**
 * The composition root: builds every service once per process from injected clients.
 * Lambda handlers and the local server both start here.
 */
export function createRuntime(config: RuntimeConfig, orchestration: OrchestratorChoice, options: RuntimeOptions = {}) {
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

  // Approval links are sealed where gates open (the local engine's step handler) and opened where they are delivered.
  const sealer = options.deliverApprovalLink ? createSealer(config.sealingKey ?? generateSealingKey()) : undefined;
  let localOrchestrator: LocalOrchestrator | undefined;
  let orchestrator: Orchestrator;
  if (orchestration.kind === "local") {
    localOrchestrator = orchestration.create(orchestration.stepHandler(config, { ...options, logger, table, ...(sealer ? { sealer } : {}) }));
    orchestrator = localOrchestrator;
  } else {
    orchestrator = orchestration.orchestrator;
  }

  const policy = createPolicyStore({ table });
  const deployments = createDeploymentService({
    table,
    orchestrator,
    specs: registry,
    cursors,
    policy,
    config: { defaultEnvironments: config.defaultEnvironments ?? [...defaultEnvironmentPath] },
  });

  const auth = createAuth({ table, cursors });
  const webhooks = createWebhookStore({ table, cursors });
  const slack = createSlackParts(config.slack ?? {}, { table, webhooks, deployments, policy, directory: auth.principals.directory, logger, background: options.slackBackground });
  // The relay's webhook channel and the delivery rounds (the stream poller locally); same address rules as webhook targets.
  // Slack release cards and approval links ride on the same delivery items, each as a channel of its own.
  // maxAttempts is spelled out: the approval-link channel must know which attempt is the last.
  const maxAttempts = options.webhookDelivery?.maxAttempts ?? 8;
  const deliveryOptions: DispatcherOptions = { ...options.webhookDelivery, maxAttempts };
  const approvalLinkChannel = options.deliverApprovalLink
    ? createApprovalLinkChannel({ table, store: webhooks, sealer, send: options.deliverApprovalLink, maxAttempts })
    : undefined;
  const webhookDispatcher = createWebhookDispatcher({
    store: webhooks,
    channels: {
      ...(slack.channel ? { [keys.slackDeliveryChannel()]: slack.channel } : {}),
      ...(approvalLinkChannel ? { [keys.approvalLinkDeliveryChannel()]: approvalLinkChannel } : {}),
    },
    ...(options.targetResolver ? { resolver: options.targetResolver } : {}),
    options: deliveryOptions,
    onError: (message, details) => logger.error(message, details),
  });
  const services: AppServices = {
    registry,
    tokens: auth.tokens,
    principals: auth.principals,
    credentials: auth.credentials,
    sessions: auth.sessions,
    dashboard: createDashboardReads({ table }),
    idempotency: createIdempotencyStore({ table }),
    deployments,
    policy,
    targets: createTargetRegistry({ table, cursors }),
    events: createDeploymentEventFeed({ table }),
    webhooks,
    slackLinks: slack.links,
    ...(slack.http ? { slack: slack.http } : {}),
    logger,
    parseLimiter: createParseLimiter(config.parseLimits),
    checkStorage: createStorageProbe(table),
    config: {
      maxBodyBytes: config.maxBodyBytes ?? 256 * 1024,
      defaultValidationMode: config.defaultValidationMode ?? "lenient",
      publicBaseUrl: config.publicBaseUrl,
    },
  };
  const app = createApp(services);
  return { app, services, table, logger, orchestrator, localOrchestrator, webhookDispatcher, approvalLinkChannel, slackChannel: slack.channel, slackChatOps: slack.chatops, slackJobs: slack.jobs };
}

/** The Slack app's parts: identity links always; release cards with a bot token; `/slack/*` with a signing secret. */
function createSlackParts(
  settings: SlackSettings,
  deps: {
    table: TableContext;
    webhooks: ReturnType<typeof createWebhookStore>;
    deployments: ReturnType<typeof createDeploymentService>;
    policy: ReturnType<typeof createPolicyStore>;
    directory: import("@rollgate/core/auth").PrincipalDirectory;
    logger: Logger;
    background?: (job: SlackJob) => Promise<void>;
  },
) {
  const { table, logger } = deps;
  const links = createSlackLinkStore({ table, principals: deps.directory });
  const channel = settings.botToken
    ? createSlackCardChannel({
        table,
        store: deps.webhooks,
        links,
        policy: deps.policy,
        settings: { botToken: settings.botToken, ...(settings.apiUrl ? { apiUrl: settings.apiUrl } : {}), ...(settings.teamId ? { teamId: settings.teamId } : {}), ...(settings.defaultChannel ? { defaultChannel: settings.defaultChannel } : {}) },
      })
    : undefined;
  const chatops = createSlackChatOps({
    table,
    links,
    deployments: deps.deployments,
    responder: createSlackResponder(settings.responseUrlPrefixes ? { allowedPrefixes: settings.responseUrlPrefixes } : {}),
    ...(channel ? { syncCard: channel.sync } : {}),
    ...(settings.teamId ? { teamId: settings.teamId } : {}),
    onError: (message, details) => logger.error(message, details),
  });
  // Locally the work continues in this process (stop() waits for it: drain); in AWS it is
  // handed off (an async invoke) before the answer goes out, since a frozen Lambda runs nothing.
  const pending = new Set<Promise<void>>();
  const background = async (job: SlackJob) => {
    if (deps.background) {
      try {
        await deps.background(job);
      } catch (error) {
        logger.error("slack background hand-off failed", { error: error instanceof Error ? error.message : String(error) });
      }
      return;
    }
    const tracked = chatops.run(job).finally(() => pending.delete(tracked));
    pending.add(tracked);
  };
  const http = settings.signingSecret ? { signingSecret: settings.signingSecret, chatops, background, clock: () => new Date() } : undefined;
  return { links, channel, chatops, http, jobs: { drain: async () => void (await Promise.allSettled([...pending])) } };
}

export type Runtime = ReturnType<typeof createRuntime>;

/** The saga's step handler alone: what the step Lambda runs. */
export function createSagaStepHandler(
  config: Pick<RuntimeConfig, "region" | "publicBaseUrl">,
  options: RuntimeOptions & { logger: Logger; table: TableContext; sealer?: Sealer },
) {
  const { logger, table } = options;
  // Built on first use, once per region a lambda-alias target names.
  const awsClients = new Map<string, ReturnType<typeof createTargetAwsClients>>();
  const clientsFor = (region: string | undefined) => {
    const key = region ?? config.region ?? "";
    if (!awsClients.has(key)) awsClients.set(key, createTargetAwsClients({ region: region ?? config.region }));
    return awsClients.get(key)!;
  };
  const targets: TargetFactory = (settings) =>
    createTrafficTarget(settings, { table, awsClients: clientsFor, ...(options.targetResolver ? { resolver: options.targetResolver } : {}) });
  // New links are sealed in the gate's transaction; the approval-link channel delivers them (never this step).
  return retryingTransientErrors(createStepHandler({
    table,
    targets,
    approvalLinks: {
      baseUrl: config.publicBaseUrl ? `${config.publicBaseUrl.replace(/\/$/, "")}/approvals` : undefined,
      ...(options.sealer ? { sealer: options.sealer } : {}),
    },
  }));
}

/** The local engine, for `npm start`, tests and the bench: it drives `stepHandler` in process. */
export async function localOrchestration(options: { waitScale?: number; logger?: Logger } = {}): Promise<OrchestratorChoice> {
  const { createLocalOrchestrator } = await import("@rollgate/core/workflow");
  const logger = options.logger;
  const workflowLogger = logger && {
    info: (message: string, extra: Record<string, unknown> = {}) => logger.info(message, extra),
    warn: (message: string, extra: Record<string, unknown> = {}) => logger.warn(message, extra),
    error: (message: string, extra: Record<string, unknown> = {}) => logger.error(message, extra),
  };
  return {
    kind: "local",
    // Passed in rather than called from createRuntime, so that the API Lambda's bundle (which
    // never runs steps) leaves the saga and the traffic targets out.
    stepHandler: createSagaStepHandler,
    create: (stepHandler) => createLocalOrchestrator({ stepHandler, waitScale: options.waitScale, logger: workflowLogger }),
  };
}

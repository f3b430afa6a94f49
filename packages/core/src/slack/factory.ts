import { createPrincipalDirectory } from "../auth/principals.js";
import { createPolicyStore } from "../policy/store.js";
import { policyFor } from "../policy/schema.js";
import type { PolicyReader } from "../policy/store.js";
import { getDeploymentView } from "../rollout/queries.js";
import type { TableContext } from "../store/dynamo.js";
import type { WebhookStore } from "../webhooks/store.js";
import { createSlackWebApi, type SlackApi } from "./api.js";
import { createCardStore } from "./card-store.js";
import { createSlackChannel, type SlackChannel } from "./channel.js";
import { createSlackLinkStore, type SlackLinkStore } from "./links.js";

/** What release cards need besides the table: where they go and how to reach Slack. */
export interface SlackCardSettings {
  botToken: string;
  apiUrl?: string;
  teamId?: string;
  /** Used where the environment's policy names no `slackChannel`. */
  defaultChannel?: string;
}

/**
 * The Slack release-card channel over one table, as every process builds it (the local
 * runtime, the API for clicks, the AWS delivery function): cards, links for mentions,
 * the policy for each environment's channel, deployments read as the API shows them.
 */
export function createSlackCardChannel(deps: {
  table: TableContext;
  store: Pick<WebhookStore, "enqueue">;
  settings: SlackCardSettings;
  links?: Pick<SlackLinkStore, "slackUsersOf">;
  policy?: PolicyReader;
  api?: SlackApi;
}): SlackChannel {
  const { table, settings } = deps;
  const policy = deps.policy ?? createPolicyStore({ table });
  const links = deps.links ?? createSlackLinkStore({ table, principals: createPrincipalDirectory({ table }) });
  return createSlackChannel({
    store: deps.store,
    cards: createCardStore(table),
    api: deps.api ?? createSlackWebApi({ botToken: settings.botToken, ...(settings.apiUrl ? { apiUrl: settings.apiUrl } : {}), ...(settings.teamId ? { teamId: settings.teamId } : {}) }),
    deployments: { get: (id) => getDeploymentView(table, id) },
    channelFor: async (environment) => policyFor((await policy.get()).environments, environment)?.slackChannel ?? settings.defaultChannel,
    slackUsersOf: (subjects) => links.slackUsersOf(subjects),
  });
}

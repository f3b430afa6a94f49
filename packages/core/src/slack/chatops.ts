import { hasScope, type Principal, type Scope } from "../auth/principal.js";
import { isRollgateError } from "../errors/index.js";
import type { DeploymentService } from "../rollout/service.js";
import type { TableContext } from "../store/dynamo.js";
import type { SlackResponder } from "./api.js";
import { slackActions } from "./cards.js";
import { helpText, parseSlackCommand, type SlackCommand } from "./commands.js";
import { claimSlackRequest, type SlackLinkStore } from "./links.js";

/** A slash command, as Slack posts it (form fields). */
export interface SlashCommandInput {
  command: string;
  text: string;
  userId: string;
  teamId?: string;
  responseUrl: string;
  triggerId?: string;
}

/** A button click (`block_actions`), from the `payload` field. */
export interface ButtonInput {
  actionId: string;
  value: string;
  userId: string;
  teamId?: string;
  responseUrl: string;
  triggerId?: string;
  actionTs?: string;
}

/** Work that continues after Slack got its answer; serializable, so AWS can hand it to an async invoke. */
export type SlackJob = { kind: "command"; input: SlashCommandInput; command: SlackCommand } | { kind: "button"; input: ButtonInput };

/** What to answer Slack within its 3 s, and the work to do after. */
export interface SlackAcceptance {
  /** The HTTP answer's JSON body; `undefined`: an empty 200. */
  answer?: Record<string, unknown>;
  job?: SlackJob;
}

export interface SlackChatOpsDeps {
  table: TableContext;
  links: Pick<SlackLinkStore, "principalFor">;
  deployments: Pick<DeploymentService, "decide" | "rollback" | "rollbackEnvironment" | "environments" | "list">;
  responder: SlackResponder;
  /** Updates a card right after a click changed it (the relay would too, a moment later). */
  syncCard?: (deploymentId: string) => Promise<unknown>;
  /** Only this workspace's requests are served, when set (ROLLGATE_SLACK_TEAM_ID). */
  teamId?: string;
  clock?: () => Date;
  onError?: (message: string, details: Record<string, unknown>) => void;
}

const ephemeral = (text: string) => ({ response_type: "ephemeral", text });

const scopeFor: Record<Exclude<SlackCommand["kind"], "help">, Scope> = { status: "specs:read", rollback: "rollback", approve: "approve", reject: "approve" };

/**
 * The chat-ops use cases. `acceptCommand` / `acceptButton` run inside Slack's 3 s: they
 * refuse another workspace, act once per `trigger_id` / `action_ts` (a conditional write),
 * parse, and answer; `run` does the rest (identity, scope, the same core use case the API
 * calls) and reports through `response_url`. Every refusal says how to get access.
 */
export function createSlackChatOps(deps: SlackChatOpsDeps) {
  const clock = deps.clock ?? (() => new Date());
  const onError = deps.onError ?? ((message, details) => console.error(JSON.stringify({ level: "ERROR", message, ...details })));

  const otherTeam = (teamId?: string) => deps.teamId !== undefined && teamId !== deps.teamId;

  async function actingPrincipal(userId: string, scope: Scope): Promise<Principal | string> {
    const principal = await deps.links.principalFor(userId);
    if (!principal) {
      return `:lock: Your Slack user (${userId}) is not linked to a Rollgate principal, so Rollgate does nothing for it. Ask an admin to link it: \`PUT /v1/slack/users/${userId}\` with \`{"subject": "<your principal>", "scopes": ["${scope}"]}\`.`;
    }
    if (!hasScope(principal, scope)) {
      return `:lock: Your Slack link (as ${principal.subject}) lacks the \`${scope}\` scope. Ask an admin to add it: \`PUT /v1/slack/users/${userId}\` with the scopes you need.`;
    }
    return principal;
  }

  async function status(specId: string, environment: string | undefined): Promise<string> {
    const environments = (await deps.deployments.environments(specId)).filter((e) => !environment || e.name === environment);
    if (environment && environments.length === 0) return `${specId} has no environment ${environment} on its path.`;
    const inFlight = (await deps.deployments.list({ specId, ...(environment ? { environment } : {}), limit: 20 })).items.filter((d) =>
      ["pending", "in_progress", "awaiting_approval", "rolling_back", "rollback_failed"].includes(d.status),
    );
    const lines = environments.map((e) => `• *${e.name}*: ${e.currentVersion === null ? "nothing deployed" : `v${e.currentVersion}`}${e.previousVersion !== null ? ` (before: v${e.previousVersion})` : ""}`);
    const flying = inFlight.map((d) => `• in flight: v${d.version} → ${d.environment}, ${d.status.replace(/_/g, " ")} (\`${d.id}\`, by ${d.requestedBy})`);
    return [`*${specId}*`, ...lines, ...(flying.length ? flying : ["• no deployment in flight"])].join("\n");
  }

  async function vote(deploymentId: string, decision: "approve" | "reject", principal: Principal, comment?: string): Promise<string> {
    const outcome = await deps.deployments.decide(deploymentId, { decision, ...(comment ? { comment } : {}) }, principal);
    await deps.syncCard?.(deploymentId).catch((error: unknown) => onError("slack card update after a vote failed", { deploymentId, error: String(error) }));
    const verb = decision === "approve" ? "approval" : "rejection";
    return `:ballot_box_with_check: Your ${verb} of \`${deploymentId}\` is recorded as ${principal.subject}; the deployment is now ${String(outcome.status).replace(/_/g, " ")}.`;
  }

  async function execute(job: SlackJob): Promise<string> {
    if (job.kind === "command") {
      const command = job.command;
      if (command.kind === "help") return helpText(job.input.command);
      const principal = await actingPrincipal(job.input.userId, scopeFor[command.kind]);
      if (typeof principal === "string") return principal;
      switch (command.kind) {
        case "status":
          return status(command.specId, command.environment);
        case "rollback": {
          const { deployment } = await deps.deployments.rollbackEnvironment(command.specId, command.environment, principal, command.reason ?? `rollback from Slack by ${principal.subject}`);
          return `:leftwards_arrow_with_hook: Rolling ${command.specId} in ${command.environment} back to v${deployment.version} (deployment \`${deployment.id}\`); the release thread follows it.`;
        }
        case "approve":
        case "reject":
          return vote(command.deploymentId, command.kind, principal, command.comment);
      }
    }
    const { input } = job;
    if (input.actionId === slackActions.rollback) {
      const principal = await actingPrincipal(input.userId, "rollback");
      if (typeof principal === "string") return principal;
      const outcome = await deps.deployments.rollback(input.value, principal, `rollback from Slack by ${principal.subject}`);
      return `:leftwards_arrow_with_hook: Rolling back \`${input.value}\`: ${outcome.mode === "new_deployment" ? `deployment \`${outcome.deployment.id}\` restores v${outcome.deployment.version}` : outcome.mode.replace(/_/g, " ")}.`;
    }
    const principal = await actingPrincipal(input.userId, "approve");
    if (typeof principal === "string") return principal;
    return vote(input.value, input.actionId === slackActions.approve ? "approve" : "reject", principal);
  }

  return {
    async acceptCommand(input: SlashCommandInput): Promise<SlackAcceptance> {
      if (otherTeam(input.teamId)) return { answer: ephemeral(":lock: This Rollgate serves another Slack workspace.") };
      if (!(await claimSlackRequest(deps.table, input.triggerId ? [`trigger:${input.triggerId}`] : [], clock()))) return {};
      const command = parseSlackCommand(input.text);
      if (command.kind === "help") {
        return { answer: ephemeral(`${command.unknown ? `I do not know \`${command.unknown}\`.\n` : ""}${helpText(input.command)}`) };
      }
      if (!deps.responder.allowed(input.responseUrl)) return { answer: ephemeral(":warning: This request has no usable response_url; nothing was done.") };
      return { answer: ephemeral(`:hourglass_flowing_sand: Working on \`${input.text.trim().slice(0, 200)}\`…`), job: { kind: "command", input, command } };
    },

    async acceptButton(input: ButtonInput): Promise<SlackAcceptance> {
      if (otherTeam(input.teamId)) return {};
      if (!(Object.values(slackActions) as string[]).includes(input.actionId)) return {};
      const ids = [...(input.triggerId ? [`trigger:${input.triggerId}`] : []), ...(input.actionTs ? [`action:${input.userId}:${input.actionTs}`] : [])];
      if (!(await claimSlackRequest(deps.table, ids, clock()))) return {};
      if (!deps.responder.allowed(input.responseUrl)) return {};
      return { job: { kind: "button", input } };
    },

    /** The background part: acts, then answers through `response_url` (ephemeral). Never throws. */
    async run(job: SlackJob): Promise<void> {
      let text: string;
      try {
        text = await execute(job);
      } catch (error) {
        if (isRollgateError(error)) text = `:no_entry: ${error.message} (${error.code})`;
        else {
          onError("slack job failed", { kind: job.kind, error: error instanceof Error ? error.message : String(error) });
          text = ":warning: Something went wrong inside Rollgate; nothing may have happened. Check the deployment before trying again.";
        }
      }
      try {
        await deps.responder.respond(job.input.responseUrl, { ...ephemeral(text), replace_original: false });
      } catch (error) {
        onError("slack response_url answer failed", { error: error instanceof Error ? error.message : String(error) });
      }
    },
  };
}

export type SlackChatOps = ReturnType<typeof createSlackChatOps>;

import { hasScope, type Principal } from "@rollgate/core/auth";
import { gateAwaiting } from "@rollgate/core/dashboard";
import type { LifecycleState } from "@rollgate/core/registry";
import { isInFlight, type DeploymentView } from "@rollgate/core/rollout";
import type { AppServices } from "../env.js";

/**
 * The dashboard's actions: which ones a principal is offered (the same scopes the API
 * routes require, and for votes the rules the vote itself enforces), and the use case each
 * one calls — the very functions behind the API routes. The use case still decides: an
 * action shown on a stale page is refused by it with its usual error.
 */
export const deploymentActions = ["approve", "reject", "abort", "rollback"] as const;
export type DeploymentAction = (typeof deploymentActions)[number];

export function allowedDeploymentActions(view: DeploymentView, principal: Principal): DeploymentAction[] {
  const actions: DeploymentAction[] = [];
  if (gateAwaiting(view, principal)) actions.push("approve", "reject");
  const inFlight = isInFlight(view.status);
  if (inFlight && (hasScope(principal, "rollback") || hasScope(principal, "deploy"))) actions.push("abort");
  if (hasScope(principal, "rollback") && (inFlight || view.status === "succeeded" || view.status === "rollback_failed")) actions.push("rollback");
  return actions;
}

/** The confirmation wording of each action. */
export const deploymentActionText: Record<DeploymentAction, { title: string; explain: string; button: string; field: "comment" | "reason"; done: string }> = {
  approve: {
    title: "Approve this rollout?",
    explain: "Your vote counts for a required role you hold; once every role has approved, the rollout continues.",
    button: "Confirm approval",
    field: "comment",
    done: "Your approval was recorded.",
  },
  reject: {
    title: "Reject this rollout?",
    explain: "A rejection stops the rollout and puts traffic back on the stable version.",
    button: "Confirm rejection",
    field: "comment",
    done: "Your rejection was recorded; the rollout rolls back.",
  },
  abort: {
    title: "Abort this rollout?",
    explain: "The rollout stops now and its compensations put traffic back on the stable version. It ends aborted.",
    button: "Confirm abort",
    field: "reason",
    done: "Abort requested: the rollout is compensating.",
  },
  rollback: {
    title: "Roll this back?",
    explain: "In flight: stops and compensates. Finished: starts a new deployment restoring the version the environment ran before.",
    button: "Confirm rollback",
    field: "reason",
    done: "Rollback requested.",
  },
};

/** Runs the action's use case; returns the deployment to show afterwards (a rollback may start a new one). */
export async function runDeploymentAction(
  services: AppServices,
  id: string,
  action: DeploymentAction,
  principal: Principal,
  text: string | undefined,
): Promise<string> {
  const deployments = services.deployments!;
  switch (action) {
    case "approve":
    case "reject":
      await deployments.decide(id, { decision: action, ...(text ? { comment: text } : {}) }, principal);
      return id;
    case "abort":
      await deployments.abort(id, principal, text);
      return id;
    case "rollback":
      return (await deployments.rollback(id, principal, text)).deployment.id;
  }
}

/** Lifecycle changes of a version: `specs:write`, as `PATCH /v1/specs/{specId}/versions/{version}`. */
export const versionActions = { deprecate: "deprecated", disable: "disabled", activate: "active" } as const satisfies Record<string, LifecycleState>;
export type VersionAction = keyof typeof versionActions;

export function allowedVersionActions(state: LifecycleState, principal: Principal): VersionAction[] {
  if (!hasScope(principal, "specs:write")) return [];
  return (Object.keys(versionActions) as VersionAction[]).filter((action) => versionActions[action] !== state);
}

import type { StepResult } from "../workflow/contract.js";
import { DeploymentNotRunnableError } from "../rollout/errors.js";
import type { ApprovalGate } from "../rollout/model.js";
import { mutateDeployment, type RolloutStore } from "../rollout/repository.js";
import { linkUrl, mintLinkToken, putLink, type ApprovalLink, type ApprovalLinkOptions } from "./links.js";

/**
 * `openGate`: the state machine paused on a task token at an approval step. The token is
 * stored on the deployment (it is only usable with AWS credentials), the deployment turns
 * awaiting_approval, and approval links are minted and delivered. Re-opening a gate (a new
 * execution after a restart) swaps the token and keeps the links and votes already given.
 */
export async function openApprovalGate(
  store: RolloutStore & { links?: ApprovalLinkOptions },
  deploymentId: string,
  taskToken: string,
): Promise<StepResult> {
  let minted: ApprovalLink[] = [];
  let opened: ApprovalGate | undefined;
  const record = await mutateDeployment(store, deploymentId, (current) => {
    minted = [];
    opened = undefined;
    if (current.status === "awaiting_approval") {
      const gate = current.approvals.find((g) => g.status === "open");
      return {
        after: { ...current, taskToken },
        events: [{ type: "deployment.gate_reopened", data: { gate: gate?.gate } }],
      };
    }
    const step = current.plan.steps[current.currentStep];
    if (current.status !== "in_progress" || step?.kind !== "approval") {
      throw new DeploymentNotRunnableError(current.id, current.status, "no approval gate to open");
    }
    const now = store.clock();
    // The engine's timer started before this step ran: close the gate a little early, so that a
    // vote the table accepts is never one the state machine has already timed out.
    const margin = Math.min(5, Math.floor(step.timeoutSeconds / 10));
    const expiresAt = new Date(now.getTime() + (step.timeoutSeconds - margin) * 1000);
    const roles: (string | null)[] = step.requiredRoles.length > 0 ? step.requiredRoles : [null];
    minted = roles.map((role) => ({ role, token: mintLinkToken() }));
    for (const link of minted) {
      const url = linkUrl(store.links?.baseUrl, link.token);
      if (url) link.url = url;
    }
    opened = {
      gate: step.gate,
      step: step.index,
      requiredRoles: step.requiredRoles,
      openedAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      status: "open",
      approvedRoles: [],
      votes: [],
      links: minted.length,
    };
    const base = { deploymentId: current.id, gate: step.gate, specId: current.specId, environment: current.environment };
    return {
      after: {
        ...current,
        status: "awaiting_approval",
        taskToken,
        approvals: [...current.approvals.filter((g) => g.gate !== step.gate), opened],
      },
      events: [
        {
          type: "deployment.approval_requested",
          data: { gate: step.gate, requiredRoles: step.requiredRoles, expiresAt: opened.expiresAt, links: minted.length },
        },
      ],
      extra: minted.map((link) => ({
        item: putLink(store.table.tableName, link.token, {
          ...base,
          role: link.role,
          createdAt: now.toISOString(),
          // Rounded down: a link never outlives its gate.
          expiresAt: Math.floor(expiresAt.getTime() / 1000),
        }),
      })),
    };
  });
  if (opened && minted.length > 0 && store.links?.deliver) {
    try {
      await store.links.deliver({
        deploymentId: record.id,
        specId: record.specId,
        version: record.version,
        environment: record.environment,
        gate: opened.gate,
        requiredRoles: opened.requiredRoles,
        requestedBy: record.requestedBy,
        expiresAt: opened.expiresAt,
        links: minted,
      });
    } catch {
      // The gate stays open: approvers can still decide through the API.
    }
  }
  return { status: record.status };
}

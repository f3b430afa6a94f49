import type { StepResult } from "../workflow/contract.js";
import { createPrincipalDirectory } from "../auth/principals.js";
import type { PrincipalRecord } from "../auth/schema.js";
import { DeploymentNotRunnableError } from "../rollout/errors.js";
import type { ApprovalGate } from "../rollout/model.js";
import { loadDeployment, mutateDeployment, type RolloutStore } from "../rollout/repository.js";
import { sealedLinksWrite } from "./link-channel.js";
import { linkUrl, mintLinkToken, putLink, type ApprovalLink, type ApprovalLinkOptions } from "./links.js";

/** Who may approve a gate: each enabled principal holding a required role, less the requester. */
async function eligibleApprovers(store: RolloutStore, requiredRoles: string[], requestedBy: string) {
  const directory = createPrincipalDirectory({ table: store.table });
  const byRole = await Promise.all(requiredRoles.map((role) => directory.holdersOf(role)));
  const eligible = new Map<string, { principal: PrincipalRecord; roles: string[] }>();
  requiredRoles.forEach((role, i) => {
    for (const principal of byRole[i] ?? []) {
      if (principal.subject === requestedBy) continue;
      const entry = eligible.get(principal.subject) ?? { principal, roles: [] };
      entry.roles.push(role);
      eligible.set(principal.subject, entry);
    }
  });
  const rolesWithoutApprovers = requiredRoles.filter((role) => ![...eligible.values()].some((e) => e.roles.includes(role)));
  return { approvers: [...eligible.values()], rolesWithoutApprovers };
}

/**
 * `openGate`: the state machine paused on a task token at an approval step. The token is
 * stored on the deployment (it is only usable with AWS credentials), the deployment turns
 * awaiting_approval, and one approval link per eligible principal is minted: stored hashed,
 * and (with a sealer) sealed for the approval-link channel, which delivers them after the
 * relay has seen the gate's event (link-channel.ts); this step never waits for a receiver.
 * A required role that nobody eligible holds does not stop the gate from opening: the
 * event names it (`rolesWithoutApprovers`), and a principal given the role later votes
 * through the API. Re-opening a gate (a new execution after a restart) swaps the token and
 * keeps the links and votes already given.
 */
export async function openApprovalGate(
  store: RolloutStore & { links?: ApprovalLinkOptions },
  deploymentId: string,
  taskToken: string,
): Promise<StepResult> {
  const loaded = await loadDeployment(store.table, deploymentId);
  const pending = loaded.plan.steps[loaded.currentStep];
  const requiredRoles = loaded.status === "in_progress" && pending?.kind === "approval" ? pending.requiredRoles : [];
  const { approvers, rolesWithoutApprovers } = await eligibleApprovers(store, requiredRoles, loaded.requestedBy);

  const record = await mutateDeployment(store, deploymentId, (current) => {
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
    const minted: ApprovalLink[] = approvers
      .filter(({ principal }) => principal.subject !== current.requestedBy)
      .map(({ principal, roles }) => ({
        subject: principal.subject,
        ...(principal.displayName ? { displayName: principal.displayName } : {}),
        ...(principal.email ? { email: principal.email } : {}),
        roles,
        role: roles[0] ?? null,
        token: mintLinkToken(),
      }));
    for (const link of minted) {
      const url = linkUrl(store.links?.baseUrl, link.token);
      if (url) link.url = url;
    }
    const opened: ApprovalGate = {
      gate: step.gate,
      step: step.index,
      requiredRoles: step.requiredRoles,
      openedAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      status: "open",
      approvedRoles: [],
      votes: [],
      links: minted.length,
      ...(rolesWithoutApprovers.length ? { rolesWithoutApprovers } : {}),
    };
    const base = { deploymentId: current.id, gate: step.gate, specId: current.specId, environment: current.environment };
    // Rounded down: a link never outlives its gate.
    const linkExpiry = Math.floor(expiresAt.getTime() / 1000);
    const sealed = store.links?.sealer
      ? [
          {
            item: sealedLinksWrite(
              store.table.tableName,
              store.links.sealer,
              {
                deploymentId: current.id,
                specId: current.specId,
                version: current.version,
                environment: current.environment,
                gate: step.gate,
                requiredRoles: step.requiredRoles,
                requestedBy: current.requestedBy,
                expiresAt: opened.expiresAt,
                links: minted,
                rolesWithoutApprovers,
              },
              linkExpiry,
              now,
            ),
          },
        ]
      : [];
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
          data: {
            gate: step.gate,
            requiredRoles: step.requiredRoles,
            expiresAt: opened.expiresAt,
            links: minted.length,
            approvers: minted.map((link) => ({ subject: link.subject, roles: link.roles })),
            rolesWithoutApprovers,
          },
        },
      ],
      extra: minted.map((link) => ({
        item: putLink(store.table.tableName, link.token, {
          ...base,
          subject: link.subject,
          roles: link.roles,
          role: link.role,
          createdAt: now.toISOString(),
          expiresAt: linkExpiry,
        }),
      })).concat(sealed),
    };
  });
  return { status: record.status };
}

/** @jsxImportSource hono/jsx */
import type { Principal } from "@rollgate/core/auth";
import type { InFlightDeployment } from "@rollgate/core/dashboard";
import { Layout, Status, Time } from "../layout.js";

export function ApprovalsPage(props: { principal: Principal; waiting: InFlightDeployment[]; mine: InFlightDeployment[] }) {
  const gateOf = (d: InFlightDeployment) => d.approvals.find((g) => g.status === "open");
  return (
    <Layout title="Approvals" principal={props.principal} section="approvals" waiting={props.waiting.length}>
      <h1>Approvals waiting on you</h1>
      {props.waiting.length === 0 ? (
        <p data-testid="inbox-empty">Nothing waits on you{props.principal.roles.length ? ` (roles: ${props.principal.roles.join(", ")})` : " (you hold no roles)"}.</p>
      ) : (
        <ul class="inbox" data-testid="inbox">
          {props.waiting.map((d) => {
            const gate = gateOf(d)!;
            const missing = gate.requiredRoles.filter((r) => !gate.approvedRoles.includes(r));
            return (
              <li data-deployment={d.id}>
                <h2>
                  <a href={`/ui/deployments/${encodeURIComponent(d.id)}`}>
                    {d.specId} v{d.version} → {d.environment}
                  </a>
                </h2>
                <p>
                  <Status status={d.status} /> · requested by {d.requestedBy} · needs {missing.length ? missing.join(", ") : "one approver"} · expires{" "}
                  <Time at={gate.expiresAt} />
                </p>
                <div class="actions">
                  <a class="button primary" href={`/ui/deployments/${encodeURIComponent(d.id)}/approve`} data-testid="inbox-approve">
                    Approve…
                  </a>
                  <a class="button danger" href={`/ui/deployments/${encodeURIComponent(d.id)}/reject`}>
                    Reject…
                  </a>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {props.mine.length ? (
        <>
          <h2>Your requests waiting on others</h2>
          <ul data-testid="my-requests">
            {props.mine.map((d) => (
              <li>
                <a href={`/ui/deployments/${encodeURIComponent(d.id)}`}>
                  {d.specId} v{d.version} → {d.environment}
                </a>{" "}
                <Status status={d.status} /> (you cannot approve your own request)
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}

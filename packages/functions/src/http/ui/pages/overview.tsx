/** @jsxImportSource hono/jsx */
import type { Principal } from "@rollgate/core/auth";
import type { EnvironmentCell, InFlightDeployment } from "@rollgate/core/dashboard";
import type { SpecSummary } from "@rollgate/core/registry";
import { Layout, Status } from "../layout.js";

export interface OverviewRow {
  spec: SpecSummary;
  environments: Map<string, EnvironmentCell>;
  inFlight: Map<string, InFlightDeployment>;
}

export function OverviewPage(props: {
  principal: Principal;
  columns: string[];
  rows: OverviewRow[];
  waiting: number;
  nextCursor: string | null;
  running: boolean;
}) {
  return (
    <Layout title="Overview" principal={props.principal} section="overview" waiting={props.waiting} refresh={props.running ? 5 : undefined}>
      <div id="live" data-refresh={props.running ? "5" : "0"}>
        <h1>Overview</h1>
        {props.waiting ? (
          <p class="notice" role="status">
            <a href="/ui/approvals" data-testid="waiting-link">
              {props.waiting === 1 ? "1 approval gate waits" : `${props.waiting} approval gates wait`} on you
            </a>
          </p>
        ) : null}
        {props.rows.length === 0 ? (
          <p>No specs registered yet.</p>
        ) : (
          <div class="scroll">
            <table data-testid="matrix">
              <caption class="sr">Every spec and environment: the current version, and any rollout in flight</caption>
              <thead>
                <tr>
                  <th scope="col">Spec</th>
                  <th scope="col">Latest</th>
                  {props.columns.map((env) => (
                    <th scope="col">{env}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.rows.map((row) => (
                  <tr data-spec={row.spec.specId}>
                    <th scope="row">
                      <a href={`/ui/specs/${encodeURIComponent(row.spec.specId)}`}>{row.spec.specId}</a>
                      <div class="muted" data-testid="spec-name">{row.spec.name}</div>
                    </th>
                    <td class="num">v{row.spec.latestVersion}</td>
                    {props.columns.map((env) => {
                      const cell = row.environments.get(env);
                      const running = row.inFlight.get(env);
                      return (
                        <td data-env={env}>
                          {cell?.currentVersion ? (
                            <span data-testid="current">
                              {cell.lastDeploymentId ? <a href={`/ui/deployments/${encodeURIComponent(cell.lastDeploymentId)}`}>v{cell.currentVersion}</a> : `v${cell.currentVersion}`}
                            </span>
                          ) : (
                            <span class="muted">
                              <span aria-hidden="true">—</span>
                              <span class="sr">nothing deployed</span>
                            </span>
                          )}
                          {running ? (
                            <div>
                              <a href={`/ui/deployments/${encodeURIComponent(running.id)}`} data-testid="in-flight">
                                v{running.version} <Status status={running.status} />
                              </a>
                            </div>
                          ) : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {props.nextCursor ? (
          <p>
            <a href={`/ui?cursor=${encodeURIComponent(props.nextCursor)}`}>More specs</a>
          </p>
        ) : null}
      </div>
    </Layout>
  );
}

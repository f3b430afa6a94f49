/** @jsxImportSource hono/jsx */
import type { Principal } from "@rollgate/core/auth";
import type { SpecSummary, SpecVersionSummary } from "@rollgate/core/registry";
import type { DeploymentSummary, EnvironmentStatus } from "@rollgate/core/rollout";
import type { SpecDiff } from "@rollgate/core/spec";
import { allowedVersionActions, type VersionAction } from "../actions.js";
import { Layout, Status, Time, VersionState } from "../layout.js";

const versionActionLabel: Record<VersionAction, string> = { deprecate: "Deprecate…", disable: "Disable…", activate: "Re-activate…" };

const show = (value: unknown) => (value === undefined ? "—" : JSON.stringify(value));

function DiffView(props: { diff: SpecDiff & { from: number; to: number } }) {
  const { diff } = props;
  return (
    <section aria-labelledby="diff-title" data-testid="diff">
      <h2 id="diff-title">
        Changes from v{diff.from} to v{diff.to}
      </h2>
      {diff.summary.length ? (
        <ul>
          {diff.summary.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      ) : null}
      {diff.rolloutChanges.length ? (
        <div class="scroll">
          <table>
            <caption class="sr">Changes to the settings that drive rollouts</caption>
            <thead>
              <tr>
                <th scope="col">Setting</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {diff.rolloutChanges.map((change) => (
                <tr>
                  <td>
                    <code>{change.path}</code>
                  </td>
                  <td>
                    <code>{show(change.from)}</code>
                  </td>
                  <td>
                    <code>{show(change.to)}</code>
                  </td>
                  <td>{change.loosens ? <span class="loosens">⚠ loosens a guardrail{change.why ? `: ${change.why}` : ""}</span> : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {diff.patch.length ? (
        <details>
          <summary>All {diff.patch.length} changes (JSON Patch)</summary>
          <pre>{diff.patch.map((op) => `${op.op} ${op.path}${"value" in op ? ` = ${JSON.stringify(op.value)}` : ""}`).join("\n")}</pre>
        </details>
      ) : (
        <p>The two versions have the same content.</p>
      )}
    </section>
  );
}

export function SpecPage(props: {
  principal: Principal;
  waiting: number;
  spec: SpecSummary;
  versions: SpecVersionSummary[];
  environments: EnvironmentStatus[];
  deployments: DeploymentSummary[];
  diff?: SpecDiff & { from: number; to: number };
  diffError?: string;
  from?: number;
  to?: number;
  notice?: string;
}) {
  const { spec, versions } = props;
  const id = encodeURIComponent(spec.specId);
  const from = props.from ?? Math.max(1, spec.latestVersion - 1);
  const to = props.to ?? spec.latestVersion;
  return (
    <Layout title={spec.specId} principal={props.principal} waiting={props.waiting}>
      <h1>
        {spec.specId} <span class="muted">· {spec.name}</span>
      </h1>
      {props.notice ? (
        <p class="notice" role="status" data-testid="notice">
          {props.notice}
        </p>
      ) : null}
      <h2>Environments</h2>
      <div class="scroll">
        <table data-testid="environments">
          <thead>
            <tr>
              <th scope="col">Environment</th>
              <th scope="col">Current</th>
              <th scope="col">Previous</th>
              <th scope="col">Last deployment</th>
            </tr>
          </thead>
          <tbody>
            {props.environments.map((env) => (
              <tr>
                <th scope="row">{env.name}</th>
                <td class="num">{env.currentVersion ? `v${env.currentVersion}` : "—"}</td>
                <td class="num">{env.previousVersion ? `v${env.previousVersion}` : "—"}</td>
                <td>{env.lastDeploymentId ? <a href={`/ui/deployments/${encodeURIComponent(env.lastDeploymentId)}`}>{env.lastDeploymentId}</a> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Versions</h2>
      <div class="scroll">
        <table data-testid="versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">State</th>
              <th scope="col">Registered</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr data-version={String(v.version)}>
                <th scope="row">v{v.version}</th>
                <td>
                  <VersionState state={v.state} />
                </td>
                <td>
                  <Time at={v.createdAt} /> by {v.createdBy}
                </td>
                <td>
                  {allowedVersionActions(v.state, props.principal).map((action) => (
                    <>
                      <a href={`/ui/specs/${id}/versions/${v.version}/${action}`} data-action={action}>
                        {versionActionLabel[action]}
                      </a>{" "}
                    </>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Compare versions</h2>
      <form method="get" action={`/ui/specs/${id}`} class="row">
        <div>
          <label for="diff-from">From</label>
          <select id="diff-from" name="from">
            {versions.map((v) => (
              <option value={String(v.version)} selected={v.version === from}>
                v{v.version}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="diff-to">To</label>
          <select id="diff-to" name="to">
            {versions.map((v) => (
              <option value={String(v.version)} selected={v.version === to}>
                v{v.version}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">Show changes</button>
        </div>
      </form>
      {props.diffError ? (
        <p class="notice error" role="alert">
          {props.diffError}
        </p>
      ) : null}
      {props.diff ? <DiffView diff={props.diff} /> : null}

      <h2>Recent deployments</h2>
      {props.deployments.length ? (
        <ul data-testid="deployments">
          {props.deployments.map((d) => (
            <li>
              <a href={`/ui/deployments/${encodeURIComponent(d.id)}`}>
                v{d.version} → {d.environment}
              </a>{" "}
              <Status status={d.status} /> · {d.requestedBy} · <Time at={d.createdAt} />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">None yet.</p>
      )}
    </Layout>
  );
}

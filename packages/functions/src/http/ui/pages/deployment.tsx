/** @jsxImportSource hono/jsx */
import type { Principal } from "@rollgate/core/auth";
import type { DeploymentView, PlanStep } from "@rollgate/core/rollout";
import { TrafficChart } from "../chart.js";
import { Layout, Status, Time } from "../layout.js";
import type { DeploymentAction } from "../actions.js";

function describeStep(step: PlanStep): string {
  switch (step.kind) {
    case "prepare":
      return "prepare the candidate";
    case "health_check":
      return `health check (${step.retries} retries)`;
    case "validate":
      return `validation: ${step.check}`;
    case "approval":
      return `approval gate ${step.gate}${step.requiredRoles.length ? `: ${step.requiredRoles.join(", ")}` : ""}`;
    case "shift":
      return `shift ${step.weight}% of traffic to the candidate`;
    case "bake":
      return `bake ${step.seconds} s`;
    case "analysis":
      return `analysis over ${step.windowSeconds} s`;
    case "promote":
      return "promote: point the environment at the new version";
    case "finalize":
      return "finalize";
  }
}

/** Blue-green: the steps between the switch to 100% and promote are the post-switch verification window. */
function verificationWindow(view: DeploymentView): { from: number; to: number; endsAt?: string } | undefined {
  if (view.strategy !== "blue_green") return undefined;
  const steps = view.plan.steps;
  const switched = steps.findIndex((s) => s.kind === "shift" && s.weight === 100);
  const promote = steps.findIndex((s, i) => i > switched && (s.kind === "promote" || s.kind === "finalize"));
  if (switched < 0 || promote < 0 || promote === switched + 1) return undefined;
  const completed = view.timeline.find((e) => e.type === "deployment.step_completed" && (e.data as { step?: number }).step === switched);
  const seconds = view.plan.settings.rollbackThresholdSeconds?.value ?? 0;
  return { from: switched + 1, to: promote - 1, ...(completed ? { endsAt: new Date(Date.parse(completed.at) + seconds * 1000).toISOString() } : {}) };
}

const actionLabels: Record<DeploymentAction, { label: string; tone: string }> = {
  approve: { label: "Approve", tone: "primary" },
  reject: { label: "Reject", tone: "danger" },
  abort: { label: "Abort rollout", tone: "danger" },
  rollback: { label: "Roll back", tone: "danger" },
};

export function DeploymentPage(props: { view: DeploymentView; principal: Principal; actions: DeploymentAction[]; waiting: number; notice?: string; running: boolean }) {
  const { view } = props;
  // A rollout that stopped (aborted, rolled back) keeps its cursor: shown as where it stopped, not as current.
  const stoppedAt = props.running ? undefined : view.currentStep?.index;
  const current = props.running ? view.currentStep?.index : undefined;
  const window = verificationWindow(view);
  const inWindow = window && current !== undefined && current >= window.from && current <= window.to;
  const finishedAll = view.status === "succeeded";
  return (
    <Layout title={`${view.specId} v${view.version} → ${view.environment}`} principal={props.principal} waiting={props.waiting} refresh={props.running ? 2 : undefined}>
      <div id="live" data-refresh={props.running ? "2" : "0"}>
        <h1>
          Deployment: <a href={`/ui/specs/${encodeURIComponent(view.specId)}`}>{view.specId}</a> v{view.version} → {view.environment}
        </h1>
        {props.notice ? (
          <p class="notice" role="status" data-testid="notice">
            {props.notice}
          </p>
        ) : null}
        <p aria-live="polite">
          Status: <Status status={view.status} />
          {inWindow ? (
            <span data-testid="verifying">
              {" "}
              · <strong>verifying</strong> after the switch{window?.endsAt ? <> until <Time at={window.endsAt} /></> : null}
            </span>
          ) : null}
        </p>
        {props.actions.length ? (
          <div class="actions" data-testid="actions">
            {props.actions.map((action) => (
              <a id={`action-${action}`} class={`button ${actionLabels[action].tone}`} href={`/ui/deployments/${encodeURIComponent(view.id)}/${action}`}>
                {actionLabels[action].label}
              </a>
            ))}
          </div>
        ) : null}
        <dl class="facts">
          <dt>Id</dt>
          <dd>
            <code>{view.id}</code>
          </dd>
          <dt>Strategy</dt>
          <dd>
            {view.strategy}
            {view.purpose === "rollback" ? ` (rollback${view.rollbackOf ? ` of ${view.rollbackOf}` : ""})` : ""}
          </dd>
          <dt>Requested by</dt>
          <dd>
            {view.requestedBy}
            {view.reason ? `: ${view.reason}` : ""}
          </dd>
          <dt>Traffic</dt>
          <dd data-testid="weights">
            stable {view.trafficWeights.stable}% · candidate {view.trafficWeights.candidate}%
          </dd>
          <dt>Started</dt>
          <dd>
            <Time at={view.createdAt} />
          </dd>
          <dt>Finished</dt>
          <dd>
            <Time at={view.finishedAt} />
          </dd>
          {view.failure ? (
            <>
              <dt>Failure</dt>
              <dd>
                <code>{view.failure.code}</code>: {view.failure.message}
              </dd>
            </>
          ) : null}
          {view.stopRequest ? (
            <>
              <dt>Stop requested</dt>
              <dd>
                {view.stopRequest.outcome} by {view.stopRequest.by}
                {view.stopRequest.reason ? `: ${view.stopRequest.reason}` : ""} (<Time at={view.stopRequest.at} />)
              </dd>
            </>
          ) : null}
        </dl>

        <h2>Plan</h2>
        <ol class="steps" data-testid="steps">
          {view.plan.steps.map((step) => {
            const isCurrent = step.index === current;
            const reached = current ?? stoppedAt;
            const done = finishedAll || (reached !== undefined && step.index < reached);
            const stopped = step.index === stoppedAt;
            const verifying = window && step.index >= window.from && step.index <= window.to;
            return (
              <li
                class={[done ? "done" : "", verifying ? "verify" : ""].join(" ").trim() || undefined}
                aria-current={isCurrent ? "step" : undefined}
                data-step={String(step.index)}
                data-testid={isCurrent ? "current-step" : undefined}
              >
                <span aria-hidden="true">{isCurrent ? "▶ " : done ? "✓ " : stopped ? "✗ " : "· "}</span>
                {isCurrent ? <strong>current: </strong> : null}
                {stopped ? <strong>stopped here: </strong> : null}
                {done ? <span class="sr">done: </span> : null}
                {step.index + 1}. {describeStep(step)}
                {verifying ? <span class="muted"> (verification window)</span> : null}
              </li>
            );
          })}
        </ol>

        <h2>Traffic and error rate</h2>
        <TrafficChart view={view} />
        <p class="muted">
          Solid line, round markers: candidate weight (left axis). Dashed line, squares: error rate per analysis check (right axis; a cross marks a
          failed check). Dotted: the error-rate threshold.
        </p>
        <h2>Analysis</h2>
        {view.analysis.checks.length ? (
          <div class="scroll">
            <table data-testid="analysis">
              <caption class="sr">Analysis checks, failed {view.analysis.failedChecks} of a threshold of {view.analysis.threshold}</caption>
              <thead>
                <tr>
                  <th scope="col">At</th>
                  <th scope="col">Step</th>
                  <th scope="col">Weight</th>
                  <th scope="col">Error rate</th>
                  <th scope="col">p99</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {view.analysis.checks.map((check) => (
                  <tr>
                    <td>
                      <Time at={check.at} />
                    </td>
                    <td class="num">{check.step + 1}</td>
                    <td class="num">{check.weight}%</td>
                    <td class="num">{(check.errorRate * 100).toFixed(2)}%</td>
                    <td class="num">{check.latencyP99Ms} ms</td>
                    <td>{check.passed ? "✓ passed" : "✗ failed"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">No analysis checks yet.</p>
        )}

        <h2>Approvals</h2>
        {view.approvals.length ? (
          view.approvals.map((gate) => (
            <section aria-label={`Approval gate ${gate.gate}`} data-testid={`gate-${gate.gate}`}>
              <p>
                Gate {gate.gate}: <strong>{gate.status}</strong> · needs {gate.requiredRoles.length ? gate.requiredRoles.join(", ") : "one approver"}
                {gate.approvedRoles.length ? ` · approved: ${gate.approvedRoles.join(", ")}` : ""} · expires <Time at={gate.expiresAt} />
              </p>
              {gate.votes.length ? (
                <ul>
                  {gate.votes.map((vote) => (
                    <li data-testid="vote">
                      {vote.decision === "approve" ? "✓ approved" : "✗ rejected"} by <strong>{vote.subject}</strong>
                      {vote.role ? ` (${vote.role})` : ""} at <Time at={vote.at} /> via {vote.via}
                      {vote.comment ? `: “${vote.comment}”` : ""}
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="muted">No votes yet.</p>
              )}
            </section>
          ))
        ) : (
          <p class="muted">No approval gates in this plan.</p>
        )}

        <h2>Compensation log</h2>
        {view.compensationLog.length ? (
          <ul data-testid="compensations">
            {view.compensationLog.map((entry) => (
              <li>
                {entry.outcome === "completed" ? "✓" : "✗"} {entry.kind} (step {entry.step + 1}) {entry.outcome} at <Time at={entry.at} />
                {entry.error ? `: ${entry.error}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">Nothing compensated.</p>
        )}
        {view.pendingCompensations.length ? (
          <p>Registered, would run next: {view.pendingCompensations.map((c) => c.kind).join(", ")}</p>
        ) : null}

        <h2>Timeline</h2>
        <div class="scroll">
          <table data-testid="timeline">
            <thead>
              <tr>
                <th scope="col">At</th>
                <th scope="col">Event</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {view.timeline.map((event) => (
                <tr>
                  <td>
                    <Time at={event.at} />
                  </td>
                  <td>
                    <code>{event.type.replace(/^deployment\./, "")}</code>
                  </td>
                  <td>{event.actor ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </Layout>
  );
}

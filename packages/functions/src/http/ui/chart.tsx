/** @jsxImportSource hono/jsx */
import type { DeploymentView } from "@rollgate/core/rollout";

export interface ChartPoint {
  at: number;
  value: number;
  /** Analysis checks: whether the check passed. */
  passed?: boolean;
}

/**
 * The chart's two series from the deployment's own record: candidate traffic weight (from
 * the timeline: each completed shift step, and the weights compensations and the outcome
 * report) and the error rate of each analysis check.
 */
export function chartSeries(view: DeploymentView): { weight: ChartPoint[]; errorRate: ChartPoint[]; start: number; end: number } {
  const start = Date.parse(view.createdAt);
  const weight: ChartPoint[] = [{ at: start, value: 0 }];
  for (const event of view.timeline) {
    const at = Date.parse(event.at);
    const data = event.data as { step?: number; weights?: { candidate: number } };
    if (event.type === "deployment.step_completed") {
      const step = view.plan.steps[data.step ?? -1];
      if (step?.kind === "shift") weight.push({ at, value: step.weight });
    } else if (
      (event.type === "deployment.compensation_completed" || event.type === "deployment.rolled_back" || event.type === "deployment.aborted") &&
      data.weights
    ) {
      weight.push({ at, value: data.weights.candidate });
    }
  }
  const errorRate = view.analysis.checks.map((check) => ({ at: Date.parse(check.at), value: check.errorRate, passed: check.passed }));
  const last = Math.max(...weight.map((p) => p.at), ...errorRate.map((p) => p.at), Date.parse(view.finishedAt ?? view.updatedAt));
  return { weight, errorRate, start, end: Math.max(last, start + 1000) };
}

const W = 640;
const H = 220;
const PAD = { left: 46, right: 58, top: 14, bottom: 34 };
const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/**
 * Inline SVG (no script, no library): candidate weight as a solid stepped line with round
 * markers against the left axis, error rate as a dashed line with square markers (a cross
 * where a check failed) against the right one, and the threshold dotted. Shapes and the
 * legend carry the meaning; the colours only repeat it. The table below it has the numbers.
 */
export function TrafficChart(props: { view: DeploymentView }) {
  const { view } = props;
  const { weight, errorRate, start, end } = chartSeries(view);
  const threshold = view.plan.settings.errorRateThreshold.value;
  const maxRate = Math.max(threshold * 2, ...errorRate.map((p) => p.value), 0.0001);
  const x = (at: number) => PAD.left + ((at - start) / (end - start)) * (W - PAD.left - PAD.right);
  const yWeight = (v: number) => H - PAD.bottom - (v / 100) * (H - PAD.top - PAD.bottom);
  const yRate = (v: number) => H - PAD.bottom - (v / maxRate) * (H - PAD.top - PAD.bottom);
  const fmt = (n: number) => n.toFixed(1);

  // Weight holds until the next change: a stepped line, extended to the chart's end.
  const stepped: string[] = [];
  weight.forEach((p, i) => {
    if (i > 0) stepped.push(`${fmt(x(p.at))},${fmt(yWeight(weight[i - 1]!.value))}`);
    stepped.push(`${fmt(x(p.at))},${fmt(yWeight(p.value))}`);
  });
  stepped.push(`${fmt(x(end))},${fmt(yWeight(weight[weight.length - 1]!.value))}`);
  const ratePath = errorRate.map((p) => `${fmt(x(p.at))},${fmt(yRate(p.value))}`).join(" ");
  const summary = `Candidate traffic weight from 0% to ${weight[weight.length - 1]!.value}% over ${Math.round((end - start) / 1000)} s; ${errorRate.length} analysis checks${errorRate.length ? `, highest error rate ${(Math.max(...errorRate.map((p) => p.value)) * 100).toFixed(2)}%` : ""}; threshold ${(threshold * 100).toFixed(2)}%.`;

  return (
    <svg
      class="chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby="chart-title chart-desc"
      data-testid="chart"
      data-weight-points={String(weight.length)}
      data-error-points={String(errorRate.length)}
    >
      <title id="chart-title">Traffic weight and error rate over time</title>
      <desc id="chart-desc">{summary}</desc>
      <g stroke="#d0d7de" stroke-width="1">
        {[0, 25, 50, 75, 100].map((v) => (
          <line x1={PAD.left} x2={W - PAD.right} y1={yWeight(v)} y2={yWeight(v)} />
        ))}
      </g>
      <g font-size="11" fill="#57606a">
        {[0, 50, 100].map((v) => (
          <text x={PAD.left - 6} y={yWeight(v) + 4} text-anchor="end">{`${v}%`}</text>
        ))}
        {[0, maxRate / 2, maxRate].map((v) => (
          <text x={W - PAD.right + 6} y={yRate(v) + 4}>{`${(v * 100).toFixed(2)}%`}</text>
        ))}
        <text x={PAD.left} y={H - PAD.bottom + 16}>{clock(start)}</text>
        <text x={W - PAD.right} y={H - PAD.bottom + 16} text-anchor="end">{clock(end)}</text>
        <text x={PAD.left} y={H - 4}>weight (left)</text>
        <text x={W - PAD.right} y={H - 4} text-anchor="end">error rate (right)</text>
      </g>
      <line x1={PAD.left} x2={W - PAD.right} y1={yRate(threshold)} y2={yRate(threshold)} stroke="#cf222e" stroke-width="1" stroke-dasharray="1 3" />
      <polyline points={stepped.join(" ")} fill="none" stroke="#0550ae" stroke-width="2.5" data-series="weight" />
      {weight.map((p) => (
        <circle cx={fmt(x(p.at))} cy={fmt(yWeight(p.value))} r="3.5" fill="#0550ae" />
      ))}
      {errorRate.length > 1 ? <polyline points={ratePath} fill="none" stroke="#9a6700" stroke-width="2" stroke-dasharray="6 4" data-series="error-rate" /> : null}
      {errorRate.map((p) =>
        p.passed ? (
          <rect x={fmt(x(p.at) - 3.5)} y={fmt(yRate(p.value) - 3.5)} width="7" height="7" fill="#9a6700" />
        ) : (
          <path d={`M${fmt(x(p.at) - 4)},${fmt(yRate(p.value) - 4)}l8,8m0,-8l-8,8`} stroke="#cf222e" stroke-width="2.5" />
        ),
      )}
    </svg>
  );
}

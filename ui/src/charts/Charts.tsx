// Charts as inline SVG: no library, no network, no fonts beyond the system's. Pure
// functions of their data, so the same drawing can go into the printed report.

export type Datum = { label: string; value: number };

type BarProps = { title: string; data: readonly Datum[]; width?: number; barHeight?: number };

/**
 * Horizontal bars (ideas per agency, per bentuk): each label on its own line above its
 * bar, so long Indonesian names are never cut.
 */
export function BarChart({ title, data, width = 800, barHeight = 28 }: BarProps) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const labelLine = Math.round(barHeight * 1.05);
  const row = labelLine + barHeight + Math.round(barHeight * 0.45);
  const height = data.length * row;
  const plot = width - 90;
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} data-testid="bar-chart">
      <title>{title}</title>
      {data.map((d, i) => {
        const y = i * row;
        const w = Math.round((d.value / max) * plot);
        return (
          <g key={d.label} class="chart__row">
            <text x={0} y={y + labelLine * 0.8} class="chart__label">
              {d.label}
            </text>
            <rect x={0} y={y + labelLine} width={Math.max(w, d.value > 0 ? 3 : 0)} height={barHeight} rx={4} class="chart__bar" />
            <text x={w + 12} y={y + labelLine + barHeight * 0.78} class="chart__value">
              {d.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

type ColumnsProps = { title: string; data: readonly Datum[]; width?: number; height?: number };

/** Vertical bars, one per lab day. */
export function DayColumns({ title, data, width = 600, height = 320 }: ColumnsProps) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const slot = width / Math.max(1, data.length);
  const bar = slot * 0.6;
  const top = 44;
  const bottom = height - 44;
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} data-testid="day-chart">
      <title>{title}</title>
      <line x1={0} x2={width} y1={bottom} y2={bottom} class="chart__axis" />
      {data.map((d, i) => {
        const h = Math.round((d.value / max) * (bottom - top));
        const x = i * slot + (slot - bar) / 2;
        return (
          <g key={d.label}>
            <rect x={x} y={bottom - h} width={bar} height={h} rx={6} class="chart__bar" />
            <text x={x + bar / 2} y={bottom - h - 10} text-anchor="middle" class="chart__value">
              {d.value}
            </text>
            <text x={x + bar / 2} y={height - 12} text-anchor="middle" class="chart__label">
              {d.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

type CoverageProps = { title: string; covered: number; total: number; width?: number };

/** One bar split in two: agencies with an idea, and without. */
export function Coverage({ title, covered, total, width = 800 }: CoverageProps) {
  const height = 56;
  const w = total > 0 ? Math.round((covered / total) * width) : 0;
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} data-testid="coverage-chart">
      <title>{title}</title>
      <rect x={0} y={0} width={width} height={height} rx={10} class="chart__rest" />
      <rect x={0} y={0} width={w} height={height} rx={10} class="chart__bar" />
    </svg>
  );
}

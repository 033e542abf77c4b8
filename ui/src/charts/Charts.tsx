// Charts as inline SVG: no library, no network, no fonts beyond the system's. Each chart is
// a pure function of its data (no state, no effects, no animation), with its text in the
// drawing (labels and values, not only bar lengths), a <title> and a <desc> listing the
// figures for screen readers, and sizes in the viewBox's units, so the same drawing reads
// on the projector, in the main window and in a printed report. The markup stays plain
// (rect, line, text) so a report generator can redraw it the same way.

export type Datum = { label: string; value: number };

const SVG_NS = "http://www.w3.org/2000/svg";

/** Average advance of a bold system-font character, as a share of the font size. */
const CHAR_EM = 0.58;

/** "Hari 1: 17; Hari 2: 0": the figures a chart draws, for its <desc>. */
export function describe(data: readonly Datum[]): string {
  return data.map((d) => `${d.label}: ${d.value}`).join("; ");
}

/** `text` cut to about `width` units at `fontSize`, with an ellipsis when cut. */
export function fitText(text: string, width: number, fontSize: number): string {
  const max = Math.max(1, Math.floor(width / (fontSize * CHAR_EM)));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

const textWidth = (text: string, fontSize: number) => text.length * fontSize * CHAR_EM;

type BarProps = {
  title: string;
  data: readonly Datum[];
  width?: number;
  barHeight?: number;
  /** In viewBox units; by default about the bar's height. */
  fontSize?: number;
  /** Labels left of the bars, or on their own line above them (for long labels); by default whichever fits. */
  labels?: "left" | "above";
  /** The value of a full-length bar (a core chart's `max`); by default the largest value. */
  max?: number;
};

/** Horizontal bars with their labels and values (ideas per agency, per bentuk). */
export function BarChart({ title, data, width = 800, barHeight = 28, fontSize, labels, max: scale }: BarProps) {
  const fs = fontSize ?? Math.round(barHeight * 0.85);
  const longest = Math.max(0, ...data.map((d) => textWidth(d.label, fs)));
  const above = (labels ?? (longest > width * 0.4 ? "above" : "left")) === "above";
  const valueWidth = Math.max(...data.map((d) => textWidth(String(d.value), fs)), fs) + fs * 0.6;
  const labelWidth = above ? 0 : Math.min(width * 0.4, longest + fs * 0.5);
  const plot = Math.max(1, width - labelWidth - valueWidth);
  const gap = Math.round(barHeight * 0.35);
  const labelLine = above ? Math.round(fs * 1.25) : 0;
  const row = labelLine + barHeight + gap;
  const height = Math.max(row, data.length * row + gap);
  const max = scale ?? Math.max(1, ...data.map((d) => d.value));
  const baseline = (y: number) => y + barHeight / 2 + fs * 0.35;
  return (
    <svg xmlns={SVG_NS} class="chart chart--bars" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} data-testid="bar-chart">
      <title>{title}</title>
      <desc>{describe(data)}</desc>
      {data.map((d, i) => {
        const top = gap + i * row;
        const y = top + labelLine;
        const w = Math.round((Math.max(0, d.value) / max) * plot);
        return (
          <g key={`${i}-${d.label}`} class="chart__row">
            {above ? (
              <text x={0} y={top + fs} class="chart__label" font-size={fs}>
                {fitText(d.label, width, fs)}
              </text>
            ) : (
              <text x={labelWidth - fs * 0.4} y={baseline(y)} text-anchor="end" class="chart__label" font-size={fs}>
                {fitText(d.label, labelWidth - fs * 0.4, fs)}
              </text>
            )}
            <rect x={labelWidth} y={y} width={w} height={barHeight} rx={Math.min(4, barHeight / 4)} class="chart__bar" />
            <text x={labelWidth + w + fs * 0.3} y={baseline(y)} class="chart__value" font-size={fs}>
              {d.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

type ColumnsProps = { title: string; data: readonly Datum[]; width?: number; height?: number; fontSize?: number; max?: number };

/** Vertical bars, one per lab day, with the value above and the day under each. */
export function DayColumns({ title, data, width = 600, height = 320, fontSize = 24, max: scale }: ColumnsProps) {
  const fs = fontSize;
  const max = scale ?? Math.max(1, ...data.map((d) => d.value));
  const slot = width / Math.max(1, data.length);
  const bar = slot * 0.6;
  const top = Math.round(fs * 1.6);
  const bottom = height - Math.round(fs * 1.6);
  return (
    <svg xmlns={SVG_NS} class="chart chart--columns" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} data-testid="day-chart">
      <title>{title}</title>
      <desc>{describe(data)}</desc>
      <line x1={0} x2={width} y1={bottom} y2={bottom} class="chart__axis" />
      {data.map((d, i) => {
        const h = Math.round((Math.max(0, d.value) / max) * (bottom - top));
        const x = i * slot + (slot - bar) / 2;
        return (
          <g key={`${i}-${d.label}`} class="chart__row">
            <rect x={x} y={bottom - h} width={bar} height={h} rx={Math.min(6, h / 2)} class="chart__bar" />
            <text x={x + bar / 2} y={bottom - h - fs * 0.4} text-anchor="middle" class="chart__value" font-size={fs}>
              {d.value}
            </text>
            <text x={x + bar / 2} y={height - fs * 0.35} text-anchor="middle" class="chart__label" font-size={fs}>
              {fitText(d.label, slot, fs)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

type CoverageProps = {
  title: string;
  covered: number;
  total: number;
  width?: number;
  /** Texts written under the two parts, e.g. "35 sudah" and "2 belum"; none by default. */
  labels?: { covered: string; missing: string };
  fontSize?: number;
};

/** One bar split in two: agencies with an idea, and without (optionally labelled under). */
export function Coverage({ title, covered, total, width = 800, labels, fontSize = 24 }: CoverageProps) {
  const fs = fontSize;
  const bar = 56;
  const height = labels ? bar + Math.round(fs * 1.5) : bar;
  const share = total > 0 ? Math.min(1, Math.max(0, covered / total)) : 0;
  const w = Math.round(share * width);
  return (
    <svg xmlns={SVG_NS} class="chart chart--coverage" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} data-testid="coverage-chart">
      <title>{title}</title>
      <desc>{`${covered} / ${total}`}</desc>
      <rect x={0} y={0} width={width} height={bar} rx={10} class="chart__rest" />
      <rect x={0} y={0} width={w} height={bar} rx={10} class="chart__bar" />
      {labels && (
        <>
          <text x={0} y={height - fs * 0.3} class="chart__value" font-size={fs}>
            {labels.covered}
          </text>
          <text x={width} y={height - fs * 0.3} text-anchor="end" class="chart__label" font-size={fs}>
            {labels.missing}
          </text>
        </>
      )}
    </svg>
  );
}

// A small horizontal bar chart drawn as SVG (no charting library: nothing to load). It is a picture
// for sighted readers; the numbers are always in the table beside it, so the SVG is one image with
// a text alternative. Optional reference lines (e.g. 35 and 40 cases, a 50 % target).
export interface Bar {
  label: string;
  value: number | null;
  /** A second, thinner bar (e.g. the target share). */
  target?: number | null;
}

export function BarChart({
  bars,
  max,
  lines = [],
  title,
  format = (v) => String(v),
  testid,
}: {
  bars: Bar[];
  max?: number;
  lines?: { at: number; label: string }[];
  title: string;
  format?: (v: number) => string;
  testid?: string;
}) {
  const top = Math.max(max ?? 0, ...bars.map((b) => Math.max(b.value ?? 0, b.target ?? 0)), ...lines.map((l) => l.at), 1);
  const row = 28;
  const labelW = 120;
  const width = 560;
  const plot = width - labelW - 60;
  const height = bars.length * row + 24;
  const x = (v: number) => labelW + (v / top) * plot;
  return (
    <svg
      class="bar-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={title}
      data-testid={testid}
      preserveAspectRatio="xMinYMin meet"
    >
      {bars.map((b, i) => (
        <g key={i} transform={`translate(0 ${i * row + 4})`}>
          <text x={labelW - 6} y={16} text-anchor="end" class="bar-label">
            {b.label.length > 10 ? b.label.slice(0, 10) + '…' : b.label}
          </text>
          <rect x={labelW} y={4} width={Math.max(0, x(b.value ?? 0) - labelW)} height={14} class="bar" />
          {b.target != null && <rect x={labelW} y={19} width={Math.max(0, x(b.target) - labelW)} height={4} class="bar-target" />}
          <text x={x(b.value ?? 0) + 4} y={16} class="bar-value">
            {b.value == null ? '—' : format(b.value)}
          </text>
        </g>
      ))}
      {lines.map((l, i) => (
        <g key={'l' + i}>
          <line x1={x(l.at)} x2={x(l.at)} y1={0} y2={height - 16} class="bar-line" />
          <text x={x(l.at)} y={height - 4} text-anchor="middle" class="bar-line-label">
            {l.label}
          </text>
        </g>
      ))}
    </svg>
  );
}

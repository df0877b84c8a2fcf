/** A small line of recent values, for a trend at a glance (the number beside it is the reading). */
export function Sparkline(props: {
  values: readonly number[];
  label: string;
  width?: number;
  height?: number;
}) {
  const { values, width = 200, height = 36 } = props;
  const finite = values.map((v) => (Number.isFinite(v) ? v : 0));
  const max = Math.max(1, ...finite);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = finite.map(
    (v, i) => `${(i * step).toFixed(1)},${(height - (v / max) * (height - 2) - 1).toFixed(1)}`,
  );
  return (
    <svg width={width} height={height} role="img" aria-label={props.label} viewBox={`0 0 ${width} ${height}`}>
      <polyline points={points.join(' ')} fill="none" stroke="currentColor" strokeWidth={1.5} />
    </svg>
  );
}

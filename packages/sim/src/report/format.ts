/** A whole number with thousands separators: 24,000. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Milliseconds as a person reads a latency: 0.42 ms, 18 ms, 1.2 s. */
export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${trim(ms / 1000, 0)} s`;
  if (ms >= 1000) return `${trim(ms / 1000, 2)} s`;
  if (ms >= 100) return `${trim(ms, 0)} ms`;
  if (ms >= 1) return `${trim(ms, 1)} ms`;
  return `${trim(ms, 2)} ms`;
}

/** A simulated time from the start of the run: 45 s, 2m 05s, 1h 02m. */
export function formatTime(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** A percentage with as many decimals as it needs to be told apart from its neighbours: 99.95 %. */
export function formatPercent(percent: number): string {
  if (percent === 100 || percent === 0) return `${percent}%`;
  if (percent > 99.99 || percent < 0.01) return `${trim(percent, 4)}%`;
  if (percent > 99 || percent < 1) return `${trim(percent, 2)}%`;
  return `${trim(percent, 1)}%`;
}

/** Percentage points, as precise as a small difference needs: 18.6 pts, 0.004 pts. */
export function formatPoints(points: number): string {
  const size = Math.abs(points);
  return `${trim(points, size === 0 || size >= 10 ? 1 : size >= 0.01 ? 2 : 4)} pts`;
}

/** A signed difference: +1.2, −3, 0. */
export function formatSigned(value: number, format: (value: number) => string = String): string {
  if (value === 0) return format(0);
  return value > 0 ? `+${format(value)}` : `−${format(-value)}`;
}

function trim(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}

/** A duration in the design file and in options: milliseconds, or a string with a unit ("250ms", "2s", "1m"). */
export type Duration = number | string;

const UNIT_MS: Record<string, number> = {
  us: 0.001,
  µs: 0.001,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const DURATION_PATTERN = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(us|µs|ms|s|m|h)\s*$/;

/**
 * Reads a duration as milliseconds, or returns undefined when `value` is not a duration.
 * Numbers are milliseconds; strings need a unit so that "5" is never silently 5 ms or 5 s.
 */
export function toMilliseconds(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = DURATION_PATTERN.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

/** Formats milliseconds the way a person would write them in a design file. */
export function formatDuration(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** A stored time (ms since the epoch) as the API shows it: ISO 8601. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Like {@link isoTime}, for times that may not have happened yet. */
export function isoTimeOrNull(ms: number | null): string | null {
  return ms === null ? null : isoTime(ms);
}

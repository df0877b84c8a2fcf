/**
 * What a breaker remembers about recent calls. Every window keeps three running totals that the
 * kernel reads after each recorded call, and serializes to plain data, so its state can be saved,
 * restored and shared (cockatiel's `state` idea, with the totals made explicit).
 */
export interface CircuitWindow {
  readonly type: CircuitWindowConfig['type'];
  /** Calls counted: in the window (count, time), or in the current run of bad calls (consecutive). */
  readonly calls: number;
  /** Failed calls among `calls`. */
  readonly failures: number;
  /** Slow calls among `calls` (a call can be both failed and slow). */
  readonly slowCalls: number;
  /** Counts one finished call; O(1) (amortized for the time window). */
  record(failed: boolean, slow: boolean, now: number): void;
  /** Forgets calls that aged out by `now` (time window only; a no-op for the others). */
  expire(now: number): void;
  /** Forgets every call. */
  clear(): void;
  /** Plain data that `hydrate` of the same kind of window restores. */
  toJSON(now: number): CircuitWindowSnapshot;
  /** Restores what `toJSON` saved; a snapshot of another kind of window is ignored (the window stays empty). */
  hydrate(snapshot: CircuitWindowSnapshot, now: number): void;
}

/** A window as written in options and in the design file. */
export type CircuitWindowConfig =
  | { type: 'consecutive'; failures: number }
  | { type: 'count'; size: number }
  | { type: 'time'; size: number | string; buckets?: number };

/** A window config after validation: durations in milliseconds, defaults filled in. */
export type ResolvedCircuitWindow =
  | { type: 'consecutive'; failures: number }
  | { type: 'count'; size: number }
  | { type: 'time'; size: number; buckets: number };

/** A window's state as plain JSON data. */
export type CircuitWindowSnapshot =
  | { type: 'consecutive'; failures: number; slowCalls: number; calls: number }
  /** Outcomes oldest first: bit 1 = failed, bit 2 = slow. */
  | { type: 'count'; outcomes: number[] }
  /** Totals per bucket, the current bucket first, then older ones. */
  | { type: 'time'; bucketMs: number; buckets: { calls: number; failures: number; slowCalls: number }[] };

/** Outcome bits of the count window's ring buffer and snapshot. */
export const FAILED = 1;
export const SLOW = 2;

/** Event names of the concurrency limit, as they appear in the catch-all `onEvent` channel. */
export const CONCURRENCY_LIMIT_EVENTS = {
  limitChanged: 'limitChanged',
  rejected: 'rejected',
} as const;

/** The limit moved at the end of a sample window. */
export interface ConcurrencyLimitChangedEvent {
  readonly previous: number;
  readonly limit: number;
  /** The window's average latency, in ms. */
  readonly rttMs: number;
  /** The most calls in flight during the window. */
  readonly inflight: number;
  /** Whether the window saw a drop. */
  readonly dropped: boolean;
}

/** A call was refused at the limit; it rejected with ConcurrencyLimitedError. */
export interface ConcurrencyLimitRejectedEvent {
  readonly limit: number;
  readonly inflight: number;
  /** The attempt number the call ran with (from an outer retry or hedge; 1 otherwise). */
  readonly attempt: number;
}

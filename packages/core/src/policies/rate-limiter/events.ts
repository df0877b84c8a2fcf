/** Event names of the rate limiter, as they appear in the catch-all `onEvent` channel. */
export const RATE_LIMITER_EVENTS = {
  rejected: 'rejected',
} as const;

/** The rate limiter refused a call; it rejected with RateLimitedError. */
export interface RateLimiterRejectedEvent {
  /** How long until a permit would have been the call's, in ms. */
  readonly retryAfterMs: number;
  /** Calls waiting for a permit when it was refused (wait mode). */
  readonly waiting: number;
  /** The attempt number the call ran with (from an outer retry or hedge; 1 otherwise). */
  readonly attempt: number;
}

import type { Outcome } from '../../policy/outcome.js';

/** Event names of the retry policy, as they appear in the catch-all `onEvent` channel. */
export const RETRY_EVENTS = {
  retry: 'retry',
  giveUp: 'giveUp',
  success: 'success',
} as const;

/** A failed attempt will be retried after `delay` ms. */
export interface RetryEvent {
  /** The attempt that failed (1 for the first); the next attempt is `attempt + 1`. */
  readonly attempt: number;
  /** How long the policy waits before the next attempt, in ms. */
  readonly delay: number;
  /** How the failed attempt ended: a handled error, or a handled result. */
  readonly outcome: Outcome;
}

/**
 * Why a retry stopped with a handled failure:
 * - `attemptsExhausted`: maxAttempts were made;
 * - `budgetExhausted`: the retry budget was spent;
 * - `aborted`: the caller's signal aborted (the call rejects with the signal's reason).
 */
export type RetryGiveUpReason = 'attemptsExhausted' | 'budgetExhausted' | 'aborted';

/** The policy stopped retrying and passes the last outcome on to the caller. */
export interface RetryGiveUpEvent {
  /** Attempts made, including the first. */
  readonly attempts: number;
  readonly reason: RetryGiveUpReason;
  /** The last attempt's outcome: the error the call rejects with, or the result it resolves with. */
  readonly outcome: Outcome;
}

/** A call succeeded (with a result this policy does not retry). */
export interface RetrySuccessEvent {
  /** Attempts made, including the first: 1 when no retry was needed. */
  readonly attempts: number;
}

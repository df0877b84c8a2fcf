/**
 * The breaker's states. `closed`, `open` and `halfOpen` are the automatic ones; `isolated`
 * (opened by hand) and `disabled` (passes every call, records nothing) are held by hand until
 * released.
 */
export type CircuitState = 'closed' | 'open' | 'halfOpen' | 'isolated' | 'disabled';

/** Every state, in the order a dashboard would list them. */
export const CIRCUIT_STATES: readonly CircuitState[] = ['closed', 'open', 'halfOpen', 'isolated', 'disabled'];

/** Why the breaker changed state. */
export type TransitionReason =
  /** closed → open: the failure rate reached failureRateThreshold. */
  | 'failureRate'
  /** closed → open: the slow call rate reached slowCallRateThreshold. */
  | 'slowCallRate'
  /** closed → open: `window.failures` calls in a row failed (consecutive window). */
  | 'consecutiveFailures'
  /** closed → open: `window.failures` calls in a row were slow (consecutive window). */
  | 'consecutiveSlowCalls'
  /** open → halfOpen: openFor elapsed and a call arrived. */
  | 'openForElapsed'
  /** halfOpen → open: a probe failed or was slow. */
  | 'probeFailed'
  /** halfOpen → closed: every probe succeeded. */
  | 'probesSucceeded'
  /** → isolated: `isolate()`, or a snapshot saying so. */
  | 'isolated'
  /** isolated → closed: the last isolation was released. */
  | 'released'
  /** → disabled: `disable()`, or a snapshot saying so. */
  | 'disabled'
  /** disabled → closed: the last disable was released. */
  | 'enabled'
  /** → closed by `reset()`. */
  | 'reset'
  /** → any: `hydrate(snapshot)`, or a snapshot from the state store. */
  | 'hydrated';

/** One state change, as the kernel reports it to its driver (and the driver to listeners). */
export interface CircuitTransition {
  readonly from: CircuitState;
  readonly to: CircuitState;
  readonly reason: TransitionReason;
  /** `clock.now()` at the change. */
  readonly time: number;
  /** Percent of failed calls in the window when the breaker opened from closed; else 0. */
  readonly failureRate: number;
  /** Percent of slow calls in the window when the breaker opened from closed; else 0. */
  readonly slowCallRate: number;
  /** Calls in the window when the breaker opened from closed; else 0. */
  readonly calls: number;
  /** How long the breaker stays open (to = open); else 0. */
  readonly openForMs: number;
}

/**
 * What `tryAcquire()` returns when it refuses a call: negative numbers, so a permit (≥ 0) and a
 * refusal fit in one number and nothing is allocated.
 */
export const CircuitRefusal = {
  /** The breaker is open. */
  open: -1,
  /** The breaker is half-open and every probe slot is taken. */
  halfOpenFull: -2,
  /** The breaker was isolated by hand. */
  isolated: -3,
} as const;

export type CircuitRefusalCode = (typeof CircuitRefusal)[keyof typeof CircuitRefusal];

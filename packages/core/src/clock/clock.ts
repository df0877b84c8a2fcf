/** An opaque handle for a timer scheduled on a {@link Clock}. */
export type TimerHandle = unknown;

/**
 * Where policies read the time and schedule work. Every policy takes one, so tests and the
 * simulator can run policies on virtual time without sleeping.
 *
 * `now()` is in milliseconds and must never go backwards; its origin is arbitrary.
 */
export interface Clock {
  now(): number;
  /** Runs `callback` after `ms` milliseconds. A system clock's timers never hold the process open. */
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

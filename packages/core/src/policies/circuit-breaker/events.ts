import type { EventSeverity } from '../../events/index.js';
import type { CircuitState, CircuitTransition } from './state.js';

/** Names of the circuit breaker's events, as they appear in `type` on the catch-all channel. */
export const CIRCUIT_BREAKER_EVENTS = {
  /** Any state change. */
  stateChange: 'stateChange',
  /** The breaker opened (from closed or half-open) or was isolated. */
  break: 'break',
  /** The breaker closed. */
  reset: 'reset',
  /** The breaker went half-open and will admit probes. */
  halfOpen: 'halfOpen',
  /** A call was refused without being attempted (resilience4j's callNotPermitted). */
  rejected: 'rejected',
  /** A call finished and counted as a success. */
  success: 'success',
  /** A call finished and counted as a failure (an error handled, or a result handleResult flags). */
  failure: 'failure',
  /** A call finished and counted as neither (an error not handled, or the caller gave up). */
  ignored: 'ignored',
  /** The state store failed to load or save; the breaker goes on with its local state. */
  storeError: 'storeError',
} as const;

/** How much monitoring should care about each event (Polly's severities for the breaker). */
export const CIRCUIT_BREAKER_SEVERITY: Readonly<Record<keyof typeof CIRCUIT_BREAKER_EVENTS, EventSeverity>> =
  {
    stateChange: 'info',
    break: 'error',
    reset: 'info',
    halfOpen: 'warning',
    rejected: 'warning',
    success: 'debug',
    failure: 'warning',
    ignored: 'debug',
    storeError: 'error',
  };

/** Any state change: from, to, why, and (on opening) the rates that caused it. */
export type CircuitStateChangeEvent = CircuitTransition;
/** The breaker opened or was isolated; `failureRate`/`slowCallRate`/`calls` say what tripped it. */
export type CircuitBreakEvent = CircuitTransition;
/** The breaker closed. */
export type CircuitResetEvent = CircuitTransition;
/** The breaker went half-open. */
export type CircuitHalfOpenEvent = CircuitTransition;

/** A call refused without being attempted. */
export interface CircuitRejectedEvent {
  readonly state: CircuitState;
  /** How long until a probe may be admitted: Infinity when isolated, undefined when half-open and full. */
  readonly retryAfterMs: number | undefined;
}

/** A call that counted as a success. */
export interface CircuitSuccessEvent {
  readonly durationMs: number;
  /** Whether it took longer than slowCallThreshold. */
  readonly slow: boolean;
}

/** A call that counted as a failure: with the error, or with the result handleResult flagged. */
export interface CircuitFailureEvent {
  readonly durationMs: number;
  readonly slow: boolean;
  readonly error: unknown;
  readonly result: unknown;
}

/** A call that counted as neither success nor failure, and why. */
export interface CircuitIgnoredEvent {
  readonly durationMs: number;
  readonly error: unknown;
  /** `notHandled`: `handle` did not accept the error; `aborted`: the caller's signal aborted first. */
  readonly reason: 'notHandled' | 'aborted';
}

/** The state store failed; the breaker keeps working on its local state. */
export interface CircuitStoreErrorEvent {
  readonly operation: 'load' | 'save' | 'hydrate';
  readonly error: unknown;
}

// Public exports of the circuit breaker.
export { circuitBreaker, CircuitBreakerPolicy } from './circuit-breaker.js';
export { CircuitBreakerKernel } from './kernel.js';
export type { CircuitBreakerKernelHooks, CircuitBreakerStats } from './kernel.js';
export type { CircuitBreakerThresholds } from './trip.js';
export {
  resolveCircuitBreakerOptions,
  DEFAULT_BREAKER_WINDOW,
  DEFAULT_FAILURE_RATE_THRESHOLD,
  DEFAULT_SLOW_CALL_RATE_THRESHOLD,
  DEFAULT_MINIMUM_CALLS,
  DEFAULT_OPEN_FOR_MS,
  DEFAULT_HALF_OPEN_CALLS,
} from './options.js';
export type { CircuitBreakerOptions, ResolvedCircuitBreakerOptions } from './options.js';
export { CIRCUIT_BREAKER_EVENTS, CIRCUIT_BREAKER_SEVERITY } from './events.js';
export type {
  CircuitStateChangeEvent,
  CircuitBreakEvent,
  CircuitResetEvent,
  CircuitHalfOpenEvent,
  CircuitRejectedEvent,
  CircuitSuccessEvent,
  CircuitFailureEvent,
  CircuitIgnoredEvent,
  CircuitStoreErrorEvent,
} from './events.js';
export { CircuitRefusal, CIRCUIT_STATES } from './state.js';
export type { CircuitState, CircuitTransition, TransitionReason, CircuitRefusalCode } from './state.js';
export type { CircuitBreakerSnapshot } from './snapshot.js';
export { readSnapshot } from './snapshot.js';
export { InMemoryCircuitStateStore } from './store.js';
export type { CircuitStateStore, StoredSnapshotArgs } from './store.js';
export { eventLoopLoad } from './adaptive.js';
export type { CircuitAdaptiveOptions, LoadSignal } from './adaptive.js';
export type { CircuitWindow, CircuitWindowConfig, CircuitWindowSnapshot } from './windows/window.js';

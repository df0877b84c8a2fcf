import type { Outcome } from '../../policy/outcome.js';

/** Event names of the fallback policy, as they appear in the catch-all `onEvent` channel. */
export const FALLBACK_EVENTS = {
  fallback: 'fallback',
} as const;

/** A call failed and the fallback answered for it: its result is degraded. */
export interface FallbackEvent {
  /** How the call failed: the handled error, or the handled result that was replaced. */
  readonly outcome: Outcome;
}

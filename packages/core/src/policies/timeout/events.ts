import type { TimeoutStrategy } from './options.js';

/** Event names of the timeout policy, as they appear in the catch-all `onEvent` channel. */
export const TIMEOUT_EVENTS = {
  timeout: 'timeout',
} as const;

/** A call reached its deadline: its signal aborted (and, if aggressive, the caller was answered). */
export interface TimeoutEvent {
  /** The policy's duration, in ms: how long the call had. */
  readonly duration: number;
  readonly strategy: TimeoutStrategy;
  /** The attempt number the call ran with (from the outer retry or hedge; 1 otherwise). */
  readonly attempt: number;
}

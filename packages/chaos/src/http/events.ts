import type { HttpAbort } from './rules.js';

/** A rule chose a request (emitted when it is chosen, before any delay). */
export interface HttpFaultEvent {
  /** The index of the rule, and its name if it has one. */
  readonly rule: number;
  readonly name: string | undefined;
  readonly method: string;
  readonly path: string;
  /** Milliseconds the request is held; 0 for none. */
  readonly delay: number;
  /** The status it is aborted with, `'reset'`, or undefined when it goes on after the delay. */
  readonly status: HttpAbort['status'] | undefined;
}

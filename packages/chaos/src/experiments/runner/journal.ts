import type { Activity, Experiment } from '../format/schema.js';

/** How a run ended (Chaos Toolkit's words). */
export type RunStatus = 'completed' | 'failed' | 'aborted' | 'interrupted';

/** One probe or action as it ran. Times are ISO 8601; durations in seconds, as in Chaos Toolkit. */
export interface ActivityRun {
  readonly activity: Activity;
  readonly status: 'succeeded' | 'failed';
  readonly start: string;
  readonly end: string;
  readonly duration: number;
  readonly output?: unknown;
  /** Why it failed: the error's message. */
  readonly exception?: string;
  /** For probes with a tolerance: whether it was met. */
  readonly tolerance_met?: boolean;
  /** Why the tolerance was not met. */
  readonly tolerance_reason?: string;
}

/** A steady-state hypothesis as it was checked. */
export interface SteadyStateRun {
  readonly steady_state_met: boolean;
  readonly probes: readonly ActivityRun[];
}

/** The record of one run: written as JSON by `faultline experiment run --journal`. */
export interface Journal {
  readonly faultline: string;
  readonly experiment: Experiment;
  readonly run_id: string;
  readonly start: string;
  readonly end: string;
  readonly duration: number;
  readonly status: RunStatus;
  /** Whether the steady state failed after the method (the system did not hold up). */
  readonly deviated: boolean;
  /** Why the run did not complete, in words. */
  readonly reason?: string;
  readonly steady_states: {
    readonly before: SteadyStateRun | null;
    readonly after: SteadyStateRun | null;
    /** Stop-condition checks that failed (the first one aborts the run). */
    readonly during: readonly ActivityRun[];
  };
  readonly run: readonly ActivityRun[];
  readonly rollbacks: readonly ActivityRun[];
  /** Toxics the runner removed at the end because they were still injected (whatever the strategy). */
  readonly cleanup: { readonly removed: readonly string[]; readonly errors: readonly string[] };
}

/** The version written into journals. */
export const JOURNAL_PRODUCER_VERSION = '0.1.0';

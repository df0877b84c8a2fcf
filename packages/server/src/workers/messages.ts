import type { DesignDocument } from '@faultline/store';

/** What a run worker is asked to do: simulate one design version. */
export interface RunJob {
  readonly runId: string;
  /** The design document as stored; the worker validates and resolves it. */
  readonly document: DesignDocument;
  /** The run's seed; the design's when absent. */
  readonly seed?: number;
  /** Simulated time, ms; the design's duration when absent. */
  readonly durationMs?: number;
  /** Also run the design without its resilience patterns, and report what each one buys. */
  readonly compare: boolean;
}

/** How far a run has got. */
export interface RunProgress {
  /** 0 to 1 over the whole job (every comparison run included). */
  readonly progress: number;
  readonly simulatedMs: number;
  readonly totalMs: number;
  readonly events: number;
  /** With compare: which variant is running (`baseline`, `no resilience`, `without retry`, …). */
  readonly variant?: string;
}

/** What a run worker reports, in order: progress and timeline any number of times, then one end. */
export type RunWorkerMessage =
  | ({ readonly type: 'progress' } & RunProgress)
  | { readonly type: 'timeline'; readonly buckets: readonly unknown[] }
  | { readonly type: 'result'; readonly result: Record<string, unknown> }
  | { readonly type: 'failed'; readonly message: string };

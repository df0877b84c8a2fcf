import type { RunParams } from '../run-queue.js';
import type { RunProgress } from '../../workers/messages.js';

/** A run job in Redis: ids only; the worker reads the design from the shared store. */
export interface RunJobData {
  readonly runId: string;
  readonly designId: string;
  readonly version: number;
  readonly params: RunParams;
}

/** What a worker publishes with `job.updateProgress`, for the servers following the run. */
export type RunJobProgress =
  | ({ readonly type: 'progress' } & RunProgress)
  | { readonly type: 'timeline'; readonly buckets: readonly unknown[] };

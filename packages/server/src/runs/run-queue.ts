import type { DesignDocument } from '@faultline/store';
import type { RunProgress } from '../workers/messages.js';

/** What a run is asked to do, as stored in the run's `params`. */
export interface RunParams {
  /** The run's seed; the design's when absent. */
  readonly seed?: number;
  /** Simulated time, ms; the design's duration when absent. */
  readonly durationMs?: number;
  /** Also run the design without its resilience patterns. */
  readonly compare: boolean;
}

/** A job on the run queue: one run of one design version. */
export interface RunQueueJob {
  readonly runId: string;
  readonly designId: string;
  readonly version: number;
  readonly params: RunParams;
  /**
   * The design document, when the caller has it at hand: a backend in the same process uses it
   * and saves a read; one whose workers are elsewhere leaves it out and they read the store.
   */
  readonly document?: DesignDocument;
}

/** How a run ended, as its queue tells it. */
export type RunOutcome =
  | { readonly type: 'result'; readonly result: Record<string, unknown> }
  | { readonly type: 'failed'; readonly message: string }
  /** The worker wrote the run's end to the store itself: read it there. */
  | { readonly type: 'recorded' };

/** What a queue tells about its jobs: started, progress and timeline any number of times, then one finished. */
export type RunQueueEvent =
  | { readonly type: 'started'; readonly runId: string }
  | { readonly type: 'progress'; readonly runId: string; readonly progress: RunProgress }
  | { readonly type: 'timeline'; readonly runId: string; readonly buckets: readonly unknown[] }
  | { readonly type: 'finished'; readonly runId: string; readonly outcome: RunOutcome };

/** How busy a queue is, as far as this process can see. */
export interface RunQueueStats {
  /** Workers in this process (0 when they run elsewhere). */
  readonly size: number;
  /** Jobs of this process being run. */
  readonly busy: number;
  /** Jobs of this process waiting for a worker. */
  readonly queued: number;
}

/**
 * Where runs go to be executed: the worker_threads pool of the server (the default) or BullMQ on
 * Redis with `faultline worker` processes. The run service, routes and streams depend only on this.
 */
export interface RunQueue {
  /**
   * Who writes a run's life (running, progress, its end) to the store: `server` for a queue
   * whose workers live in the server, `workers` for one whose workers write it themselves. A
   * `workers` queue is durable too: its jobs outlive the server that queued them.
   */
  readonly recordedBy: 'server' | 'workers';
  /** Queues a job; a free worker takes it as soon as it can. */
  enqueue(job: RunQueueJob): Promise<void>;
  /**
   * Cancels a job: drops it while it waits; a running one is stopped (terminated here, or by its
   * worker when it sees the run cancelled in the store). Whether the queue had it.
   */
  cancel(runId: string): Promise<boolean>;
  /** Follows every job's events; returns the unsubscribe. */
  subscribe(listener: (event: RunQueueEvent) => void): () => void;
  stats(): RunQueueStats;
  /** Stops taking jobs and lets go of its workers or connections. */
  close(): Promise<void>;
}

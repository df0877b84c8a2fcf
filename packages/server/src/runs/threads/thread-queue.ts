import type { Store } from '@faultline/store';
import type { RunQueue, RunQueueEvent, RunQueueJob, RunQueueStats } from '../run-queue.js';
import { WorkerPool, type WorkerPoolOptions } from './worker-pool.js';

export interface ThreadQueueOptions extends WorkerPoolOptions {
  /** Where a job without its document reads it. */
  readonly store: Store;
}

/**
 * The default run queue: a worker_threads pool in the server process (see WorkerPool). The
 * server records the runs' life from its events.
 */
export class ThreadQueue implements RunQueue {
  readonly recordedBy = 'server';
  private readonly pool: WorkerPool;
  private readonly listeners = new Set<(event: RunQueueEvent) => void>();

  constructor(private readonly options: ThreadQueueOptions) {
    this.pool = new WorkerPool(options);
  }

  /** Submits at once when the job carries its document, so a cancel right after finds it queued. */
  async enqueue(job: RunQueueJob): Promise<void> {
    const document =
      job.document ?? (await this.options.store.designs.get(job.designId, { version: job.version })).document;
    const { runId } = job;
    this.pool.submit(
      { runId, document, ...job.params },
      {
        started: () => this.emit({ type: 'started', runId }),
        message: (message) => {
          if (message.type === 'progress') {
            const { type: _type, ...progress } = message;
            this.emit({ type: 'progress', runId, progress });
          } else if (message.type === 'timeline')
            this.emit({ type: 'timeline', runId, buckets: message.buckets });
          else this.emit({ type: 'finished', runId, outcome: message });
        },
      },
    );
  }

  async cancel(runId: string): Promise<boolean> {
    return this.pool.cancel(runId);
  }

  subscribe(listener: (event: RunQueueEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stats(): RunQueueStats {
    return this.pool.stats();
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private emit(event: RunQueueEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

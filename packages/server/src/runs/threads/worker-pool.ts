import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../../workers/spawn.js';
import type { RunJob, RunWorkerMessage } from '../../workers/messages.js';

/** Where a submitted job's news goes. */
export interface JobListener {
  /** A worker took the job. */
  started(): void;
  /** Progress, timeline, then exactly one result or failed (a crash of the worker is a failed). */
  message(message: RunWorkerMessage): void;
}

/** How busy the pool is. */
export interface PoolStats {
  readonly size: number;
  readonly busy: number;
  readonly queued: number;
}

export interface WorkerPoolOptions {
  /** Workers at most; they start when first needed and stay. */
  readonly size: number;
  /** Makes a worker; the default starts the run worker with a heap limit. */
  readonly createWorker?: () => Worker;
  /** Called whenever the stats change (for metrics). */
  readonly onStats?: (stats: PoolStats) => void;
}

interface Task {
  readonly job: RunJob;
  readonly listener: JobListener;
}

interface Slot {
  readonly worker: Worker;
  task: Task | undefined;
}

/** A run heap of 2 GiB: a design too big for it fails its run instead of taking the server down. */
const RUN_HEAP_MB = 2048;

/**
 * A fixed-size pool of worker threads that run simulation jobs one at a time each, first come
 * first served; the rest wait in its queue. Runs never execute on the request thread. A running
 * job is cancelled by terminating its worker (a simulation is one synchronous loop that would not
 * see a message until it ends); a new worker takes its place when the next job comes.
 */
export class WorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Task[] = [];
  private readonly createWorker: () => Worker;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    this.createWorker =
      options.createWorker ??
      (() => spawnWorker('run-worker', { resourceLimits: { maxOldGenerationSizeMb: RUN_HEAP_MB } }));
  }

  /** Queues a job; a free worker takes it at once. */
  submit(job: RunJob, listener: JobListener): void {
    if (this.closed) throw new Error('The worker pool is closed');
    this.queue.push({ job, listener });
    this.dispatch();
  }

  /** Cancels a job: drops it from the queue, or terminates the worker running it. Whether it was found. */
  cancel(runId: string): boolean {
    const index = this.queue.findIndex((task) => task.job.runId === runId);
    if (index >= 0) {
      this.queue.splice(index, 1);
      this.report();
      return true;
    }
    for (const slot of this.slots) {
      if (slot.task?.job.runId !== runId) continue;
      slot.task = undefined;
      this.retire(slot);
      this.dispatch();
      return true;
    }
    return false;
  }

  stats(): PoolStats {
    let busy = 0;
    for (const slot of this.slots) if (slot.task) busy += 1;
    return { size: this.options.size, busy, queued: this.queue.length };
  }

  /** Terminates every worker and drops the queue; jobs in it get no further news. */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    const slots = [...this.slots];
    this.slots.clear();
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
    this.report();
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      const slot = this.idleSlot();
      if (!slot) break;
      const task = this.queue.shift()!;
      slot.task = task;
      task.listener.started();
      slot.worker.postMessage(task.job);
    }
    this.report();
  }

  private idleSlot(): Slot | undefined {
    for (const slot of this.slots) if (!slot.task) return slot;
    if (this.slots.size >= this.options.size) return undefined;
    const slot: Slot = { worker: this.createWorker(), task: undefined };
    slot.worker.on('message', (message: RunWorkerMessage) => {
      const task = slot.task;
      if (!task) return;
      const final = message.type === 'result' || message.type === 'failed';
      if (final) slot.task = undefined;
      task.listener.message(message);
      if (final) this.dispatch();
    });
    // A worker that dies (out of memory, a crash) fails its job; the next job gets a new worker.
    const died = (reason: string): void => {
      if (!this.slots.has(slot)) return;
      const task = slot.task;
      slot.task = undefined;
      this.slots.delete(slot);
      task?.listener.message({ type: 'failed', message: `The run worker stopped: ${reason}` });
      this.dispatch();
    };
    slot.worker.on('error', (error) => died(error.message));
    slot.worker.on('exit', (code) => died(`it exited with code ${code}`));
    this.slots.add(slot);
    return slot;
  }

  private retire(slot: Slot): void {
    this.slots.delete(slot);
    void slot.worker.terminate();
  }

  private report(): void {
    this.options.onStats?.(this.stats());
  }
}

import { Queue, QueueEvents } from 'bullmq';
import type { RunQueue, RunQueueEvent, RunQueueJob, RunQueueStats } from '../run-queue.js';
import {
  connectionOf,
  DEFAULT_QUEUE_NAME,
  probeRedis,
  redisErrorLogger,
  type RedisQueueAddress,
} from './connection.js';
import type { RunJobData, RunJobProgress } from './job-data.js';

/** States in which a job has not been taken by a worker yet, so removing it cancels it. */
const WAITING = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

/**
 * The run queue at scale: jobs go to BullMQ on Redis and `faultline worker` processes (on any
 * machine) run them and write their life to the shared store; this side only follows them
 * through BullMQ's queue events. Jobs outlive the server that queued them.
 */
export class RedisRunQueue implements RunQueue {
  readonly recordedBy = 'workers';
  private readonly listeners = new Set<(event: RunQueueEvent) => void>();
  /** This server's jobs: waiting (false) or taken by a worker (true). */
  private readonly mine = new Map<string, boolean>();

  private constructor(
    private readonly queue: Queue<RunJobData>,
    private readonly events: QueueEvents,
  ) {
    events.on('active', ({ jobId }) => this.started(jobId));
    events.on('progress', ({ jobId, data }) => {
      const message = data as RunJobProgress;
      if (typeof message !== 'object' || message === null) return;
      if (message.type === 'timeline')
        this.emit({ type: 'timeline', runId: jobId, buckets: message.buckets });
      else if (message.type === 'progress') {
        const { type: _type, ...progress } = message;
        this.emit({ type: 'progress', runId: jobId, progress });
      }
    });
    // The worker recorded the end in the store before completing the job.
    events.on('completed', ({ jobId }) => this.finished(jobId, { type: 'recorded' }));
    // A job fails when its worker could not write to the store, or it stalled too often: not recorded.
    events.on('failed', ({ jobId, failedReason }) =>
      this.finished(jobId, { type: 'failed', message: `The run's job failed: ${failedReason}` }),
    );
  }

  /**
   * Connects to the queue and its events (so none is missed), then it is ready to enqueue. Once
   * open, a lost Redis is retried (BullMQ reconnects) and logged at most once a minute per error.
   */
  static async open(
    address: RedisQueueAddress,
    log: { error(data: object, message: string): void } = { error() {} },
  ): Promise<RedisRunQueue> {
    const connection = connectionOf(address.url);
    await probeRedis(address.url);
    const name = address.name ?? DEFAULT_QUEUE_NAME;
    const queue = new Queue<RunJobData>(name, { connection });
    const events = new QueueEvents(name, { connection });
    // Without a listener, an 'error' event (a lost connection) would throw and end the process.
    const onError = redisErrorLogger(log, 'run queue: Redis error (retrying)');
    queue.on('error', onError);
    events.on('error', onError);
    try {
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    } catch (error) {
      await Promise.allSettled([queue.close(), events.close()]);
      throw error;
    }
    return new RedisRunQueue(queue, events);
  }

  /** Adds the job under the run's id, removed from Redis once it completes or fails. */
  async enqueue(job: RunQueueJob): Promise<void> {
    const data: RunJobData = {
      runId: job.runId,
      designId: job.designId,
      version: job.version,
      params: job.params,
    };
    this.mine.set(job.runId, false);
    try {
      await this.queue.add('run', data, { jobId: job.runId, removeOnComplete: true, removeOnFail: true });
    } catch (error) {
      this.mine.delete(job.runId);
      throw error;
    }
  }

  /**
   * Removes a waiting job. A job a worker has taken stays: its worker sees the run cancelled in
   * the store (the run service writes it) and stops it.
   */
  async cancel(runId: string): Promise<boolean> {
    this.mine.delete(runId);
    const job = await this.queue.getJob(runId);
    if (!job) return false;
    if (WAITING.has(await job.getState())) await job.remove().catch(() => undefined);
    return true;
  }

  subscribe(listener: (event: RunQueueEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stats(): RunQueueStats {
    let busy = 0;
    for (const taken of this.mine.values()) if (taken) busy += 1;
    return { size: 0, busy, queued: this.mine.size - busy };
  }

  /** Stops following; the jobs stay in Redis for the workers. */
  async close(): Promise<void> {
    this.mine.clear();
    await Promise.allSettled([this.events.close(), this.queue.close()]);
  }

  private started(runId: string): void {
    if (this.mine.has(runId)) this.mine.set(runId, true);
    this.emit({ type: 'started', runId });
  }

  private finished(runId: string, outcome: Extract<RunQueueEvent, { type: 'finished' }>['outcome']): void {
    this.mine.delete(runId);
    this.emit({ type: 'finished', runId, outcome });
  }

  private emit(event: RunQueueEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

import { hostname } from 'node:os';
import { Worker as BullWorker, type Job } from 'bullmq';
import { InvalidStateError, NotFoundError, type Store } from '@faultline/store';
import type { RunWorkerMessage } from '../../workers/messages.js';
import { WorkerPool, type WorkerPoolOptions } from '../threads/worker-pool.js';
import {
  connectionOf,
  DEFAULT_QUEUE_NAME,
  probeRedis,
  redisErrorLogger,
  type RedisQueueAddress,
} from './connection.js';
import type { RunJobData, RunJobProgress } from './job-data.js';

/** What a `faultline worker` logs (a pino logger fits). */
export interface RunWorkerLog {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
}

export interface RunWorkerOptions {
  /** The Redis run queue the servers put jobs on. */
  readonly queue: RedisQueueAddress;
  /** The store the servers use (PostgreSQL across machines; one SQLite file on one machine). */
  readonly store: Store;
  /** Runs at once, each in its own thread; default 1. */
  readonly concurrency?: number;
  /** This worker's name, the `owner` of the runs it runs; default `worker@<host>:<pid>`. */
  readonly name?: string;
  readonly log?: RunWorkerLog;
  /**
   * How long a job's lock lasts without renewal, and how often stalled jobs are looked for:
   * after about twice this, the job of a worker that died runs again elsewhere. Default 30 s
   * (BullMQ's).
   */
  readonly stalledAfterMs?: number;
  /** Tests only: how run threads are made. */
  readonly createWorker?: WorkerPoolOptions['createWorker'];
}

/** A worker taking run jobs until closed. */
export interface RunningWorker {
  readonly name: string;
  /** Stops taking jobs and terminates the runs in progress (left `running`: see the README). */
  close(): Promise<void>;
}

/** Progress is written to the store, and the run's status checked for a cancel, at most this often. */
const CHECK_EVERY_MS = 1000;
const ACTOR = 'worker';

const quiet: RunWorkerLog = { info() {}, warn() {}, error() {} };

/**
 * Starts a `faultline worker`: takes run jobs from the Redis queue, simulates each in a thread
 * (the same run worker as the server's pool), writes the run's life to the shared store and
 * publishes progress and timeline as BullMQ job progress for the servers' streams.
 */
export async function startRunWorker(options: RunWorkerOptions): Promise<RunningWorker> {
  const connection = connectionOf(options.queue.url);
  await probeRedis(options.queue.url);
  const concurrency = options.concurrency ?? 1;
  const name = options.name ?? `worker@${hostname()}:${process.pid}`;
  const log = options.log ?? quiet;
  const pool = new WorkerPool({ size: concurrency, createWorker: options.createWorker });
  const runner = new JobRunner(options.store, pool, name, log);
  const worker = new BullWorker<RunJobData>(
    options.queue.name ?? DEFAULT_QUEUE_NAME,
    (job) => runner.run(job),
    {
      connection,
      concurrency,
      ...(options.stalledAfterMs === undefined
        ? {}
        : { lockDuration: options.stalledAfterMs, stalledInterval: options.stalledAfterMs }),
    },
  );
  worker.on('error', redisErrorLogger(log, 'worker: Redis error (retrying)'));
  try {
    await worker.waitUntilReady();
  } catch (error) {
    await Promise.allSettled([worker.close(true), pool.close()]);
    throw error;
  }
  return {
    name,
    async close() {
      await worker.close(true);
      await pool.close();
    },
  };
}

/** Runs one job: claims the run, simulates it, records it. */
class JobRunner {
  constructor(
    private readonly store: Store,
    private readonly pool: WorkerPool,
    private readonly name: string,
    private readonly log: RunWorkerLog,
  ) {}

  async run(job: Job<RunJobData>): Promise<void> {
    const { runId, designId, version, params } = job.data;
    if (!(await this.claim(runId))) return;
    let document;
    try {
      document = (await this.store.designs.get(designId, { version, includeDeleted: true })).document;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      await this.end(runId, { type: 'failed', message: error.message });
      return;
    }
    const publish = (message: RunJobProgress): void => {
      job.updateProgress(message).catch(() => undefined);
    };
    await new Promise<void>((resolve, reject) => {
      // Store writes of this run, one after another, so they land in the order they happened.
      let writes: Promise<unknown> = Promise.resolve();
      let lastCheck = performance.now();
      let done = false;
      const finish = (last: () => Promise<unknown>): void => {
        done = true;
        writes = writes.catch(() => undefined).then(last);
        writes.then(() => resolve(), reject);
      };
      this.pool.submit(
        { runId, document, ...params },
        {
          started: () => undefined,
          message: (message: RunWorkerMessage) => {
            if (done) return;
            if (message.type === 'progress') {
              publish(message);
              const now = performance.now();
              if (now - lastCheck < CHECK_EVERY_MS) return;
              lastCheck = now;
              const progress = Math.min(1, message.progress);
              writes = writes
                .catch(() => undefined)
                .then(async () => {
                  if (done) return;
                  // The server cancels a run in the store; the worker sees it here, between slices.
                  const run = await this.store.runs.get(runId);
                  if (run.status !== 'running') {
                    this.log.info({ runId, status: run.status }, 'worker: run ended elsewhere, stopping it');
                    this.pool.cancel(runId);
                    finish(async () => undefined);
                    return;
                  }
                  await this.store.runs.setProgress({ id: runId, progress });
                })
                // Progress is telemetry: a write that fails (the run ended meanwhile, the
                // database blinked) is logged, and the next check decides.
                .catch((error: unknown) =>
                  this.log.warn({ err: error, runId }, 'worker: could not write progress'),
                );
            } else if (message.type === 'timeline') publish(message);
            else finish(() => this.end(runId, message));
          },
        },
      );
    });
  }

  /**
   * Takes the run: `queued → running` with this worker as owner. A run already `running` is a
   * job BullMQ gave back after its worker stopped (stalled): it runs again from the start. A run
   * that has ended (cancelled while waiting) is skipped.
   */
  private async claim(runId: string): Promise<boolean> {
    let run;
    try {
      run = await this.store.runs.get(runId);
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
    if (run.status === 'queued') {
      try {
        await this.store.runs.setStatus({ id: runId, status: 'running', owner: this.name, actor: ACTOR });
        return true;
      } catch (error) {
        if (!(error instanceof InvalidStateError)) throw error;
        run = await this.store.runs.get(runId);
      }
    }
    if (run.status === 'running') {
      this.log.warn({ runId, owner: run.owner }, 'worker: running again a run whose worker stopped');
      return true;
    }
    return false;
  }

  /** Records the end; a run that ended meanwhile (cancelled) keeps its status. */
  private async end(
    runId: string,
    outcome: Extract<RunWorkerMessage, { type: 'result' | 'failed' }>,
  ): Promise<void> {
    const { runs } = this.store;
    try {
      if (outcome.type === 'result')
        await runs.setStatus({ id: runId, status: 'succeeded', actor: ACTOR, result: outcome.result });
      else await runs.setStatus({ id: runId, status: 'failed', actor: ACTOR, error: outcome.message });
    } catch (error) {
      if (error instanceof InvalidStateError) return;
      if (outcome.type === 'failed') throw error;
      // A result the store refuses (too big) still ends the run, as failed and saying why.
      await runs.setStatus({
        id: runId,
        status: 'failed',
        actor: ACTOR,
        error: `The result could not be saved: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
}

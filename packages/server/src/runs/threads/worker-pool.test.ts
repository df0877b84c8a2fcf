import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { RunJob, RunWorkerMessage } from '../../workers/messages.js';
import { WorkerPool, type JobListener } from './worker-pool.js';

/** A worker the test drives by hand: it keeps the jobs it was given and answers when told. */
class FakeWorker extends EventEmitter {
  readonly jobs: RunJob[] = [];
  terminated = false;
  postMessage(job: RunJob): void {
    this.jobs.push(job);
  }
  terminate(): Promise<number> {
    this.terminated = true;
    return Promise.resolve(1);
  }
  answer(message: RunWorkerMessage): void {
    this.emit('message', message);
  }
}

function job(runId: string): RunJob {
  return { runId, document: { name: runId }, compare: false };
}

function listener(log: string[], runId: string): JobListener {
  return {
    started: () => void log.push(`${runId} started`),
    message: (message) => void log.push(`${runId} ${message.type}`),
  };
}

function pool(size: number) {
  const workers: FakeWorker[] = [];
  const stats: string[] = [];
  const made = new WorkerPool({
    size,
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker as unknown as Worker;
    },
    onStats: ({ busy, queued }) => void stats.push(`${busy}/${queued}`),
  });
  return { workers, stats, pool: made };
}

describe('worker pool', () => {
  it('runs one job per worker, queues the rest, first come first served', () => {
    const { workers, pool: runs } = pool(2);
    const log: string[] = [];
    for (const id of ['a', 'b', 'c']) runs.submit(job(id), listener(log, id));
    expect(workers).toHaveLength(2);
    expect(runs.stats()).toEqual({ size: 2, busy: 2, queued: 1 });
    workers[0]!.answer({ type: 'progress', progress: 0.5, simulatedMs: 1, totalMs: 2, events: 3 });
    workers[0]!.answer({ type: 'result', result: {} });
    expect(workers[0]!.jobs.map((j) => j.runId)).toEqual(['a', 'c']);
    expect(log).toEqual(['a started', 'b started', 'a progress', 'a result', 'c started']);
  });

  it('cancels a queued job without a worker, and a running one by terminating its worker', () => {
    const { workers, pool: runs } = pool(1);
    const log: string[] = [];
    for (const id of ['a', 'b', 'c']) runs.submit(job(id), listener(log, id));
    expect(runs.cancel('b')).toBe(true);
    expect(runs.cancel('a')).toBe(true);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.jobs.map((j) => j.runId)).toEqual(['c']);
    // The terminated worker's late news is dropped.
    workers[0]!.answer({ type: 'result', result: {} });
    workers[0]!.emit('exit', 1);
    expect(log).toEqual(['a started', 'c started']);
    expect(runs.cancel('nope')).toBe(false);
  });

  it('fails the job of a worker that dies, and gives the next job a new worker', () => {
    const { workers, pool: runs } = pool(1);
    const log: string[] = [];
    runs.submit(job('a'), listener(log, 'a'));
    runs.submit(job('b'), listener(log, 'b'));
    const failures: RunWorkerMessage[] = [];
    runs.submit(job('c'), { started: () => undefined, message: (message) => void failures.push(message) });
    workers[0]!.emit('error', new Error('out of memory'));
    expect(log).toEqual(['a started', 'a failed', 'b started']);
    expect(workers).toHaveLength(2);
    workers[1]!.emit('exit', 137);
    expect(log.at(-1)).toBe('b failed');
    expect(failures).toEqual([]);
    expect(workers[2]!.jobs.map((j) => j.runId)).toEqual(['c']);
  });
});

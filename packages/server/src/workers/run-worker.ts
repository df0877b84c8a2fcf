import { parentPort } from 'node:worker_threads';
import type { RunJob, RunWorkerMessage } from './messages.js';
import { runJob } from './simulator.js';

/*
 * A run worker: takes one job at a time from the pool, simulates it, posts progress (at most
 * every PROGRESS_EVERY_MS of wall time) and the result. The pool cancels a run by terminating
 * the worker, so nothing here listens while a run goes.
 */

const PROGRESS_EVERY_MS = 100;
const port = parentPort!;

function post(message: RunWorkerMessage): void {
  port.postMessage(message);
}

port.on('message', (job: RunJob) => {
  let lastProgress = 0;
  try {
    const result = runJob(job, {
      progress(progress) {
        const now = performance.now();
        if (now - lastProgress < PROGRESS_EVERY_MS && progress.progress < 1) return;
        lastProgress = now;
        post({ type: 'progress', ...progress });
      },
      timeline(buckets) {
        post({ type: 'timeline', buckets });
      },
    });
    post({ type: 'result', result });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});

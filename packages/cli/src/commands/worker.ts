import { ConfigError } from '@faultline/core';
import { startWorker, type RunningWorker } from '@faultline/server';
import type { RegisterCommand } from '../program.js';

interface WorkerCommandOptions {
  queue?: string;
  queueName?: string;
  db?: string;
  concurrency: string;
}

const FLAGS: Record<string, string> = {
  queue: '--queue',
  concurrency: '--concurrency',
};

/**
 * `faultline worker`: takes run jobs that `faultline serve --queue redis://…` servers put on
 * Redis, until SIGINT or SIGTERM. Bad options or no Redis: the problem on stderr, exit 1.
 */
export const registerWorker: RegisterCommand = (program, output, done) => {
  program
    .command('worker')
    .description(
      "run simulation jobs from the servers' Redis run queue (BullMQ); as many as you like, on any machine",
    )
    .option('--queue <url>', 'the Redis run queue, like redis://127.0.0.1:6379 (default FAULTLINE_QUEUE_URL)')
    .option('--queue-name <name>', 'the BullMQ queue, as the servers name it', 'faultline-runs')
    .option(
      '--db <path>',
      "the servers' SQLite file (one machine only; default ./faultline.db); FAULTLINE_DATABASE_URL=postgres://… for PostgreSQL",
    )
    .option('--concurrency <n>', 'runs at once, one thread each', '1')
    .addHelpText(
      'after',
      `
Each job is one run: the worker marks it running (owner: worker@host:pid), simulates it in a
thread, writes progress (once a second) and the result to the store, and publishes progress and
timeline for the servers' streams. A run cancelled on a server is stopped within a second. On
SIGINT or SIGTERM the worker stops at once; a run it had taken stays running and another worker
runs it again once BullMQ finds it stalled (about 30 s). See "Runs at scale" in the server README.`,
    )
    .action(async (options: WorkerCommandOptions) => {
      let worker: RunningWorker;
      try {
        if (!/^\d+$/.test(options.concurrency))
          throw new ConfigError([
            {
              path: 'concurrency',
              message: `expected a whole number, got ${JSON.stringify(options.concurrency)}`,
            },
          ]);
        worker = await startWorker({
          queue: options.queue,
          queueName: options.queueName,
          db: options.db,
          concurrency: Number(options.concurrency),
        });
      } catch (error) {
        if (!(error instanceof ConfigError) && !isStartError(error)) throw error;
        if (error instanceof ConfigError)
          for (const issue of error.issues)
            output.err(`faultline worker: ${FLAGS[issue.path] ?? issue.path}: ${issue.message}\n`);
        else output.err(`faultline worker: cannot start: ${(error as Error).message}\n`);
        return done(1);
      }
      output.out(
        `faultline worker: ${worker.name} taking runs from ${options.queueName ?? 'faultline-runs'}\n`,
      );
      await untilStopped();
      output.out('faultline worker: stopping\n');
      await worker.close();
      done(0);
    });
};

// Connection and database errors the user can fix; anything else is a bug and propagates.
function isStartError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'store_unavailable'
  );
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

import { ConfigError } from '@faultline/core';
import { openStore } from '@faultline/store';
import { pino, type Logger } from 'pino';
import { connectionOf } from './connection.js';
import { startRunWorker, type RunningWorker } from './run-worker-service.js';

export interface StartWorkerOptions {
  /** The Redis run queue; default FAULTLINE_QUEUE_URL. */
  readonly queue?: string;
  /** The BullMQ queue's name; default `faultline-runs`. */
  readonly queueName?: string;
  /** The SQLite file the server uses (one machine only); default ./faultline.db unless url is given. */
  readonly db?: string;
  /** A database url (postgres://…); default FAULTLINE_DATABASE_URL. */
  readonly url?: string;
  /** Runs at once; default 1. */
  readonly concurrency?: number;
  /** Default: pino at info level, on stdout. */
  readonly logger?: Logger;
}

/**
 * What `faultline worker` does: opens the servers' store and takes run jobs from the Redis queue
 * until closed (then closes the store too).
 */
export async function startWorker(options: StartWorkerOptions = {}): Promise<RunningWorker> {
  const queue = options.queue ?? (process.env['FAULTLINE_QUEUE_URL'] || undefined);
  const concurrency = options.concurrency ?? 1;
  const issues: { path: string; message: string }[] = [];
  if (queue === undefined)
    issues.push({
      path: 'queue',
      message:
        'expected the Redis run queue of the servers, like redis://127.0.0.1:6379 (or FAULTLINE_QUEUE_URL)',
    });
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256)
    issues.push({
      path: 'concurrency',
      message: `expected a whole number from 1 to 256, got ${concurrency}`,
    });
  if (issues.length > 0) throw new ConfigError(issues);
  connectionOf(queue!); // a bad URL is refused before the database is opened

  const log = options.logger ?? pino({ level: process.env['LOG_LEVEL'] ?? 'info' });
  const url =
    options.url ??
    (options.db === undefined ? process.env['FAULTLINE_DATABASE_URL'] || undefined : undefined);
  const store = await openStore({ ...(url !== undefined ? { url } : { path: options.db }), logger: log });
  try {
    const worker = await startRunWorker({
      queue: { url: queue!, name: options.queueName },
      store,
      concurrency,
      log,
    });
    return {
      name: worker.name,
      async close() {
        await worker.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

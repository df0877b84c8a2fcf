import { ConfigError } from '@faultline/core';
import { startServer, type RunningServer } from '@faultline/server';
import type { Output, RegisterCommand } from '../program.js';

interface ServeCommandOptions {
  host: string;
  port: string;
  db?: string;
  workers?: string;
  queue?: string;
  queueName?: string;
  maxRuns?: string;
  maxLive?: string;
}

/**
 * `faultline serve`: the studio server (API, run workers, live sessions) until SIGINT or
 * SIGTERM; then it stops taking requests, marks its unfinished runs interrupted, saves its live
 * sessions' reports and exits 0. Bad options: the problems on stderr, exit 1.
 */
export const registerServe: RegisterCommand = (program, output, done) => {
  program
    .command('serve')
    .description('run the studio server: the design, run and live-session API (docs at /docs)')
    .option('--port <port>', 'the port (0 picks a free one)', '4400')
    .option(
      '--host <host>',
      'where it listens; another host than loopback needs FAULTLINE_TOKEN',
      '127.0.0.1',
    )
    .option(
      '--db <path>',
      'the SQLite file (default ./faultline.db); FAULTLINE_DATABASE_URL=postgres://… for PostgreSQL',
    )
    .option('--workers <n>', 'run workers (default: cores − 1)')
    .option(
      '--queue <url>',
      'send runs to BullMQ on this Redis (redis://127.0.0.1:6379) for `faultline worker`s, instead of worker threads here (default FAULTLINE_QUEUE_URL)',
    )
    .option('--queue-name <name>', 'the BullMQ queue (default faultline-runs)')
    .option('--max-runs <n>', 'runs queued or running at once before new ones get 429 (default 32)')
    .option('--max-live <n>', 'live sessions at once before new ones get 429 (default 4)')
    .action(async (options: ServeCommandOptions) => {
      let server: RunningServer;
      try {
        server = await startServer({
          host: options.host,
          port: wholeNumber(options.port, '--port'),
          db: options.db,
          workers: options.workers === undefined ? undefined : wholeNumber(options.workers, '--workers'),
          queue: options.queue,
          queueName: options.queueName,
          limits: {
            ...(options.maxRuns === undefined ? {} : { runs: wholeNumber(options.maxRuns, '--max-runs') }),
            ...(options.maxLive === undefined
              ? {}
              : { liveSessions: wholeNumber(options.maxLive, '--max-live') }),
          },
        });
      } catch (error) {
        if (!(error instanceof ConfigError) && !isStartError(error)) throw error;
        reportStartFailure(error, output);
        return done(1);
      }
      output.out(`faultline serve: studio on ${server.url} (API docs: ${server.url}/docs)\n`);
      await untilStopped();
      output.out(
        options.queue === undefined && !process.env['FAULTLINE_QUEUE_URL']
          ? 'faultline serve: stopping: runs in progress are marked interrupted\n'
          : 'faultline serve: stopping: runs stay on the queue for the workers\n',
      );
      await server.close();
      done(0);
    });
};

function wholeNumber(value: string, flag: string): number {
  if (!/^\d+$/.test(value))
    throw new ConfigError([{ path: flag, message: `expected a whole number, got ${JSON.stringify(value)}` }]);
  return Number(value);
}

function reportStartFailure(error: unknown, output: Output): void {
  if (error instanceof ConfigError) {
    for (const issue of error.issues) {
      const flag =
        {
          host: '--host',
          port: '--port',
          workers: '--workers',
          queue: '--queue',
          'limits.runs': '--max-runs',
          'limits.liveSessions': '--max-live',
        }[issue.path] ?? issue.path;
      output.err(`faultline serve: ${flag ? `${flag}: ` : ''}${issue.message}\n`);
    }
    return;
  }
  output.err(`faultline serve: cannot start: ${(error as Error).message}\n`);
}

// Listening and database errors the user can fix; anything else is a bug and propagates.
function isStartError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    code === 'EADDRINUSE' ||
    code === 'EACCES' ||
    code === 'EADDRNOTAVAIL' ||
    code === 'ENOTFOUND' ||
    code === 'ECONNREFUSED' ||
    code === 'ETIMEDOUT' ||
    code === 'store_unavailable'
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

import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { ConfigError } from '@faultline/core';
import { openStore, type Store } from '@faultline/store';
import { buildServer, type BuildServerOptions } from './build-server.js';
import { EXAMPLES_DIR, seedExamples } from './examples/seed-examples.js';
import { isLoopback } from './http/access.js';
import { logRequest } from './http/log.js';
import { readLimits, type ServerLimits } from './limits.js';
import { RedisRunQueue } from './runs/redis/redis-queue.js';
import type { RunQueue } from './runs/run-queue.js';

export interface StartServerOptions {
  /** Default 127.0.0.1. Any other than loopback needs a token. */
  readonly host?: string;
  /** Default 4400; 0 picks a free port. */
  readonly port?: number;
  /** A SQLite file; default ./faultline.db (unless url is given). */
  readonly db?: string;
  /** A database url (postgres://…); default FAULTLINE_DATABASE_URL. */
  readonly url?: string;
  /** Default FAULTLINE_TOKEN. */
  readonly token?: string;
  readonly workers?: number;
  /**
   * A Redis URL (`redis://127.0.0.1:6379`): runs go to BullMQ there, for `faultline worker`
   * processes; default FAULTLINE_QUEUE_URL, else the worker_threads pool of this process.
   */
  readonly queue?: string;
  /** The BullMQ queue's name; default `faultline-runs`. */
  readonly queueName?: string;
  readonly limits?: Partial<ServerLimits>;
  /** Default: pino at info level, on stdout. */
  readonly logger?: Logger;
  /** Designs to load into a new database; default the repository's examples/. */
  readonly examples?: string;
  /** The built web UI; default packages/web/dist of the repository, when it has been built. */
  readonly webRoot?: string;
  /** The experiments' emergency stop: halt file and default proxy APIs (see buildServer). */
  readonly experiments?: BuildServerOptions['experiments'];
}

/** A listening server. */
export interface RunningServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  /** `http://127.0.0.1:4400` */
  readonly url: string;
  /** Stops accepting requests, stops runs and live sessions (marked interrupted), closes the database. */
  close(): Promise<void>;
}

/** The web UI's build in the repository, from src/ and dist/ alike. */
const WEB_DIST = new URL('../../web/dist/', import.meta.url);

/** Tokens shorter than this are refused: they can be guessed. */
const MIN_TOKEN_LENGTH = 16;

/**
 * Opens the store (marking what a previous process left running as interrupted), loads the
 * example designs into a new database, builds the server and listens. Refuses a host other than
 * loopback without an access token.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 4400;
  const token = options.token ?? (process.env['FAULTLINE_TOKEN'] || undefined);
  checkAccess(host, port, token);
  const limits = readLimits(options.limits);
  const log =
    options.logger ?? pino({ level: process.env['LOG_LEVEL'] ?? 'info', serializers: { req: logRequest } });
  const url =
    options.url ??
    (options.db === undefined ? process.env['FAULTLINE_DATABASE_URL'] || undefined : undefined);
  const queueUrl = options.queue ?? (process.env['FAULTLINE_QUEUE_URL'] || undefined);
  const owner = `${hostname()}:${process.pid}`;
  const store = await openStore({ ...(url !== undefined ? { url } : { path: options.db }), logger: log });
  let queue: RunQueue | undefined;
  try {
    // With the Redis queue, queued and running runs belong to the queue and its workers, not to
    // this process: only what this process owned is marked (nothing, for a new process).
    const interrupted = await store.markInterrupted({
      actor: 'server',
      ...(queueUrl === undefined ? {} : { owner }),
    });
    if (interrupted.runs + interrupted.liveSessions > 0)
      log.warn(interrupted, 'store: marked what the previous server left unfinished as interrupted');
    if ((await store.audit.list({ limit: 1 })).total === 0)
      await seedExamples({ store, dir: options.examples ?? fileURLToPath(EXAMPLES_DIR), limits, log });
    if (queueUrl !== undefined)
      queue = await RedisRunQueue.open({ url: queueUrl, name: options.queueName }, log);
    const app = await buildServer({
      store,
      owner,
      queue,
      workers: options.workers,
      token,
      limits,
      logger: log,
      webRoot: options.webRoot ?? fileURLToPath(WEB_DIST),
      experiments: options.experiments,
    });
    await app.listen({ host, port });
    const address = app.server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return {
      app,
      store,
      url: `http://${shownHost}:${actualPort}`,
      async close() {
        await app.close();
        await store.close();
      },
    };
  } catch (error) {
    await queue?.close();
    await store.close();
    throw error;
  }
}

function checkAccess(host: string, port: number, token: string | undefined): void {
  const issues: { path: string; message: string }[] = [];
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    issues.push({ path: 'port', message: `expected a port from 0 to 65535, got ${String(port)}` });
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH)
    issues.push({
      path: 'token',
      message: `expected FAULTLINE_TOKEN of at least ${MIN_TOKEN_LENGTH} characters, got ${token.length}`,
    });
  if (!isLoopback(host) && token === undefined)
    issues.push({
      path: 'host',
      message: `refusing to listen on ${host} without an access token: set FAULTLINE_TOKEN (clients then send "Authorization: Bearer <token>"), or listen on 127.0.0.1`,
    });
  if (issues.length > 0) throw new ConfigError(issues);
}

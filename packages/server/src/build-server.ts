import { existsSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { join } from 'node:path';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { defaultHaltFile } from '@faultline/chaos';
import type { Store } from '@faultline/store';
import type { ServerContext } from './context.js';
import { installAccess } from './http/access.js';
import { installErrorHandler } from './http/error-handler.js';
import { installValidators } from './http/validators.js';
import { readLimits, type ServerLimits } from './limits.js';
import { LiveSessions, type LiveSessionsOptions } from './live/live-sessions.js';
import { createMetrics } from './metrics/metrics.js';
import { auditRoutes } from './routes/audit.js';
import { designRoutes } from './routes/designs.js';
import { openApiRoute, registerDocs } from './routes/docs.js';
import { experimentRoutes, type ExperimentSettings } from './routes/experiments.js';
import { faultRoutes } from './routes/faults.js';
import { faultTypeRoutes } from './routes/fault-types.js';
import { healthRoutes } from './routes/health.js';
import { liveRoutes } from './routes/live.js';
import { metricsRoutes } from './routes/metrics.js';
import { resilienceRoutes } from './routes/resilience.js';
import { runRoutes } from './routes/runs.js';
import { registerWeb } from './routes/web.js';
import { ErrorResponse } from './schemas/common.js';
import { RunService } from './runs/run-service.js';
import type { RunQueue } from './runs/run-queue.js';
import { ThreadQueue } from './runs/threads/thread-queue.js';
import type { WorkerPoolOptions } from './runs/threads/worker-pool.js';

export interface BuildServerOptions {
  /** Where designs, runs and live sessions are kept (opened by the caller, who also closes it). */
  readonly store: Store;
  /** Run workers (threads); default max(1, cores − 1). Unused with another `queue`. */
  readonly workers?: number;
  /**
   * Where runs go (see "Runs at scale" in the README); default a worker_threads pool of
   * `workers` threads in this process. The server closes it when it closes.
   */
  readonly queue?: RunQueue;
  /** When set, every /api and /metrics request needs `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Overrides of DEFAULT_SERVER_LIMITS. */
  readonly limits?: Partial<ServerLimits>;
  /** A pino logger (or Fastify logger options); default: no logging. */
  readonly logger?: FastifyBaseLogger | boolean;
  /** This server's name in the store, on the runs and sessions it owns; default host:pid. */
  readonly owner?: string;
  /** Prometheus' default process metrics (CPU, memory, event loop); default true. */
  readonly processMetrics?: boolean;
  /**
   * The emergency stop of chaos experiments (`/experiments/halt`): its halt file (default
   * `$FAULTLINE_HALT_FILE` or `~/.faultline/HALT`) and the proxy APIs a halt cleans when the
   * request names none (default `http://127.0.0.1:8474`). Configuration only, never a request.
   */
  readonly experiments?: Partial<ExperimentSettings>;
  /** The built web UI (a folder with index.html), served at `/`; without it, a page linking /docs. */
  readonly webRoot?: string;
  /** Tests only: how run workers are made. */
  readonly createRunWorker?: WorkerPoolOptions['createWorker'];
  /** Tests only: how live workers are made, and their snapshot interval. */
  readonly live?: Partial<Pick<LiveSessionsOptions, 'createWorker' | 'defaultIntervalMs'>>;
}

/** The fault proxy API a halt cleans by default, as `faultline experiment halt`'s. */
const DEFAULT_PROXY_API = 'http://127.0.0.1:8474';

/** The default size of the run pool: every core but one for the request thread, at least one. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * Builds the studio's Fastify app, ready to `listen` (or to `inject` in tests): every route group
 * as a plugin with its JSON Schemas, the run pool, live sessions and metrics. Closing the app
 * stops its workers and marks its unfinished runs and sessions interrupted; the store stays open.
 */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const limits = readLimits(options.limits);
  const owner = options.owner ?? `${hostname()}:${process.pid}`;
  const metrics = createMetrics(options.processMetrics ?? true);
  const app = Fastify({
    ...(typeof options.logger === 'object'
      ? { loggerInstance: options.logger }
      : { logger: options.logger ?? false }),
    bodyLimit: limits.bodyBytes,
    // While closing, new requests get 503 instead of a run that would be interrupted at once.
    return503OnClosing: true,
  });
  const queue =
    options.queue ??
    new ThreadQueue({
      store: options.store,
      size: options.workers ?? defaultWorkers(),
      createWorker: options.createRunWorker,
      onStats: (stats) => {
        metrics.workers.set(stats.size);
        metrics.workersBusy.set(stats.busy);
        metrics.runsQueued.set(stats.queued);
        metrics.runsRunning.set(stats.busy);
      },
    });
  metrics.workers.set(queue.stats().size);
  const runs = new RunService({ store: options.store, queue, limits, metrics, owner, log: app.log });
  const live = new LiveSessions({
    store: options.store,
    limits,
    metrics,
    owner,
    log: app.log,
    ...options.live,
  });
  const experiments: ExperimentSettings = {
    haltFile: options.experiments?.haltFile ?? defaultHaltFile(),
    proxyApis: options.experiments?.proxyApis ?? [DEFAULT_PROXY_API],
  };
  const ctx: ServerContext = { store: options.store, limits, runs, live, metrics };

  installValidators(app);
  const webRoot =
    options.webRoot !== undefined && existsSync(join(options.webRoot, 'index.html'))
      ? options.webRoot
      : undefined;
  installErrorHandler(app, limits, { spaFallback: webRoot !== undefined });
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode },
      reply.elapsedTime / 1000,
    );
  });
  app.addHook('onClose', async () => {
    await live.close();
    await runs.close();
    await queue.close();
  });

  // JSON (and YAML for the import route) only: text/plain is what a cross-site form can send.
  app.removeContentTypeParser('text/plain');
  app.addSchema(ErrorResponse);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  // After the WebSocket plugin's own hook, so that a refused upgrade still has its socket closed.
  installAccess(app, options.token);
  await registerDocs(app);
  await app.register(
    async (api) => {
      await api.register(openApiRoute);
      await api.register(designRoutes, { ctx });
      await api.register(faultRoutes, { ctx });
      await api.register(resilienceRoutes, { ctx });
      await api.register(runRoutes, { ctx });
      await api.register(liveRoutes, { ctx });
      await api.register(faultTypeRoutes);
      await api.register(healthRoutes, { ctx, queue });
      await api.register(auditRoutes, { ctx });
      await api.register(experimentRoutes, { ctx, experiments });
    },
    { prefix: '/api/v1' },
  );
  await app.register(metricsRoutes, { ctx });
  await registerWeb(app, webRoot);
  await app.ready();
  return app;
}

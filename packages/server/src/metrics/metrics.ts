import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The server's Prometheus metrics, in a registry of its own (never prom-client's global one). */
export interface ServerMetrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly runsTotal: Counter<'status'>;
  readonly runDuration: Histogram;
  readonly runsQueued: Gauge;
  readonly runsRunning: Gauge;
  readonly workers: Gauge;
  readonly workersBusy: Gauge;
  readonly liveSessions: Gauge;
  readonly liveFaultsInjected: Counter<'type'>;
}

/** Makes the metrics; `processMetrics` adds prom-client's default process metrics (off in tests). */
export function createMetrics(processMetrics = true): ServerMetrics {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry, prefix: 'faultline_' });
  const registers = [registry];
  return {
    registry,
    httpDuration: new Histogram({
      name: 'faultline_http_request_duration_seconds',
      help: 'HTTP request latency, by route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    runsTotal: new Counter({
      name: 'faultline_runs_total',
      help: 'Runs that ended, by final status',
      labelNames: ['status'],
      registers,
    }),
    runDuration: new Histogram({
      name: 'faultline_run_duration_seconds',
      help: 'Wall time of runs from start to end, in a worker',
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      registers,
    }),
    runsQueued: new Gauge({ name: 'faultline_runs_queued', help: 'Runs waiting for a worker', registers }),
    runsRunning: new Gauge({ name: 'faultline_runs_running', help: 'Runs in a worker now', registers }),
    workers: new Gauge({ name: 'faultline_worker_pool_size', help: 'Workers in the run pool', registers }),
    workersBusy: new Gauge({ name: 'faultline_worker_pool_busy', help: 'Workers running a run', registers }),
    liveSessions: new Gauge({
      name: 'faultline_live_sessions',
      help: 'Live sessions running or paused',
      registers,
    }),
    liveFaultsInjected: new Counter({
      name: 'faultline_live_faults_injected_total',
      help: 'Faults injected into live sessions, by type',
      labelNames: ['type'],
      registers,
    }),
  };
}

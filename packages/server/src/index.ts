/**
 * @faultline/server: the Faultline studio backend. A Fastify HTTP and WebSocket API over the
 * store (designs, runs, live sessions), simulation runs on a run queue (a worker_threads pool,
 * or BullMQ on Redis with `faultline worker` processes), live fault-tolerance sessions paced to
 * the wall clock, Prometheus metrics and an OpenAPI document.
 */
export { buildServer, defaultWorkers, type BuildServerOptions } from './build-server.js';
export { startServer, type StartServerOptions, type RunningServer } from './start-server.js';
export { DEFAULT_SERVER_LIMITS, type ServerLimits } from './limits.js';
export { isLoopback } from './http/access.js';
export type { ErrorBody, ErrorIssue } from './http/api-error.js';
export { FAULT_CATALOG, type FaultTypeInfo, type FaultParameter } from './fault-types/catalog.js';
export type { RunEvent } from './runs/run-service.js';
export type {
  RunQueue,
  RunQueueJob,
  RunQueueEvent,
  RunQueueStats,
  RunParams,
  RunOutcome,
} from './runs/run-queue.js';
export { ThreadQueue, type ThreadQueueOptions } from './runs/threads/thread-queue.js';
export { RedisRunQueue } from './runs/redis/redis-queue.js';
export { DEFAULT_QUEUE_NAME, type RedisQueueAddress } from './runs/redis/connection.js';
export {
  startRunWorker,
  type RunWorkerOptions,
  type RunningWorker,
  type RunWorkerLog,
} from './runs/redis/run-worker-service.js';
export { startWorker, type StartWorkerOptions } from './runs/redis/start-worker.js';
export type { ExperimentSettings } from './routes/experiments.js';
export type { LiveEvent, LiveNow, LiveReport } from './live/live-session.js';
export type { FaultOutcome, InjectedFault, PartitionSide, Transition } from './live/report.js';
export type { Health, Second, SecondStats } from './live/health.js';

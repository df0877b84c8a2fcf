// Public exports of metrics: what a run measures, and the run result built from it.
export { RunMetrics } from './run-metrics.js';
export type { RunMetricsOptions, ServiceMetricsOptions, RunSummary } from './run-metrics.js';
export { ServiceMetrics } from './service-metrics.js';
export { EdgeMetrics } from './edge-metrics.js';
export { LatencyRecorder } from './latency-recorder.js';
export { TimelineSeries } from './timeline-series.js';
export type {
  RunResult,
  ServiceResult,
  ErrorCounts,
  LatencySummary,
  CallResult,
  TimelineBucket,
  TimelineServiceBucket,
  BreakerState,
  BreakerTransition,
  FaultRecord,
  RunScore,
  SloResult,
} from '../result.js';

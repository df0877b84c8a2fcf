// Public exports of the adaptive concurrency limit policy.
export { concurrencyLimit, ConcurrencyLimitPolicy } from './concurrency-limit.js';
export {
  ConcurrencyLimitKernel,
  LIMIT_SAMPLE,
  LIMIT_DROP,
  LIMIT_IGNORE,
  type LimitOutcome,
} from './kernel.js';
export { SampleWindow } from './sample-window.js';
export { AimdLimit } from './limits/aimd.js';
export { GradientLimit } from './limits/gradient.js';
export type { LimitAlgorithm } from './limits/limit-algorithm.js';
export {
  resolveConcurrencyLimitOptions,
  defaultClassifyError,
  DEFAULT_INITIAL_LIMIT,
  DEFAULT_MIN_LIMIT,
  DEFAULT_MAX_LIMIT,
  DEFAULT_BACKOFF_RATIO,
  DEFAULT_SLOW_CALL_THRESHOLD,
  DEFAULT_SMOOTHING,
  DEFAULT_RTT_TOLERANCE,
  DEFAULT_HEADROOM,
  DEFAULT_LONG_WINDOW,
  DEFAULT_SAMPLE_WINDOW,
  type ConcurrencyLimitType,
  type ConcurrencyLimitOptions,
  type AimdLimitOptions,
  type GradientLimitOptions,
  type SampleWindowOptions,
  type ClassifyError,
  type ClassifyErrorArgs,
  type SampleKind,
  type ResolvedConcurrencyLimitOptions,
  type ResolvedAimdLimitOptions,
  type ResolvedGradientLimitOptions,
  type ResolvedSampleWindow,
} from './options.js';
export {
  CONCURRENCY_LIMIT_EVENTS,
  type ConcurrencyLimitChangedEvent,
  type ConcurrencyLimitRejectedEvent,
} from './events.js';

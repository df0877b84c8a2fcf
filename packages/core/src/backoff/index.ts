export type { Backoff, BackoffConfig, ResolvedBackoff, Jitter } from './backoff.js';
export { backoff, readBackoff, createBackoff, DEFAULT_BACKOFF_MAX_MS } from './backoff.js';

/**
 * @faultline/core: resilience policies for Node services. Every policy is a synchronous decision
 * kernel on an injected clock (which the simulator drives directly) plus a thin async driver.
 */
export * from './clock/index.js';
export * from './random/index.js';
export * from './events/index.js';
export * from './errors/index.js';
export * from './duration/index.js';
export * from './backoff/index.js';
export * from './config/index.js';
export * from './policy/index.js';
export * from './policies/pipeline/index.js';
export * from './registry/index.js';
export * from './telemetry/index.js';
export * from './policies/retry/index.js';
export * from './policies/circuit-breaker/index.js';
export * from './policies/timeout/index.js';
export * from './policies/bulkhead/index.js';
export * from './policies/rate-limiter/index.js';
export * from './policies/fallback/index.js';
export * from './policies/hedge/index.js';
export * from './policies/concurrency-limit/index.js';
export * from './from-config/index.js';

// Public exports of the rate limiter policy.
export { rateLimiter, RateLimiterPolicy } from './rate-limiter.js';
export { RateLimiterKernel, RATE_LIMIT_REFUSED, MIN_QUEUED_WAIT } from './kernel.js';
export { TokenBucketKernel } from './token-bucket.js';
export { SlidingWindowKernel } from './sliding-window.js';
export { createRateLimiterKernel } from './create-kernel.js';
export {
  resolveRateLimiterOptions,
  DEFAULT_RATE_LIMIT_MODE,
  DEFAULT_RATE_PERIOD,
  MAX_SLIDING_WINDOW_LIMIT,
  type RateLimitMode,
  type RateLimiterType,
  type RateLimiterOptions,
  type TokenBucketOptions,
  type SlidingWindowOptions,
  type ResolvedRateLimiterOptions,
  type ResolvedTokenBucketOptions,
  type ResolvedSlidingWindowOptions,
} from './options.js';
export { RATE_LIMITER_EVENTS, type RateLimiterRejectedEvent } from './events.js';

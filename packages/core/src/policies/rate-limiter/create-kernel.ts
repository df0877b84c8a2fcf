import type { RateLimiterKernel } from './kernel.js';
import type { ResolvedRateLimiterOptions } from './options.js';
import { SlidingWindowKernel } from './sliding-window.js';
import { TokenBucketKernel } from './token-bucket.js';

/** The kernel for resolved options: a token bucket or a sliding window. */
export function createRateLimiterKernel(options: ResolvedRateLimiterOptions): RateLimiterKernel {
  return options.type === 'token-bucket' ? new TokenBucketKernel(options) : new SlidingWindowKernel(options);
}

import type { ResolvedAimdLimitOptions } from '../options.js';
import type { LimitAlgorithm } from './limit-algorithm.js';

/**
 * Additive increase, multiplicative decrease, after Netflix's AIMDLimit (concurrency-limits, the
 * version with minLimit and maxLimit, commit 784c960): on a drop, or a window slower than
 * `slowCallThreshold`, the limit becomes ⌊limit × backoffRatio⌋; otherwise, when the calls in
 * flight reached at least half the limit (the limit was actually in use), it grows by one.
 */
export class AimdLimit implements LimitAlgorithm {
  private limit: number;
  private readonly minLimit: number;
  private readonly maxLimit: number;
  private readonly backoffRatio: number;
  private readonly slowCallThreshold: number;

  constructor(options: ResolvedAimdLimitOptions) {
    this.limit = options.initialLimit;
    this.minLimit = options.minLimit;
    this.maxLimit = options.maxLimit;
    this.backoffRatio = options.backoffRatio;
    this.slowCallThreshold = options.slowCallThreshold;
  }

  get estimate(): number {
    return this.limit;
  }

  update(rttMs: number, inflight: number, dropped: boolean): void {
    let limit = this.limit;
    if (dropped || rttMs > this.slowCallThreshold) limit = Math.floor(limit * this.backoffRatio);
    else if (inflight * 2 >= limit) limit = limit + 1;
    else return;
    this.limit = limit < this.minLimit ? this.minLimit : limit > this.maxLimit ? this.maxLimit : limit;
  }
}

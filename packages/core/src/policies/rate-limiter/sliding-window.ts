import type { ResolvedSlidingWindowOptions } from './options.js';
import { RateLimiterKernel } from './kernel.js';

/**
 * An exact sliding window (a sliding log): at most `limit` permits in any `window` ms. It keeps
 * the times of the last `limit` permits in a ring, allocated once: a permit is free when the
 * oldest of them has left the window. Exact where a two-bucket estimate can overshoot at window
 * edges, at 8 bytes per permit of `limit`.
 */
export class SlidingWindowKernel extends RateLimiterKernel {
  readonly limit: number;
  readonly window: number;
  /** Times of the last `limit` permits, oldest at `oldest`, in the order they were given. */
  private readonly log: Float64Array;
  private oldest = 0;

  constructor(options: ResolvedSlidingWindowOptions) {
    super(options.clock, options.mode, options.maxWait);
    this.limit = options.limit;
    this.window = options.window;
    this.log = new Float64Array(options.limit).fill(Number.NEGATIVE_INFINITY);
  }

  toJSON(): Record<string, unknown> {
    return {
      type: 'sliding-window',
      limit: this.limit,
      window: this.window,
      mode: this.mode,
      maxWait: this.maxWait,
      available: this.available,
      waiting: this.waiting,
    };
  }

  protected take(now: number): boolean {
    // A `now` earlier than the last permit (a stale time) counts as that time: the log stays sorted.
    const newest = this.log[this.oldest === 0 ? this.limit - 1 : this.oldest - 1]!;
    if (now < newest) now = newest;
    const oldest = this.oldest;
    if (this.log[oldest]! + this.window > now) return false;
    this.log[oldest] = now;
    this.oldest = oldest + 1 === this.limit ? 0 : oldest + 1;
    return true;
  }

  protected waitFor(position: number, now: number): number {
    // The p-th next permit replaces the log entry p-1 after the oldest; past `limit`, it waits
    // for a permit not yet given, one window after that one (whole rounds of the ring).
    const k = position - 1;
    const entry = this.log[(this.oldest + (k % this.limit)) % this.limit]!;
    const rounds = Math.floor(k / this.limit);
    const wait = entry + this.window - now;
    return (wait > 0 ? wait : 0) + rounds * this.window;
  }

  protected permitsAt(now: number): number {
    // The log is sorted from the oldest entry round the ring: find how many have left the window.
    let low = 0;
    let high = this.limit;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.log[(this.oldest + middle) % this.limit]! + this.window <= now) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

import type { ResolvedTokenBucketOptions } from './options.js';
import { RateLimiterKernel } from './kernel.js';

// Tokens are fractional and refilled by multiplication, so a token due at t may read as
// 0.999999999 at t; counting that as whole keeps a driver's timer from firing twice per permit.
const EPSILON = 1e-9;

/**
 * A token bucket: `rate` tokens every `per` ms, up to `burst` saved; a call takes one. The bucket
 * starts full. Refill is computed from the time elapsed whenever the kernel is asked.
 */
export class TokenBucketKernel extends RateLimiterKernel {
  readonly rate: number;
  readonly per: number;
  readonly burst: number;
  private readonly tokensPerMs: number;
  private tokens: number;
  private refilledAt: number;

  constructor(options: ResolvedTokenBucketOptions) {
    super(options.clock, options.mode, options.maxWait);
    this.rate = options.rate;
    this.per = options.per;
    this.burst = options.burst;
    this.tokensPerMs = options.rate / options.per;
    this.tokens = options.burst;
    this.refilledAt = options.clock.now();
  }

  toJSON(): Record<string, unknown> {
    return {
      type: 'token-bucket',
      rate: this.rate,
      per: this.per,
      burst: this.burst,
      mode: this.mode,
      maxWait: this.maxWait,
      available: this.available,
      waiting: this.waiting,
    };
  }

  protected take(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1 - EPSILON) return false;
    this.tokens -= 1;
    return true;
  }

  protected waitFor(position: number, now: number): number {
    this.refill(now);
    const missing = position - this.tokens;
    return missing <= EPSILON ? 0 : missing / this.tokensPerMs;
  }

  protected permitsAt(now: number): number {
    this.refill(now);
    return Math.max(0, Math.floor(this.tokens + EPSILON));
  }

  private refill(now: number): void {
    // A `now` earlier than one already seen (a caller passing a stale time) counts as that one.
    if (now <= this.refilledAt) return;
    const tokens = this.tokens + (now - this.refilledAt) * this.tokensPerMs;
    this.tokens = tokens < this.burst ? tokens : this.burst;
    this.refilledAt = now;
  }
}

import type { Clock } from '../../clock/index.js';
import type { RateLimitMode } from './options.js';

/** `tryAcquire()` refused the call: reject it; `retryAfterMs` says when a permit would have been its own. */
export const RATE_LIMIT_REFUSED = -1;

/**
 * The smallest wait `tryAcquire()` returns for a call it queues: a queued call never starts at
 * once, even when a permit is already free for the head of the queue, so it cannot overtake it.
 */
export const MIN_QUEUED_WAIT = 0.001;

/**
 * The rate limiter decision kernel: permits, computed lazily from `clock.now()` (no interval
 * timer, ever), plus the count of calls waiting for one. Allocation-free: every answer is a number.
 *
 * Per call, `tryAcquire()` returns 0 (a permit was taken: start now), {@link RATE_LIMIT_REFUSED}
 * (reject with `retryAfterMs`), or in `wait` mode a wait in ms > 0: the call joined the queue and
 * that is when its permit should come. A driver keeps the waiting calls first in first out and
 * one timer for the head: at that time it calls `takeQueued()`, which returns 0 when the head
 * may start (and the next head may be asked at once) or the ms until the head's permit. A
 * waiting call that gives up calls `leaveQueue()`; the calls behind it then start earlier.
 */
export abstract class RateLimiterKernel {
  readonly mode: RateLimitMode;
  /** The longest a call may wait for its permit, in ms (0 in reject mode). */
  readonly maxWait: number;
  /** After a refusal: how long until a permit would have been the refused call's, in ms. */
  retryAfterMs = 0;
  protected readonly clock: Clock;
  private waitingCalls = 0;

  protected constructor(clock: Clock, mode: RateLimitMode, maxWait: number) {
    this.clock = clock;
    this.mode = mode;
    this.maxWait = mode === 'wait' ? maxWait : 0;
  }

  /** Calls waiting for a permit now. */
  get waiting(): number {
    return this.waitingCalls;
  }

  /** Permits a call could take right now (0 while calls are waiting: they come first). */
  get available(): number {
    return this.waitingCalls > 0 ? 0 : this.permitsAt(this.clock.now());
  }

  /**
   * Asks for a permit at `now`: 0 means taken, start now; {@link RATE_LIMIT_REFUSED} means
   * rejected (see `retryAfterMs`); a positive number means queued (wait mode), with that many ms
   * until its permit comes. Never lets a newcomer overtake a waiting call.
   */
  tryAcquire(now: number = this.clock.now()): number {
    if (this.waitingCalls === 0 && this.take(now)) return 0;
    const wait = this.waitFor(this.waitingCalls + 1, now);
    if (this.mode === 'reject' || wait > this.maxWait) {
      this.retryAfterMs = wait;
      return RATE_LIMIT_REFUSED;
    }
    this.waitingCalls++;
    return wait > MIN_QUEUED_WAIT ? wait : MIN_QUEUED_WAIT;
  }

  /**
   * For the call at the head of the queue: 0 means its permit was taken and it leaves the queue
   * (start it, then ask again for the next head); otherwise the ms until its permit comes.
   */
  takeQueued(now: number = this.clock.now()): number {
    if (this.waitingCalls === 0) throw new Error('RateLimiterKernel.takeQueued: no call is waiting');
    if (this.take(now)) {
      this.waitingCalls--;
      return 0;
    }
    const wait = this.waitFor(1, now);
    return wait > MIN_QUEUED_WAIT ? wait : MIN_QUEUED_WAIT;
  }

  /** A waiting call gave up before its permit came: the calls behind it move up. */
  leaveQueue(): void {
    if (this.waitingCalls === 0) throw new Error('RateLimiterKernel.leaveQueue: no call is waiting');
    this.waitingCalls--;
  }

  /** Configuration and current counts, for dashboards and the Registry. */
  abstract toJSON(): Record<string, unknown>;

  /** Takes one permit at `now` if one is free. */
  protected abstract take(now: number): boolean;

  /** Ms from `now` until the `position`-th next permit (1 = the next one) can be taken, permits going in order. */
  protected abstract waitFor(position: number, now: number): number;

  /** Whole permits free at `now`. */
  protected abstract permitsAt(now: number): number;
}

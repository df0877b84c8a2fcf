import type { Clock } from '../../clock/index.js';
import { AimdLimit } from './limits/aimd.js';
import { GradientLimit } from './limits/gradient.js';
import type { LimitAlgorithm } from './limits/limit-algorithm.js';
import type { ConcurrencyLimitType, ResolvedConcurrencyLimitOptions } from './options.js';
import { SampleWindow } from './sample-window.js';

/** `release()` outcome: the call finished normally (or failed in a way that still measures load). */
export const LIMIT_SAMPLE = 0;
/** `release()` outcome: the call was dropped (timed out, rejected, unavailable): an overload signal. */
export const LIMIT_DROP = 1;
/** `release()` outcome: the call says nothing about load (e.g. a validation error): not sampled. */
export const LIMIT_IGNORE = 2;

/** How a finished call is counted: {@link LIMIT_SAMPLE}, {@link LIMIT_DROP} or {@link LIMIT_IGNORE}. */
export type LimitOutcome = typeof LIMIT_SAMPLE | typeof LIMIT_DROP | typeof LIMIT_IGNORE;

/**
 * The adaptive concurrency limit decision kernel: how many calls may be in flight, and how that
 * limit moves with the latency and drops the calls report. Allocation-free, synchronous, and on
 * the injected clock.
 *
 * Per call: `tryAcquire()` returns 0 (at the limit: reject) or the number of calls in flight
 * including this one; keep it and the start time, and when the call settles call
 * `release(startedAt, inflight, outcome)`. `onSample` feeds a sample without touching the
 * in-flight count (for a driver that measures latency itself). The limit moves once per sample
 * window (see SampleWindow), never per call.
 */
export class ConcurrencyLimitKernel {
  readonly type: ConcurrencyLimitType;
  readonly minLimit: number;
  readonly maxLimit: number;
  /** The last counted sample window: its average latency, most calls in flight, and whether it saw a drop. */
  readonly window: SampleWindow;
  private readonly algorithm: LimitAlgorithm;
  private readonly clock: Clock;
  private running = 0;
  private current: number;

  constructor(options: ResolvedConcurrencyLimitOptions) {
    this.type = options.type;
    this.minLimit = options.minLimit;
    this.maxLimit = options.maxLimit;
    this.clock = options.clock;
    this.window = new SampleWindow(options.window);
    this.algorithm = options.type === 'aimd' ? new AimdLimit(options) : new GradientLimit(options);
    this.current = Math.floor(this.algorithm.estimate);
  }

  /** How many calls may be in flight now. */
  get limit(): number {
    return this.current;
  }

  /** The algorithm's estimate before rounding down to `limit` (the gradient limit moves in fractions). */
  get estimate(): number {
    return this.algorithm.estimate;
  }

  /** Calls in flight now. */
  get inflight(): number {
    return this.running;
  }

  /** Calls that may start now. */
  get available(): number {
    return this.running < this.current ? this.current - this.running : 0;
  }

  /** Admits a call if fewer than `limit` are in flight: returns 0 when refused, else the in-flight count including it. */
  tryAcquire(): number {
    if (this.running >= this.current) return 0;
    return ++this.running;
  }

  /**
   * A call admitted with `tryAcquire()` settled: frees its place and samples its latency
   * (`now - startedAt`) unless `outcome` is LIMIT_IGNORE. Returns whether the limit changed.
   */
  release(
    startedAt: number,
    inflight: number,
    outcome: LimitOutcome,
    now: number = this.clock.now(),
  ): boolean {
    if (this.running === 0) throw new Error('ConcurrencyLimitKernel.release: no call is in flight');
    this.running--;
    if (outcome === LIMIT_IGNORE) return false;
    return this.onSample(now - startedAt, inflight, outcome === LIMIT_DROP, now);
  }

  /**
   * Records one call's latency, the calls in flight when it started, and whether it was dropped,
   * at `now`. Returns whether the limit changed (a sample window closed and moved it).
   */
  onSample(rttMs: number, inflight: number, dropped: boolean, now: number = this.clock.now()): boolean {
    const window = this.window;
    if (!window.add(now, rttMs, inflight, dropped)) return false;
    this.algorithm.update(window.rtt, window.inflight, window.dropped);
    const limit = Math.floor(this.algorithm.estimate);
    if (limit === this.current) return false;
    this.current = limit;
    return true;
  }

  /** Configuration and state, for dashboards and the Registry. */
  toJSON(): {
    type: ConcurrencyLimitType;
    limit: number;
    inflight: number;
    minLimit: number;
    maxLimit: number;
  } {
    return {
      type: this.type,
      limit: this.current,
      inflight: this.running,
      minLimit: this.minLimit,
      maxLimit: this.maxLimit,
    };
  }
}

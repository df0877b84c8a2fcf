import type { Clock } from '../../clock/index.js';
import type { ResolvedRetryBudget } from './options.js';

/** How many slices the sliding window is kept in: the window slides one tenth at a time. */
const BUCKETS = 10;

/**
 * A retry budget, as in Finagle and Linkerd: retries are allowed only while, over the sliding
 * window, retries ≤ ratio × first attempts + minRetriesPerSecond × window seconds. It stops a
 * retry storm: when a dependency fails for everyone, retries add at most `ratio` to its load
 * instead of multiplying it by maxAttempts.
 *
 * Counts live in fixed slices of `window / 10`, rotated on access from `clock.now()`, so the
 * budget keeps no timer and allocates nothing after construction.
 */
export class RetryBudget {
  readonly config: ResolvedRetryBudget;
  private readonly clock: Clock;
  private readonly sliceMs: number;
  private readonly floor: number;
  private readonly firsts = new Float64Array(BUCKETS);
  private readonly retries = new Float64Array(BUCKETS);
  private head = 0;
  private headStart: number;
  private totalFirsts = 0;
  private totalRetries = 0;

  constructor(config: ResolvedRetryBudget, clock: Clock) {
    this.config = config;
    this.clock = clock;
    this.sliceMs = config.window / BUCKETS;
    this.floor = (config.minRetriesPerSecond * config.window) / 1000;
    this.headStart = clock.now();
  }

  /** Counts one first attempt (one call), which earns `ratio` of a retry. */
  deposit(): void {
    this.rotate();
    this.firsts[this.head]!++;
    this.totalFirsts++;
  }

  /** Takes one retry from the budget and returns true, or returns false when none is left. */
  tryWithdraw(): boolean {
    this.rotate();
    if (this.totalRetries + 1 > this.config.ratio * this.totalFirsts + this.floor) return false;
    this.retries[this.head]!++;
    this.totalRetries++;
    return true;
  }

  /** How many retries the budget would allow right now. */
  get available(): number {
    this.rotate();
    return Math.max(0, Math.floor(this.config.ratio * this.totalFirsts + this.floor - this.totalRetries));
  }

  /** First attempts and retries counted in the current window. */
  get counts(): { firstAttempts: number; retries: number } {
    this.rotate();
    return { firstAttempts: this.totalFirsts, retries: this.totalRetries };
  }

  private rotate(): void {
    const elapsed = Math.floor((this.clock.now() - this.headStart) / this.sliceMs);
    if (elapsed <= 0) return;
    this.headStart += elapsed * this.sliceMs;
    if (elapsed >= BUCKETS) {
      this.firsts.fill(0);
      this.retries.fill(0);
      this.totalFirsts = 0;
      this.totalRetries = 0;
      return;
    }
    for (let i = 0; i < elapsed; i++) {
      this.head = (this.head + 1) % BUCKETS;
      this.totalFirsts -= this.firsts[this.head]!;
      this.totalRetries -= this.retries[this.head]!;
      this.firsts[this.head] = 0;
      this.retries[this.head] = 0;
    }
  }
}

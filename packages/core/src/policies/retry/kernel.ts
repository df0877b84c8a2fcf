import type { Random } from '../../random/index.js';
import { createBackoff, type Backoff } from '../../backoff/index.js';
import type { ErrorPredicate, ResultPredicate } from '../../policy/outcome.js';
import type { ResolvedRetryOptions, RetryDelayFunction } from './options.js';
import { RetryBudget } from './budget.js';

/** The longest delay a timer can be set for (about 24.8 days). */
const LONGEST_TIMER_MS = 2_147_483_647;

/**
 * What the kernel answers after an attempt ends:
 * - `retry`: make another attempt (a retry has been taken from the budget);
 * - `notHandled`: the outcome is not a failure this policy retries: pass it on as it is;
 * - `attemptsExhausted`: a handled failure, but maxAttempts have been made;
 * - `budgetExhausted`: a handled failure, but the retry budget is spent.
 */
export type RetryDecision = 'retry' | 'notHandled' | 'attemptsExhausted' | 'budgetExhausted';

/**
 * The retry decision kernel: every decision a retry makes, synchronous and timer-free, so the
 * async driver and the simulator's event loop make identical choices from the same state.
 *
 * An outcome is given as `(failed, value)`: `failed` true with the thrown error, or false with
 * the returned result. The simulator passes its failure code (e.g. 'timeout') as the error: a
 * design file cannot set `handle`, so every failure is handled there and the value is not read.
 *
 * Per call, a driver calls `onFirstAttempt()` once, then after each attempt `decide(...)`, and
 * on 'retry' waits `delayBefore(...)` before the next attempt.
 */
export class RetryKernel {
  readonly options: ResolvedRetryOptions;
  /** Total attempts allowed per call, including the first. */
  readonly maxAttempts: number;
  /** The budget shared by every call through this policy, when one is configured. */
  readonly budget: RetryBudget | undefined;
  private readonly handle: ErrorPredicate | undefined;
  private readonly handleResult: ResultPredicate | undefined;
  private readonly backoff: Backoff | undefined;
  private readonly delayFunction: RetryDelayFunction | undefined;
  private readonly maxDelay: number;
  private readonly random: Random;

  constructor(options: ResolvedRetryOptions) {
    this.options = options;
    this.maxAttempts = options.maxAttempts;
    this.handle = options.handle;
    this.handleResult = options.handleResult;
    this.backoff = options.backoff && createBackoff(options.backoff);
    this.delayFunction = options.delay;
    this.maxDelay = options.maxDelay;
    this.random = options.random;
    this.budget = options.budget && new RetryBudget(options.budget, options.clock);
  }

  /** Whether results are ever retried, i.e. whether a driver must look at successful results. */
  get handlesResults(): boolean {
    return this.handleResult !== undefined;
  }

  /** Counts a call's first attempt toward the retry budget; call it once per call. */
  onFirstAttempt(): void {
    if (this.budget !== undefined) this.budget.deposit();
  }

  /** Whether an outcome is a failure this policy retries (by `handle` / `handleResult`); no side effect. */
  handles(failed: boolean, value: unknown): boolean {
    if (failed) return this.handle === undefined || this.handle(value);
    return this.handleResult !== undefined && this.handleResult(value);
  }

  /** Decides what follows attempt number `attempt` (1-based); takes a retry from the budget on 'retry'. */
  decide(attempt: number, failed: boolean, value: unknown): RetryDecision {
    if (!this.handles(failed, value)) return 'notHandled';
    if (attempt >= this.maxAttempts) return 'attemptsExhausted';
    if (!this.tryConsumeRetry()) return 'budgetExhausted';
    return 'retry';
  }

  /** `decide(...) === 'retry'`: the same side effect on the budget. */
  shouldRetry(attempt: number, failed: boolean, value: unknown): boolean {
    return this.decide(attempt, failed, value) === 'retry';
  }

  /** Takes one retry from the budget; always true when there is no budget. */
  tryConsumeRetry(): boolean {
    return this.budget === undefined || this.budget.tryWithdraw();
  }

  /**
   * The delay in ms before attempt `nextAttempt` (2 for the first retry): from `delay` or the
   * backoff, then capped by maxDelay. `previousDelay` is the delay this call waited last (0 at
   * first); decorrelated jitter grows from it. A negative or NaN delay counts as 0, and no delay
   * exceeds 2^31 − 1 ms (the longest timer Node keeps). Draws from
   * the injected random source when the backoff has jitter.
   */
  delayBefore(nextAttempt: number, previousDelay: number, failed = true, value?: unknown): number {
    const attempt = nextAttempt - 1;
    const ms =
      this.delayFunction !== undefined
        ? this.delayFunction({
            attempt,
            outcome: failed ? { error: value } : { result: value },
            previousDelay,
          })
        : this.backoff!.delay(attempt, previousDelay, this.random);
    if (!(ms > 0)) return 0;
    const capped = ms < this.maxDelay ? ms : this.maxDelay;
    // Node fires a timer longer than 2^31 − 1 ms after 1ms instead: never ask for one.
    return capped < LONGEST_TIMER_MS ? capped : LONGEST_TIMER_MS;
  }

  /** The kernel's state for dashboards and the Registry. */
  toJSON(): { maxAttempts: number; budget?: { available: number; firstAttempts: number; retries: number } } {
    if (this.budget === undefined) return { maxAttempts: this.maxAttempts };
    return {
      maxAttempts: this.maxAttempts,
      budget: { available: this.budget.available, ...this.budget.counts },
    };
  }
}

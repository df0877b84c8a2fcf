import type { Clock } from '../../clock/index.js';
import { TimeoutError } from '../../errors/index.js';
import type { ResolvedTimeoutOptions, TimeoutStrategy } from './options.js';

/**
 * The timeout decision kernel. A timeout decides little, but it decides it here, so the async
 * driver and the simulator (which schedules its own deadline event at `deadlineFor(now)`) agree:
 * when a call's deadline falls, whether it has passed, and what the caller is told.
 *
 * Per call, a driver takes `deadlineFor(start)`; at that time, if the call is still running, it
 * aborts the call's signal with `timeoutError()`. An aggressive kernel (`answersAtDeadline`)
 * rejects the caller then; a cooperative one waits for the call and turns a failure that
 * follows the deadline into `timeoutError(cause)`.
 */
export class TimeoutKernel {
  readonly options: ResolvedTimeoutOptions;
  /** How long one call may take, in ms. */
  readonly duration: number;
  readonly strategy: TimeoutStrategy;
  /** True for `aggressive`: the caller is answered at the deadline, not when the call settles. */
  readonly answersAtDeadline: boolean;
  private readonly clock: Clock;

  constructor(options: ResolvedTimeoutOptions) {
    this.options = options;
    this.duration = options.duration;
    this.strategy = options.strategy;
    this.answersAtDeadline = options.strategy === 'aggressive';
    this.clock = options.clock;
  }

  /** The deadline of a call that starts at `now`. */
  deadlineFor(now: number): number {
    return now + this.duration;
  }

  /** The deadline of a call that starts now, on the kernel's clock. */
  deadline(): number {
    return this.clock.now() + this.duration;
  }

  /** Whether a call with this deadline has run out of time at `now` (default: the clock's now). */
  isPast(deadline: number, now: number = this.clock.now()): boolean {
    return now >= deadline;
  }

  /**
   * The error of a call that timed out. Cooperative: what the call rejects with when it fails
   * after its deadline (`cause` is the call's own error), whatever that error was — once the
   * signal aborted, a failure is taken as its consequence.
   */
  timeoutError(cause?: unknown): TimeoutError {
    return cause === undefined ? new TimeoutError(this.duration) : new TimeoutError(this.duration, { cause });
  }

  /** The kernel's configuration, for dashboards and the Registry. */
  toJSON(): { duration: number; strategy: TimeoutStrategy } {
    return { duration: this.duration, strategy: this.strategy };
  }
}

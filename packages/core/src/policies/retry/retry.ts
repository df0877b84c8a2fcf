import type { TimerHandle } from '../../clock/index.js';
import { Emitter, type EventSubscriber } from '../../events/index.js';
import {
  NEVER_ABORTED,
  PolicyBase,
  abortReason,
  contextOf,
  invoke,
  isAborted,
  onAbort,
  type ExecuteOptions,
  type PolicyFunction,
} from '../../policy/index.js';
import { PASS_RESULT, STAGE, TAKE_OVER, type Stage } from '../../policy/stage.js';
import { RetryKernel, type RetryDecision } from './kernel.js';
import { resolveRetryOptions, type ResolvedRetryOptions, type RetryOptions } from './options.js';
import {
  RETRY_EVENTS,
  type RetryGiveUpEvent,
  type RetryGiveUpReason,
  type RetryEvent,
  type RetrySuccessEvent,
} from './events.js';
import type { Outcome } from '../../policy/outcome.js';

/**
 * Retries failed calls: up to maxAttempts attempts, waiting a backoff between them, within an
 * optional retry budget. Every decision is the kernel's; this driver only turns delays into
 * timers and outcomes into promises.
 */
export function retry(options: RetryOptions = {}): RetryPolicy {
  return new RetryPolicy(resolveRetryOptions(options));
}

/** What follows an attempt: the kernel's decision, or 'aborted' when the caller's signal aborted. */
type Next = RetryDecision | 'aborted';

/** The state of one call that is being retried. Only calls that fail get one. */
class RetryRun<T> {
  attempt = 1;
  previousDelay = 0;
  timer: TimerHandle = undefined;
  stopListening: () => void = noop;
  lastFailed = true;
  lastValue: unknown = undefined;
  resolve: (value: T) => void = noop;
  reject: (reason: unknown) => void = noop;
  // Bound once per run, so each attempt and each wait allocates nothing more.
  fire: () => void = noop;
  abort: () => void = noop;
  succeeded: (result: T) => void = noop;
  failed: (error: unknown) => void = noop;

  constructor(
    readonly fn: PolicyFunction<T>,
    readonly signal: AbortSignal,
  ) {}
}

/** The retry policy: see {@link retry}. `kernel` is what the simulator drives directly. */
export class RetryPolicy extends PolicyBase {
  readonly kernel: RetryKernel;
  private readonly retries = new Emitter<RetryEvent>();
  private readonly giveUps = new Emitter<RetryGiveUpEvent>();
  private readonly successes = new Emitter<RetrySuccessEvent>();
  /** A failed attempt will be retried (emitted before the delay starts). */
  readonly onRetry: EventSubscriber<RetryEvent> = this.retries.subscribe;
  /** The policy stopped retrying a handled failure: attempts or budget spent, or the caller aborted. */
  readonly onGiveUp: EventSubscriber<RetryGiveUpEvent> = this.giveUps.subscribe;
  /** A call succeeded, after however many attempts. */
  readonly onSuccess: EventSubscriber<RetrySuccessEvent> = this.successes.subscribe;

  constructor(options: ResolvedRetryOptions) {
    super('retry', options.name, options.clock);
    this.kernel = new RetryKernel(options);
  }

  /** Runs `fn`, retrying handled failures; rejects with the last error, or the abort reason. */
  execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    const context = contextOf(options);
    const signal = context.signal;
    if (isAborted(context)) return Promise.reject(abortReason(signal));
    this.kernel.onFirstAttempt();
    const first = invoke(fn, context.attempt === 1 ? context : { signal, attempt: 1 });
    // The success path allocates only this handler; a retry run is built on the first failure.
    const onError = (error: unknown): T | Promise<T> => this.afterFirst(fn, signal, true, error);
    if (this.kernel.handlesResults)
      return first.then((result) => this.afterFirst(fn, signal, false, result), onError);
    return first.then(this.observed ? this.firstSucceeded : undefined, onError);
  }

  /**
   * @internal In a pipeline: the first attempt is counted here, and its outcome handled as in
   * `execute`; a retry runs the policies inside this one again.
   */
  readonly [STAGE]: Stage = {
    splits: RetryPolicy.prototype.execute,
    enter: (context) => {
      // A retry inside a retry or a hedge (attempt > 1) numbers its own attempts from 1: the
      // context changes, which its execute does.
      if (context.attempt !== 1 || isAborted(context)) return TAKE_OVER;
      this.kernel.onFirstAttempt();
      // As in execute, whether a first-attempt success is reported is decided when the call starts.
      return this.kernel.handlesResults || this.observed ? undefined : PASS_RESULT;
    },
    settle: (_token, context, failed, value, call, index) => {
      if (!failed && !this.kernel.handlesResults) {
        this.emitSuccess(1);
        return value;
      }
      return this.afterFirst(call.inner(index), context.signal, failed, value);
    },
  };

  /** The kernel's state (attempts, budget) for dashboards and the Registry. */
  toJSON(): ReturnType<RetryKernel['toJSON']> {
    return this.kernel.toJSON();
  }

  private get observed(): boolean {
    return this.successes.size > 0 || this.monitored;
  }

  private readonly firstSucceeded = <T>(result: T): T => {
    this.emitSuccess(1);
    return result;
  };

  private afterFirst<T>(
    fn: PolicyFunction<T>,
    signal: AbortSignal,
    failed: boolean,
    value: unknown,
  ): T | Promise<T> {
    const next = this.next(1, signal, failed, value);
    if (next !== 'retry') return this.conclude<T>(1, next, signal, failed, value);
    const run = new RetryRun(fn, signal);
    run.fire = () => this.attemptAgain(run);
    run.abort = () => this.abortWait(run);
    run.succeeded = (result) => this.afterAttempt(run, false, result);
    run.failed = (error) => this.afterAttempt(run, true, error);
    const promise = new Promise<T>((resolve, reject) => {
      run.resolve = resolve;
      run.reject = reject;
    });
    this.wait(run, failed, value);
    return promise;
  }

  /** The kernel decides; the driver adds only that nothing is retried once the caller aborted. */
  private next(attempt: number, signal: AbortSignal, failed: boolean, value: unknown): Next {
    if (signal !== NEVER_ABORTED && signal.aborted && (failed || this.kernel.handles(failed, value)))
      return 'aborted';
    return this.kernel.decide(attempt, failed, value);
  }

  /** Ends a call with the outcome of its last attempt: returns the result or throws. */
  private conclude<T>(attempts: number, next: Next, signal: AbortSignal, failed: boolean, value: unknown): T {
    if (next === 'notHandled') {
      if (failed) throw value;
      if (this.observed) this.emitSuccess(attempts);
      return value as T;
    }
    if (next !== 'retry') this.emitGiveUp(attempts, next, failed, value);
    if (!failed) return value as T;
    throw next === 'aborted' ? abortReason(signal) : value;
  }

  private wait<T>(run: RetryRun<T>, failed: boolean, value: unknown): void {
    try {
      const delay = this.kernel.delayBefore(run.attempt + 1, run.previousDelay, failed, value);
      run.previousDelay = delay;
      if (this.retries.size > 0 || this.monitored) this.emitRetry(run.attempt, delay, failed, value);
      if (delay <= 0) {
        this.attemptAgain(run);
        return;
      }
      run.lastFailed = failed;
      run.lastValue = value;
      run.timer = this.clock.setTimeout(run.fire, delay);
      run.stopListening = onAbort(run.signal, run.abort);
    } catch (error) {
      run.reject(error);
    }
  }

  private attemptAgain<T>(run: RetryRun<T>): void {
    run.stopListening();
    run.stopListening = noop;
    run.timer = undefined;
    run.lastValue = undefined;
    run.attempt++;
    invoke(run.fn, { signal: run.signal, attempt: run.attempt }).then(run.succeeded, run.failed);
  }

  private afterAttempt<T>(run: RetryRun<T>, failed: boolean, value: unknown): void {
    try {
      const next = this.next(run.attempt, run.signal, failed, value);
      if (next === 'retry') this.wait(run, failed, value);
      else run.resolve(this.conclude<T>(run.attempt, next, run.signal, failed, value));
    } catch (error) {
      run.reject(error);
    }
  }

  /** The caller aborted during a delay: no timer is left behind and the call rejects at once. */
  private abortWait<T>(run: RetryRun<T>): void {
    this.clock.clearTimeout(run.timer);
    run.timer = undefined;
    run.stopListening = noop;
    this.emitGiveUp(run.attempt, 'aborted', run.lastFailed, run.lastValue);
    run.lastValue = undefined;
    run.reject(abortReason(run.signal));
  }

  private emitRetry(attempt: number, delay: number, failed: boolean, value: unknown): void {
    const event: RetryEvent = { attempt, delay, outcome: outcomeOf(failed, value) };
    this.retries.emit(event);
    this.report(RETRY_EVENTS.retry, 'warning', event);
  }

  private emitGiveUp(attempts: number, reason: RetryGiveUpReason, failed: boolean, value: unknown): void {
    if (this.giveUps.size === 0 && !this.monitored) return;
    const event: RetryGiveUpEvent = { attempts, reason, outcome: outcomeOf(failed, value) };
    this.giveUps.emit(event);
    this.report(RETRY_EVENTS.giveUp, 'error', event);
  }

  private emitSuccess(attempts: number): void {
    const event: RetrySuccessEvent = { attempts };
    this.successes.emit(event);
    this.report(RETRY_EVENTS.success, attempts > 1 ? 'info' : 'debug', event);
  }
}

function outcomeOf(failed: boolean, value: unknown): Outcome {
  return failed ? { error: value } : { result: value };
}

function noop(): void {}

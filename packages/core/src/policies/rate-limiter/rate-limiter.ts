import type { TimerHandle } from '../../clock/index.js';
import { RateLimitedError } from '../../errors/index.js';
import { Emitter, type EventSubscriber } from '../../events/index.js';
import {
  PolicyBase,
  abortReason,
  contextOf,
  invoke,
  isAborted,
  onAbort,
  type ExecuteContext,
  type ExecuteOptions,
  type PolicyFunction,
} from '../../policy/index.js';
import { Waiter, WaiterQueue } from '../bulkhead/waiter-queue.js';
import { createRateLimiterKernel } from './create-kernel.js';
import { RATE_LIMITER_EVENTS, type RateLimiterRejectedEvent } from './events.js';
import type { RateLimiterKernel } from './kernel.js';
import {
  resolveRateLimiterOptions,
  type RateLimiterOptions,
  type ResolvedRateLimiterOptions,
} from './options.js';

/**
 * Limits how often calls start: `rateLimiter({ rate: 100, per: '1s' })` (a token bucket) or
 * `rateLimiter({ type: 'sliding-window', limit: 100, window: '1s' })`. A call beyond the rate
 * rejects with RateLimitedError, or with `mode: 'wait'` waits for its permit up to `maxWait`.
 */
export function rateLimiter(options: RateLimiterOptions): RateLimiterPolicy {
  return new RateLimiterPolicy(resolveRateLimiterOptions(options));
}

/** The rate limiter policy: see {@link rateLimiter}. `kernel` is what the simulator drives directly. */
export class RateLimiterPolicy extends PolicyBase {
  /** The decision kernel; the simulator drives it directly. */
  readonly kernel: RateLimiterKernel;
  readonly options: ResolvedRateLimiterOptions;
  /** @internal Calls waiting for a permit, oldest first; one timer serves the head. */
  readonly waiters = new WaiterQueue<PermitWaiter>();
  private timer: TimerHandle | undefined = undefined;
  /** True while the timer starts waiting calls: a call queued meanwhile (re-entrantly) needs no timer. */
  private admitting = false;

  private readonly rejections = new Emitter<RateLimiterRejectedEvent>();
  /** A call was refused. */
  readonly onRejected: EventSubscriber<RateLimiterRejectedEvent> = this.rejections.subscribe;

  // Bound once: the shared timer's callback.
  private readonly admitWaiters = (): void => {
    this.timer = undefined;
    this.admitting = true;
    try {
      while (this.waiters.size > 0) {
        const wait = this.kernel.takeQueued();
        if (wait > 0) {
          this.schedule(wait);
          return;
        }
        this.waiters.shift()!.start();
      }
    } finally {
      this.admitting = false;
    }
  };

  constructor(options: ResolvedRateLimiterOptions) {
    super('rateLimiter', options.name, options.clock);
    this.options = options;
    this.kernel = createRateLimiterKernel(options);
  }

  /** Permits a call could take right now. */
  get available(): number {
    return this.kernel.available;
  }

  /** Calls waiting for a permit now (wait mode). */
  get waiting(): number {
    return this.kernel.waiting;
  }

  /**
   * Runs `fn` now if a permit is free; in wait mode, once its permit comes. Rejects with
   * RateLimitedError when refused, and with the signal's reason if the caller aborts while
   * waiting (its place is freed at once, so the calls behind it move up).
   */
  execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    const context = contextOf(options);
    if (isAborted(context)) return Promise.reject(abortReason(context.signal));
    const wait = this.kernel.tryAcquire();
    if (wait === 0) return invoke(fn, context);
    if (wait < 0) {
      const retryAfterMs = this.kernel.retryAfterMs;
      this.emitRejected(retryAfterMs, context.attempt);
      return Promise.reject(new RateLimitedError(retryAfterMs));
    }
    const call = new WaitingCall(this, fn, context);
    this.waiters.push(call);
    // The timer always serves the head; a newcomer behind it needs no timer of its own.
    if (this.timer === undefined && !this.admitting) this.schedule(wait);
    return call.promise;
  }

  /** Configuration and counts, for dashboards and the Registry. */
  toJSON(): Record<string, unknown> {
    return this.kernel.toJSON();
  }

  /** @internal A waiting call gave up: it leaves the queue; with nobody left, the timer stops. */
  leave(call: PermitWaiter): boolean {
    if (!this.waiters.remove(call)) return false;
    this.kernel.leaveQueue();
    if (this.waiters.size === 0 && this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    return true;
  }

  private schedule(wait: number): void {
    // Whole milliseconds, rounded up: a timer that fires a fraction early would only find the
    // permit not yet due and set itself again.
    this.timer = this.clock.setTimeout(this.admitWaiters, Math.ceil(wait));
  }

  private emitRejected(retryAfterMs: number, attempt: number): void {
    if (this.rejections.size === 0 && !this.monitored) return;
    const event: RateLimiterRejectedEvent = { retryAfterMs, waiting: this.kernel.waiting, attempt };
    this.rejections.emit(event);
    this.report(RATE_LIMITER_EVENTS.rejected, 'warning', event);
  }
}

/** What the queue holds: a call that starts when its permit comes. */
interface PermitWaiter extends Waiter {
  start(): void;
}

/** A call waiting for its permit, until it comes or the caller aborts. */
class WaitingCall<T> extends Waiter implements PermitWaiter {
  readonly promise: Promise<T>;
  private resolve!: (result: T | PromiseLike<T>) => void;
  private reject!: (reason: unknown) => void;
  private readonly stopListening: () => void;

  constructor(
    private readonly policy: RateLimiterPolicy,
    private readonly fn: PolicyFunction<T>,
    private readonly context: ExecuteContext,
  ) {
    super();
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    const signal = context.signal;
    this.stopListening = onAbort(signal, () => this.giveUp(abortReason(signal)));
  }

  /** Its permit came: run it. */
  start(): void {
    this.stopListening();
    this.resolve(invoke(this.fn, this.context));
  }

  private giveUp(reason: unknown): void {
    if (!this.policy.leave(this)) return;
    this.stopListening();
    this.reject(reason);
  }
}

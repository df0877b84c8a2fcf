import type { TimerHandle } from '../../clock/index.js';
import { BulkheadRejectedError } from '../../errors/index.js';
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
import { STAGE, TAKE_OVER, type Stage } from '../../policy/stage.js';
import { BulkheadQueueTimeoutError } from './errors.js';
import {
  BULKHEAD_EVENTS,
  type BulkheadQueuedEvent,
  type BulkheadRejectReason,
  type BulkheadRejectedEvent,
} from './events.js';
import { BULKHEAD_QUEUE, BULKHEAD_RUN, BulkheadKernel } from './kernel.js';
import { resolveBulkheadOptions, type BulkheadOptions, type ResolvedBulkheadOptions } from './options.js';
import { Waiter, WaiterQueue } from './waiter-queue.js';

/**
 * Limits how many calls run at once: `bulkhead({ maxConcurrent: 20, maxQueue: 10 })`. Calls
 * beyond `maxConcurrent` wait first in first out, up to `maxQueue` of them; beyond that they
 * reject with BulkheadRejectedError.
 */
export function bulkhead(options: BulkheadOptions): BulkheadPolicy {
  return new BulkheadPolicy(resolveBulkheadOptions(options));
}

/** The bulkhead policy: see {@link bulkhead}. `kernel` is what the simulator drives directly. */
export class BulkheadPolicy extends PolicyBase {
  /** The decision kernel; the simulator drives it directly. */
  readonly kernel: BulkheadKernel;
  readonly options: ResolvedBulkheadOptions;
  /** @internal Calls waiting for a slot, oldest first. */
  readonly waiters = new WaiterQueue<SlotWaiter>();

  private readonly rejections = new Emitter<BulkheadRejectedEvent>();
  private readonly queueings = new Emitter<BulkheadQueuedEvent>();
  /** A call was refused: the bulkhead was full, or it waited `queueTimeout` in vain. */
  readonly onRejected: EventSubscriber<BulkheadRejectedEvent> = this.rejections.subscribe;
  /** A call joined the queue. */
  readonly onQueued: EventSubscriber<BulkheadQueuedEvent> = this.queueings.subscribe;

  // Bound once, so a call that finds a free slot allocates nothing but its own promise.
  private readonly releaseAfterSuccess = <T>(result: T): T => {
    this.release();
    return result;
  };
  private readonly releaseAfterFailure = (error: unknown): never => {
    this.release();
    throw error;
  };

  constructor(options: ResolvedBulkheadOptions) {
    super('bulkhead', options.name, options.clock);
    this.options = options;
    this.kernel = new BulkheadKernel(options);
  }

  /** Calls running now. */
  get executing(): number {
    return this.kernel.executing;
  }

  /** Calls waiting for a slot now. */
  get queued(): number {
    return this.kernel.queued;
  }

  /** Free slots now. */
  get available(): number {
    return this.kernel.available;
  }

  /**
   * Runs `fn` in a free slot, or once one frees up if it has to queue. Rejects with
   * BulkheadRejectedError when full, and with the signal's reason when the caller aborts while
   * queued (its place is freed at once). A call already running is never interrupted here.
   */
  execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    const context = contextOf(options);
    if (isAborted(context)) return Promise.reject(abortReason(context.signal));
    const admission = this.kernel.tryEnter();
    if (admission === BULKHEAD_RUN) return this.run(fn, context);
    if (admission === BULKHEAD_QUEUE) {
      const call = new QueuedCall(this, fn, context);
      this.waiters.push(call);
      this.emitQueued(context.attempt);
      return call.promise;
    }
    this.emitRejected('full', context.attempt);
    return Promise.reject(new BulkheadRejectedError(this.kernel.maxConcurrent, this.kernel.maxQueue));
  }

  /**
   * @internal In a pipeline: a call that finds a free slot takes it here and frees it when the
   * call inside settles; one that would queue or be rejected goes through `execute`.
   */
  readonly [STAGE]: Stage = {
    splits: BulkheadPolicy.prototype.execute,
    enter: (context) => {
      if (this.kernel.available <= 0 || isAborted(context)) return TAKE_OVER;
      this.kernel.tryEnter(); // a free slot: BULKHEAD_RUN
      return undefined;
    },
    settle: (_token, _context, failed, value) => {
      this.release();
      if (failed) throw value;
      return value;
    },
  };

  /** Configuration and counts, for dashboards and the Registry. */
  toJSON(): ReturnType<BulkheadKernel['toJSON']> {
    return this.kernel.toJSON();
  }

  /** @internal Runs `fn` in a slot already taken for it, and frees the slot when it settles. */
  run<T>(fn: PolicyFunction<T>, context: ExecuteContext): Promise<T> {
    return invoke(fn, context).then(this.releaseAfterSuccess<T>, this.releaseAfterFailure);
  }

  /** @internal A queued call gave up: it leaves the queue and the kernel frees its place. */
  leave(call: SlotWaiter): boolean {
    if (!this.waiters.remove(call)) return false;
    this.kernel.leaveQueue();
    return true;
  }

  /** @internal Emits the rejected event; builds it only when someone listens. */
  emitRejected(reason: BulkheadRejectReason, attempt: number): void {
    if (this.rejections.size === 0 && !this.monitored) return;
    const event: BulkheadRejectedEvent = {
      reason,
      executing: this.kernel.executing,
      queued: this.kernel.queued,
      attempt,
    };
    this.rejections.emit(event);
    this.report(BULKHEAD_EVENTS.rejected, 'warning', event);
  }

  private emitQueued(attempt: number): void {
    if (this.queueings.size === 0 && !this.monitored) return;
    const event: BulkheadQueuedEvent = {
      executing: this.kernel.executing,
      queued: this.kernel.queued,
      attempt,
    };
    this.queueings.emit(event);
    this.report(BULKHEAD_EVENTS.queued, 'debug', event);
  }

  private release(): void {
    if (!this.kernel.release()) return;
    // The kernel handed the slot to the head of the queue: it runs now.
    const next = this.waiters.shift();
    if (next === undefined)
      throw new Error('BulkheadPolicy: the kernel counted a queued call the queue lacks');
    next.start();
  }
}

/** What the queue holds: a call that starts when a slot passes to it. */
interface SlotWaiter extends Waiter {
  start(): void;
}

/** A call waiting in the queue: until a slot passes to it, its caller aborts, or its queue time runs out. */
class QueuedCall<T> extends Waiter implements SlotWaiter {
  readonly promise: Promise<T>;
  private resolve!: (result: T | PromiseLike<T>) => void;
  private reject!: (reason: unknown) => void;
  private readonly stopListening: () => void;
  private readonly timer: TimerHandle | undefined;

  constructor(
    private readonly policy: BulkheadPolicy,
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
    const queueTimeout = policy.kernel.queueTimeout;
    this.timer =
      queueTimeout === Number.POSITIVE_INFINITY
        ? undefined
        : policy.options.clock.setTimeout(() => this.timedOut(), queueTimeout);
  }

  /** The kernel passed a slot to this call: run it there. */
  start(): void {
    this.cleanUp();
    this.resolve(this.policy.run(this.fn, this.context));
  }

  private timedOut(): void {
    if (!this.policy.leave(this)) return;
    this.stopListening();
    const kernel = this.policy.kernel;
    this.policy.emitRejected('queueTimeout', this.context.attempt);
    this.reject(new BulkheadQueueTimeoutError(kernel.maxConcurrent, kernel.maxQueue, kernel.queueTimeout));
  }

  private giveUp(reason: unknown): void {
    if (!this.policy.leave(this)) return;
    this.cleanUp();
    this.reject(reason);
  }

  private cleanUp(): void {
    this.stopListening();
    if (this.timer !== undefined) this.policy.options.clock.clearTimeout(this.timer);
  }
}

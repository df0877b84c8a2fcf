import type { Duration } from '../../duration/index.js';
import { Emitter, type EventSubscriber } from '../../events/index.js';
import {
  NEVER_ABORTED,
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
import { AttemptContext } from './attempt-context.js';
import { Deadline, DeadlineQueue } from './deadlines.js';
import { TIMEOUT_EVENTS, type TimeoutEvent } from './events.js';
import { TimeoutKernel } from './kernel.js';
import { resolveTimeoutOptions, type ResolvedTimeoutOptions, type TimeoutOptions } from './options.js';

/**
 * Bounds how long a call may take: `timeout(1000)`, `timeout('1s')` or
 * `timeout({ duration: '1s', strategy: 'aggressive' })`. At the deadline the call's signal
 * aborts; the call rejects with TimeoutError (see {@link TimeoutStrategy} for when).
 */
export function timeout(options: TimeoutOptions | Duration): TimeoutPolicy {
  return new TimeoutPolicy(resolveTimeoutOptions(options));
}

/**
 * The timeout policy: see {@link timeout}. `kernel` is what the simulator drives directly.
 * Deadlines of every timeout on one clock share one timer (see DeadlineQueue), so a call that
 * finishes in time costs no timer of its own.
 */
export class TimeoutPolicy extends PolicyBase {
  readonly kernel: TimeoutKernel;
  /** @internal Where this policy's deadlines wait: the queue shared by every policy on its clock. */
  readonly deadlines: DeadlineQueue;
  private readonly timeouts = new Emitter<TimeoutEvent>();
  /** A call reached its deadline. */
  readonly onTimeout: EventSubscriber<TimeoutEvent> = this.timeouts.subscribe;

  constructor(options: ResolvedTimeoutOptions) {
    super('timeout', options.name, options.clock);
    this.kernel = new TimeoutKernel(options);
    this.deadlines = DeadlineQueue.of(options.clock);
  }

  /**
   * Runs `fn` with a signal that aborts at the deadline or when the caller's signal aborts.
   * A caller whose signal has already aborted gets its reason back and `fn` never runs.
   */
  execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    const outer = contextOf(options);
    if (isAborted(outer)) return Promise.reject(abortReason(outer.signal));
    const at = this.kernel.deadlineFor(this.clock.now());
    if (this.kernel.answersAtDeadline) return new AggressiveCall<T>(this, fn, outer, at).promise;
    const call = new CooperativeCall(this, outer);
    this.deadlines.add(call, at);
    return invoke(fn, call.context).then(
      (result) => call.succeeded(result),
      (error: unknown) => call.failed(error),
    );
  }

  /**
   * @internal In a pipeline: a cooperative call's deadline is set here and removed when the call
   * inside settles, as in `execute`; an aggressive timeout, which answers at the deadline
   * whatever the call does, always goes through `execute`.
   */
  readonly [STAGE]: Stage = {
    splits: TimeoutPolicy.prototype.execute,
    enter: (outer) => {
      if (this.kernel.answersAtDeadline || isAborted(outer)) return TAKE_OVER;
      const at = this.kernel.deadlineFor(this.clock.now());
      const call = new CooperativeCall(this, outer);
      this.deadlines.add(call, at);
      return call;
    },
    innerContext: (call) => (call as CooperativeCall).context,
    settle: (call, _context, failed, value) =>
      failed ? (call as CooperativeCall).failed(value) : (call as CooperativeCall).succeeded(value),
  };

  /** The kernel's configuration, for dashboards and the Registry. */
  toJSON(): ReturnType<TimeoutKernel['toJSON']> {
    return this.kernel.toJSON();
  }

  /** @internal Emits the timeout event; builds it only when someone listens. */
  emitTimeout(attempt: number): void {
    if (this.timeouts.size === 0 && !this.monitored) return;
    const event: TimeoutEvent = { duration: this.kernel.duration, strategy: this.kernel.strategy, attempt };
    this.timeouts.emit(event);
    this.report(TIMEOUT_EVENTS.timeout, 'warning', event);
  }
}

/**
 * One cooperative call: at the deadline its signal aborts, and it still settles when `fn` does.
 * A failure after the deadline becomes a TimeoutError; a result after it is still returned.
 */
class CooperativeCall extends Deadline {
  // Declared, and assigned in the constructor: field initializers in a derived class cost V8
  // (Node 20) twice as much as assignments, and every cooperative call makes one of these.
  declare readonly context: AttemptContext;
  /** The abort reason given at the deadline, once it has passed. */
  declare private timeoutError: unknown;
  declare private readonly policy: TimeoutPolicy;

  constructor(policy: TimeoutPolicy, outer: ExecuteContext) {
    super();
    this.policy = policy;
    this.context = new AttemptContext(outer.attempt, outer.signal);
    this.timeoutError = undefined;
  }

  expire(): void {
    const context = this.context;
    // The caller gave up first: the abort is theirs, and so is the error fn fails with.
    if (context.aborted) return;
    const error = this.policy.kernel.timeoutError();
    this.timeoutError = error;
    context.abort(error);
    this.policy.emitTimeout(context.attempt);
  }

  succeeded<T>(result: T): T {
    this.finish();
    return result;
  }

  failed(error: unknown): never {
    this.finish();
    const reason = this.timeoutError;
    if (reason === undefined || error === reason) throw error;
    throw this.policy.kernel.timeoutError(error);
  }

  private finish(): void {
    this.policy.deadlines.remove(this);
    this.context.release();
  }
}

/** One aggressive call: answered at the deadline (or when the caller aborts), whatever fn does. */
class AggressiveCall<T> extends Deadline {
  readonly promise: Promise<T>;
  private readonly context: AttemptContext;
  private settled = false;
  private resolve!: (result: T) => void;
  private reject!: (reason: unknown) => void;
  private stopFollowing: () => void = noop;

  constructor(
    private readonly policy: TimeoutPolicy,
    fn: PolicyFunction<T>,
    outer: ExecuteContext,
    at: number,
  ) {
    super();
    // This call forwards the caller's abort itself (it must answer at once), so the context
    // does not follow the caller's signal on its own.
    this.context = new AttemptContext(outer.attempt);
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    const signal = outer.signal;
    if (signal !== NEVER_ABORTED) this.stopFollowing = onAbort(signal, () => this.callerAborted(signal));
    policy.deadlines.add(this, at);
    invoke(fn, this.context).then(
      (result) => this.succeeded(result),
      (error: unknown) => this.failed(error),
    );
  }

  expire(): void {
    if (this.settled) return;
    const error = this.policy.kernel.timeoutError();
    this.settle();
    this.context.abort(error);
    this.reject(error);
    this.policy.emitTimeout(this.context.attempt);
  }

  private succeeded(result: T): void {
    if (this.settled) return;
    this.settle();
    this.resolve(result);
  }

  private failed(error: unknown): void {
    if (this.settled) return;
    this.settle();
    this.reject(error);
  }

  private callerAborted(signal: AbortSignal): void {
    if (this.settled) return;
    const reason = abortReason(signal);
    this.settle();
    this.context.abort(reason);
    this.reject(reason);
  }

  private settle(): void {
    this.settled = true;
    this.policy.deadlines.remove(this);
    this.stopFollowing();
    this.stopFollowing = noop;
    this.context.release();
  }
}

function noop(): void {}

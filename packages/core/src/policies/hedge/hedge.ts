import { Emitter, type EventSubscriber } from '../../events/index.js';
import {
  NEVER_ABORTED,
  PolicyBase,
  abortReason,
  contextOf,
  invoke,
  onAbort,
  type ExecuteContext,
  type ExecuteOptions,
  type PolicyFunction,
} from '../../policy/index.js';
import { AttemptContext } from '../timeout/attempt-context.js';
import { Deadline, DeadlineQueue } from '../timeout/deadlines.js';
import { HEDGE_EVENTS, type HedgeEvent, type HedgeTrigger } from './events.js';
import { HedgeKernel, type HedgeDecision, type HedgeRace } from './kernel.js';
import { resolveHedgeOptions, type HedgeOptions, type ResolvedHedgeOptions } from './options.js';

/**
 * Hedged requests: when a call has not answered after `delay`, starts another attempt in
 * parallel (up to `maxHedgedAttempts` more); the first success is the answer and the other
 * attempts' signals abort. If every attempt fails, the call rejects with the last error.
 */
export function hedge(options: HedgeOptions): HedgePolicy {
  return new HedgePolicy(resolveHedgeOptions(options));
}

/** The hedge policy: see {@link hedge}. `kernel` is what the simulator drives directly. */
export class HedgePolicy extends PolicyBase {
  readonly kernel: HedgeKernel;
  /** @internal Where the next launch of each call waits: the queue shared by every policy on the clock. */
  readonly deadlines: DeadlineQueue;
  private readonly hedges = new Emitter<HedgeEvent>();
  /** A hedged attempt started. */
  readonly onHedge: EventSubscriber<HedgeEvent> = this.hedges.subscribe;

  constructor(options: ResolvedHedgeOptions) {
    super('hedge', options.name, options.clock);
    this.kernel = new HedgeKernel(options);
    this.deadlines = DeadlineQueue.of(options.clock);
  }

  /**
   * Runs `fn`, and more attempts of it in parallel while no answer comes. Each attempt gets its
   * own signal (aborted when the call is answered or the caller aborts) and the caller's attempt
   * number plus one per hedge. A caller whose signal aborts gets its reason back at once.
   */
  execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    const outer = contextOf(options);
    if (outer.signal.aborted) return Promise.reject(abortReason(outer.signal));
    return new HedgedCall<T>(this, fn, outer).promise;
  }

  /** The kernel's configuration, for dashboards and the Registry. */
  toJSON(): ReturnType<HedgeKernel['toJSON']> {
    return this.kernel.toJSON();
  }

  /** @internal The clock's now, for the calls' next launch. */
  now(): number {
    return this.clock.now();
  }

  /** @internal Emits the hedge event; builds it only when someone listens. */
  emitHedge(attempt: number, hedge: number, trigger: HedgeTrigger): void {
    if (this.hedges.size === 0 && !this.monitored) return;
    const event: HedgeEvent = { attempt, hedge, trigger };
    this.hedges.emit(event);
    this.report(HEDGE_EVENTS.hedge, 'info', event);
  }
}

/**
 * One hedged call: the race state the kernel updates, and the deadline of its next launch.
 * Attempts are numbered from 1 within the call; attempt n runs as `firstAttempt + n - 1`.
 */
class HedgedCall<T> extends Deadline implements HedgeRace {
  launched = 0;
  running = 0;
  over = false;
  readonly promise: Promise<T>;
  private resolve!: (result: T) => void;
  private reject!: (reason: unknown) => void;
  private readonly firstAttempt: number;
  private readonly signal: AbortSignal;
  private stopFollowing: () => void = noop;
  /** The first attempt's context; the hedges' join `hedged` (built only if a hedge starts). */
  private primary: AttemptContext | undefined = undefined;
  private hedged: AttemptContext[] | undefined = undefined;
  /** Bit n-1 is set once attempt n has settled: only attempts still running are aborted. */
  private settledAttempts = 0;

  constructor(
    private readonly policy: HedgePolicy,
    private readonly fn: PolicyFunction<T>,
    outer: ExecuteContext,
  ) {
    super();
    this.firstAttempt = outer.attempt;
    this.signal = outer.signal;
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    if (this.signal !== NEVER_ABORTED) this.stopFollowing = onAbort(this.signal, () => this.callerAborted());
    this.launch('delay');
  }

  /** The delay passed with no answer: start the next attempt. */
  expire(): void {
    this.launch('delay');
  }

  private launch(trigger: HedgeTrigger): void {
    const kernel = this.policy.kernel;
    let n: number;
    let delay: number;
    let context: AttemptContext;
    try {
      n = kernel.launch(this);
      if (n === 0) return;
      // Attempts forward no abort on their own: this call aborts them all when the caller does.
      context = new AttemptContext(this.firstAttempt + n - 1);
      if (n === 1) this.primary = context;
      else (this.hedged ??= []).push(context);
      delay = kernel.nextDelay(this);
    } catch (error) {
      // A delay function that throws or returns nonsense: the call fails with that error.
      kernel.abandon(this);
      this.end(-1, error, false);
      return;
    }
    if (delay > 0 && delay < Infinity) this.policy.deadlines.add(this, this.policy.now() + delay);
    if (n > 1) this.policy.emitHedge(context.attempt, n - 1, trigger);
    invoke(this.fn, context).then(
      (result) => this.succeeded(n, result),
      (error: unknown) => this.failed(n, error),
    );
    if (delay === 0) this.launch('delay');
  }

  private succeeded(n: number, result: T): void {
    this.settledAttempts |= 1 << (n - 1);
    if (this.policy.kernel.succeeded(this) === 'ignore') return;
    this.end(n, undefined, true);
    this.resolve(result);
  }

  private failed(n: number, error: unknown): void {
    this.settledAttempts |= 1 << (n - 1);
    let decision: HedgeDecision;
    try {
      decision = this.policy.kernel.failed(this, error);
    } catch (predicateError) {
      this.policy.kernel.abandon(this);
      this.end(n, predicateError, false);
      return;
    }
    switch (decision) {
      case 'reject':
        this.end(n, error, false);
        return;
      case 'hedge':
        this.policy.deadlines.remove(this);
        this.launch('failure');
        return;
      default:
        // 'wait' or 'ignore': nothing to do until another attempt settles or the delay passes.
        return;
    }
  }

  private callerAborted(): void {
    if (this.over) return;
    this.policy.kernel.abandon(this);
    const reason = abortReason(this.signal);
    this.end(-1, reason, false);
  }

  /**
   * The call has its answer: no further launch, no listener on the caller's signal, and every
   * attempt still running is aborted. A failure (`succeeded` false) rejects with `error`.
   */
  private end(answeredBy: number, error: unknown, succeeded: boolean): void {
    this.over = true;
    this.policy.deadlines.remove(this);
    this.stopFollowing();
    this.stopFollowing = noop;
    if (this.running > 0) this.abortRunning(answeredBy, error, succeeded);
    this.primary = this.hedged = undefined;
    if (!succeeded) this.reject(error);
  }

  private abortRunning(answeredBy: number, error: unknown, succeeded: boolean): void {
    let reason: unknown;
    const contexts = this.hedged === undefined ? [this.primary] : [this.primary, ...this.hedged];
    for (let i = 0; i < contexts.length; i++) {
      const n = i + 1;
      if (n === answeredBy || this.settledAttempts & (1 << i)) continue;
      reason ??=
        answeredBy === -1
          ? error
          : new DOMException(
              succeeded
                ? `Another hedged attempt (#${answeredBy}) succeeded first`
                : `Another hedged attempt (#${answeredBy}) failed with an error that ends the call`,
              'AbortError',
            );
      contexts[i]?.abort(reason);
    }
  }
}

function noop(): void {}

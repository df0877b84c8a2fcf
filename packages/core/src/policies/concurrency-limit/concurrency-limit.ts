import { ConcurrencyLimitedError } from '../../errors/index.js';
import { Emitter, type EventSubscriber } from '../../events/index.js';
import {
  PolicyBase,
  abortReason,
  contextOf,
  invoke,
  isAborted,
  type ExecuteOptions,
  type PolicyFunction,
} from '../../policy/index.js';
import {
  CONCURRENCY_LIMIT_EVENTS,
  type ConcurrencyLimitChangedEvent,
  type ConcurrencyLimitRejectedEvent,
} from './events.js';
import {
  ConcurrencyLimitKernel,
  LIMIT_DROP,
  LIMIT_IGNORE,
  LIMIT_SAMPLE,
  type LimitOutcome,
} from './kernel.js';
import {
  resolveConcurrencyLimitOptions,
  type ClassifyError,
  type ConcurrencyLimitOptions,
  type ResolvedConcurrencyLimitOptions,
} from './options.js';

/**
 * An adaptive concurrency limit: `concurrencyLimit({ type: 'gradient' })` or
 * `concurrencyLimit({ type: 'aimd', slowCallThreshold: '200ms' })`. It finds how many calls a
 * dependency takes at once before it slows down, from the latency and drops it sees, and rejects
 * calls beyond that with ConcurrencyLimitedError.
 */
export function concurrencyLimit(options: ConcurrencyLimitOptions = {}): ConcurrencyLimitPolicy {
  return new ConcurrencyLimitPolicy(resolveConcurrencyLimitOptions(options));
}

/** The adaptive concurrency limit policy: see {@link concurrencyLimit}. The simulator drives `kernel` directly. */
export class ConcurrencyLimitPolicy extends PolicyBase {
  /** The decision kernel; the simulator drives it directly. */
  readonly kernel: ConcurrencyLimitKernel;
  readonly options: ResolvedConcurrencyLimitOptions;
  private readonly classifyError: ClassifyError;

  private readonly limitChanges = new Emitter<ConcurrencyLimitChangedEvent>();
  private readonly rejections = new Emitter<ConcurrencyLimitRejectedEvent>();
  /** The limit moved. */
  readonly onLimitChanged: EventSubscriber<ConcurrencyLimitChangedEvent> = this.limitChanges.subscribe;
  /** A call was refused at the limit. */
  readonly onRejected: EventSubscriber<ConcurrencyLimitRejectedEvent> = this.rejections.subscribe;

  constructor(options: ResolvedConcurrencyLimitOptions) {
    super('concurrencyLimit', options.name, options.clock);
    this.options = options;
    this.classifyError = options.classifyError;
    this.kernel = new ConcurrencyLimitKernel(options);
  }

  /** How many calls may be in flight now. */
  get limit(): number {
    return this.kernel.limit;
  }

  /** Calls in flight now. */
  get inflight(): number {
    return this.kernel.inflight;
  }

  /**
   * Runs `fn` if fewer than `limit` calls are in flight, else rejects with
   * ConcurrencyLimitedError at once (it never queues: put a bulkhead with a queue outside it for
   * that). The call's latency, or its failure, moves the limit.
   */
  execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    const context = contextOf(options);
    if (isAborted(context)) return Promise.reject(abortReason(context.signal));
    const kernel = this.kernel;
    const inflight = kernel.tryAcquire();
    if (inflight === 0) {
      this.emitRejected(context.attempt);
      return Promise.reject(new ConcurrencyLimitedError(kernel.limit));
    }
    const startedAt = this.clock.now();
    // Each call must remember its own start and in-flight count: two small closures, the least it takes.
    return invoke(fn, context).then(
      (result) => {
        this.finish(startedAt, inflight, LIMIT_SAMPLE);
        return result;
      },
      (error: unknown) => {
        this.finish(startedAt, inflight, this.outcomeOf(error));
        throw error;
      },
    );
  }

  /** Configuration and state, for dashboards and the Registry. */
  toJSON(): ReturnType<ConcurrencyLimitKernel['toJSON']> {
    return this.kernel.toJSON();
  }

  private outcomeOf(error: unknown): LimitOutcome {
    const kind = this.classifyError({ error });
    return kind === 'drop' ? LIMIT_DROP : kind === 'sample' ? LIMIT_SAMPLE : LIMIT_IGNORE;
  }

  private finish(startedAt: number, inflight: number, outcome: LimitOutcome): void {
    const previous = this.kernel.limit;
    if (this.kernel.release(startedAt, inflight, outcome)) this.emitLimitChanged(previous);
  }

  private emitLimitChanged(previous: number): void {
    if (this.limitChanges.size === 0 && !this.monitored) return;
    const window = this.kernel.window;
    const event: ConcurrencyLimitChangedEvent = {
      previous,
      limit: this.kernel.limit,
      rttMs: window.rtt,
      inflight: window.inflight,
      dropped: window.dropped,
    };
    this.limitChanges.emit(event);
    this.report(CONCURRENCY_LIMIT_EVENTS.limitChanged, 'info', event);
  }

  private emitRejected(attempt: number): void {
    if (this.rejections.size === 0 && !this.monitored) return;
    const event: ConcurrencyLimitRejectedEvent = {
      limit: this.kernel.limit,
      inflight: this.kernel.inflight,
      attempt,
    };
    this.rejections.emit(event);
    this.report(CONCURRENCY_LIMIT_EVENTS.rejected, 'warning', event);
  }
}

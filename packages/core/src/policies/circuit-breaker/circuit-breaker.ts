import { BrokenCircuitError, IsolatedCircuitError } from '../../errors/index.js';
import { Emitter, type Disposable, type EventSubscriber } from '../../events/index.js';
import {
  NEVER_ABORTED,
  PolicyBase,
  abortReason,
  contextOf,
  isAborted,
  type ExecuteOptions,
  type PolicyFunction,
} from '../../policy/index.js';
import { STAGE, TAKE_OVER, isThenable, type Stage } from '../../policy/stage.js';
import {
  CIRCUIT_BREAKER_SEVERITY,
  CIRCUIT_BREAKER_EVENTS,
  type CircuitBreakEvent,
  type CircuitFailureEvent,
  type CircuitHalfOpenEvent,
  type CircuitIgnoredEvent,
  type CircuitRejectedEvent,
  type CircuitResetEvent,
  type CircuitStateChangeEvent,
  type CircuitStoreErrorEvent,
  type CircuitSuccessEvent,
} from './events.js';
import { CircuitBreakerKernel } from './kernel.js';
import {
  resolveCircuitBreakerOptions,
  type CircuitBreakerOptions,
  type ResolvedCircuitBreakerOptions,
} from './options.js';
import type { CircuitBreakerSnapshot } from './snapshot.js';
import { CircuitRefusal, type CircuitState, type CircuitTransition } from './state.js';
import { connectStore, type StoreConnection } from './store-sync.js';

/**
 * A circuit breaker: stops calling a dependency that keeps failing (or keeps being slow), so
 * it can recover and callers fail fast, then lets a few probe calls through to find out
 * whether it has. Build one with `circuitBreaker(options)`.
 */
export class CircuitBreakerPolicy extends PolicyBase implements Disposable {
  /** The decision kernel; the simulator drives it directly. */
  readonly kernel: CircuitBreakerKernel;
  readonly options: ResolvedCircuitBreakerOptions;

  private readonly stateChanges = new Emitter<CircuitStateChangeEvent>();
  private readonly breaks = new Emitter<CircuitBreakEvent>();
  private readonly resets = new Emitter<CircuitResetEvent>();
  private readonly halfOpens = new Emitter<CircuitHalfOpenEvent>();
  private readonly rejections = new Emitter<CircuitRejectedEvent>();
  private readonly successes = new Emitter<CircuitSuccessEvent>();
  private readonly failures = new Emitter<CircuitFailureEvent>();
  private readonly ignores = new Emitter<CircuitIgnoredEvent>();
  private readonly storeErrors = new Emitter<CircuitStoreErrorEvent>();

  /** Any state change. */
  readonly onStateChange: EventSubscriber<CircuitStateChangeEvent> = this.stateChanges.subscribe;
  /** The breaker opened or was isolated. */
  readonly onBreak: EventSubscriber<CircuitBreakEvent> = this.breaks.subscribe;
  /** The breaker closed. */
  readonly onReset: EventSubscriber<CircuitResetEvent> = this.resets.subscribe;
  /** The breaker went half-open. */
  readonly onHalfOpen: EventSubscriber<CircuitHalfOpenEvent> = this.halfOpens.subscribe;
  /** A call was refused without being attempted. */
  readonly onRejected: EventSubscriber<CircuitRejectedEvent> = this.rejections.subscribe;
  /** A call counted as a success. */
  readonly onSuccess: EventSubscriber<CircuitSuccessEvent> = this.successes.subscribe;
  /** A call counted as a failure. */
  readonly onFailure: EventSubscriber<CircuitFailureEvent> = this.failures.subscribe;
  /** A call counted as neither. */
  readonly onIgnored: EventSubscriber<CircuitIgnoredEvent> = this.ignores.subscribe;
  /** The state store failed to load or save. */
  readonly onStoreError: EventSubscriber<CircuitStoreErrorEvent> = this.storeErrors.subscribe;

  /** The untimed success path's handlers, and the permit (generation) they were made for. */
  private settlersPermit = -1;
  private settleOk: (value: unknown) => unknown = identity;
  private settleError: (error: unknown) => never = rethrow;

  /** Set while a store is connected: saves transitions, stops watching on dispose. */
  private store: StoreConnection | undefined;

  constructor(options: ResolvedCircuitBreakerOptions) {
    super('circuitBreaker', options.name, options.clock);
    this.options = options;
    this.kernel = new CircuitBreakerKernel(options, {
      onTransition: (transition) => this.transitioned(transition),
    });
    if (options.store !== undefined)
      this.store = connectStore({
        store: options.store,
        key: this.name,
        kernel: this.kernel,
        source: `${this.name}#${Math.floor(options.random.next() * 2 ** 32).toString(36)}`,
        onError: (event) => this.storeFailed(event),
      });
  }

  /** The state now (see CircuitBreakerKernel.state). */
  get state(): CircuitState {
    return this.kernel.state;
  }

  execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    const context = contextOf(options);
    const signal = context.signal;
    if (signal !== NEVER_ABORTED && signal.aborted) return Promise.reject(abortReason(signal));
    const permit = this.kernel.tryAcquire();
    if (permit < 0) return Promise.reject(this.refuse(permit));
    // The clock is read only when a duration is needed: to spot slow calls, or to report one.
    const timed = this.timed;
    const started = timed ? this.clock.now() : Number.NaN;
    let result: T | PromiseLike<T>;
    try {
      result = fn(context);
    } catch (error) {
      return Promise.reject(this.failed(permit, started, error, wasAborted(signal)));
    }
    if (!isThenable(result)) {
      try {
        return Promise.resolve(this.succeeded(permit, started, result));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    if (!timed && signal === NEVER_ABORTED && result instanceof Promise) {
      // The success path: every call of one generation settles the same way, so its handlers
      // are made once per generation instead of twice per call.
      if (permit !== this.settlersPermit) this.makeSettlers(permit);
      return result.then(this.settleOk as (value: T) => T, this.settleError);
    }
    return Promise.resolve(result).then(
      (value) => this.succeeded(permit, started, value),
      (error: unknown) => {
        throw this.failed(permit, started, error, wasAborted(signal));
      },
    );
  }

  /**
   * @internal In a pipeline: an untimed call through a closed (or disabled) breaker takes its
   * permit here, which changes nothing in the kernel, and is recorded when the call inside
   * settles; any other call (refused, a probe, or timed) goes through `execute`.
   */
  readonly [STAGE]: Stage = {
    splits: CircuitBreakerPolicy.prototype.execute,
    enter: (context) => {
      const state = this.kernel.state;
      if ((state !== 'closed' && state !== 'disabled') || this.timed || isAborted(context)) return TAKE_OVER;
      return this.kernel.tryAcquire();
    },
    settle: (permit, context, failed, value) => {
      if (!failed) return this.succeeded(permit as number, Number.NaN, value);
      throw this.failed(permit as number, Number.NaN, value, isAborted(context));
    },
  };

  /** Opens the breaker by hand until the returned handle is disposed (see CircuitBreakerKernel.isolate). */
  isolate(): Disposable {
    return this.kernel.isolate();
  }

  /** Lets every call through, recording nothing, until the returned handle is disposed. */
  disable(): Disposable {
    return this.kernel.disable();
  }

  /** Closes the breaker with an empty window (see CircuitBreakerKernel.reset). */
  reset(): void {
    this.kernel.reset();
  }

  /** The state as plain JSON data: `JSON.stringify(breaker)` works. */
  toJSON(): CircuitBreakerSnapshot {
    return this.kernel.toJSON();
  }

  /** Adopts a snapshot saved by `toJSON()` (see CircuitBreakerKernel.hydrate). */
  hydrate(snapshot: CircuitBreakerSnapshot): void {
    this.kernel.hydrate(snapshot);
  }

  /** Stops following the state store; the breaker keeps working on its own. */
  dispose(): void {
    this.store?.dispose();
    this.store = undefined;
  }

  private succeeded<T>(permit: number, started: number, value: T): T {
    const durationMs = this.elapsed(started);
    const handleResult = this.options.handleResult;
    if (handleResult !== undefined) {
      let failed: boolean;
      try {
        failed = handleResult(value) === true;
      } catch (error) {
        this.kernel.onIgnored(permit);
        throw error;
      }
      if (failed) {
        this.kernel.onFailure(permit, durationMs);
        this.emitFailure(durationMs, undefined, value);
        return value;
      }
    }
    this.kernel.onSuccess(permit, durationMs);
    if (this.successes.size > 0 || this.monitored) {
      const event: CircuitSuccessEvent = { durationMs, slow: this.isSlow(durationMs) };
      this.successes.emit(event);
      this.report(CIRCUIT_BREAKER_EVENTS.success, CIRCUIT_BREAKER_SEVERITY.success, event);
    }
    return value;
  }

  /** Counts a failed call (`aborted`: the caller had given up by then) and returns the error to rethrow. */
  private failed(permit: number, started: number, error: unknown, aborted: boolean): unknown {
    const durationMs = this.elapsed(started);
    let reason: CircuitIgnoredEvent['reason'] | undefined;
    if (aborted) {
      reason = 'aborted';
    } else {
      try {
        if (this.options.handle(error) !== true) reason = 'notHandled';
      } catch (predicateError) {
        this.kernel.onIgnored(permit);
        return predicateError;
      }
    }
    if (reason === undefined) {
      this.kernel.onFailure(permit, durationMs);
      this.emitFailure(durationMs, error, undefined);
      return error;
    }
    this.kernel.onIgnored(permit);
    if (this.ignores.size > 0 || this.monitored) {
      const event: CircuitIgnoredEvent = { durationMs, error, reason };
      this.ignores.emit(event);
      this.report(CIRCUIT_BREAKER_EVENTS.ignored, CIRCUIT_BREAKER_SEVERITY.ignored, event);
    }
    return error;
  }

  /** Whether calls need their duration measured. */
  private get timed(): boolean {
    return (
      this.options.slowCallThreshold !== undefined ||
      this.monitored ||
      this.successes.size > 0 ||
      this.failures.size > 0 ||
      this.ignores.size > 0
    );
  }

  /** Milliseconds since `started`; NaN for a call that was not timed (nobody needed its duration). */
  private elapsed(started: number): number {
    return started === started ? this.clock.now() - started : Number.NaN;
  }

  private makeSettlers(permit: number): void {
    this.settlersPermit = permit;
    this.settleOk = (value) => this.succeeded(permit, Number.NaN, value);
    this.settleError = (error) => {
      throw this.failed(permit, Number.NaN, error, false);
    };
  }

  private emitFailure(durationMs: number, error: unknown, result: unknown): void {
    if (this.failures.size === 0 && !this.monitored) return;
    const event: CircuitFailureEvent = { durationMs, slow: this.isSlow(durationMs), error, result };
    this.failures.emit(event);
    this.report(CIRCUIT_BREAKER_EVENTS.failure, CIRCUIT_BREAKER_SEVERITY.failure, event);
  }

  private isSlow(durationMs: number): boolean {
    const threshold = this.options.slowCallThreshold;
    return threshold !== undefined && durationMs > threshold;
  }

  private refuse(code: number): BrokenCircuitError {
    const state = this.kernel.state;
    let error: BrokenCircuitError;
    let retryAfterMs: number | undefined;
    if (code === CircuitRefusal.isolated) {
      retryAfterMs = Number.POSITIVE_INFINITY;
      error = new IsolatedCircuitError();
    } else if (code === CircuitRefusal.open) {
      retryAfterMs = this.kernel.retryAfterMs();
      error = new BrokenCircuitError(
        `Circuit is open: the call was not attempted; retry after ${Math.ceil(retryAfterMs)}ms`,
        retryAfterMs,
      );
    } else {
      error = new BrokenCircuitError(
        'Circuit is half-open and every probe slot is taken: the call was not attempted',
      );
    }
    if (this.rejections.size > 0 || this.monitored) {
      const event: CircuitRejectedEvent = { state, retryAfterMs };
      this.rejections.emit(event);
      this.report(CIRCUIT_BREAKER_EVENTS.rejected, CIRCUIT_BREAKER_SEVERITY.rejected, event);
    }
    return error;
  }

  /** The kernel's transition hook: share it through the store, then tell listeners. */
  private transitioned(transition: CircuitTransition): void {
    // A hydrated state came from a snapshot: saving it back would echo between instances.
    // Half-open is each instance's own probing phase; the outcome of its probes is what is shared.
    if (transition.reason !== 'hydrated' && transition.to !== 'halfOpen') this.store?.save();
    this.stateChanges.emit(transition);
    this.report(CIRCUIT_BREAKER_EVENTS.stateChange, CIRCUIT_BREAKER_SEVERITY.stateChange, transition);
    const to = transition.to;
    if (to === 'open' || to === 'isolated') {
      this.breaks.emit(transition);
      this.report(CIRCUIT_BREAKER_EVENTS.break, CIRCUIT_BREAKER_SEVERITY.break, transition);
    } else if (to === 'closed') {
      this.resets.emit(transition);
      this.report(CIRCUIT_BREAKER_EVENTS.reset, CIRCUIT_BREAKER_SEVERITY.reset, transition);
    } else if (to === 'halfOpen') {
      this.halfOpens.emit(transition);
      this.report(CIRCUIT_BREAKER_EVENTS.halfOpen, CIRCUIT_BREAKER_SEVERITY.halfOpen, transition);
    }
  }

  private storeFailed(event: CircuitStoreErrorEvent): void {
    this.storeErrors.emit(event);
    this.report(CIRCUIT_BREAKER_EVENTS.storeError, CIRCUIT_BREAKER_SEVERITY.storeError, event);
  }
}

function identity(value: unknown): unknown {
  return value;
}

function rethrow(error: unknown): never {
  throw error;
}

function wasAborted(signal: AbortSignal): boolean {
  return signal !== NEVER_ABORTED && signal.aborted;
}

/** Builds a circuit breaker; throws a ConfigError naming every bad option. */
export function circuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreakerPolicy {
  return new CircuitBreakerPolicy(resolveCircuitBreakerOptions(options));
}

import { createBackoff, type Backoff } from '../../backoff/index.js';
import type { Clock } from '../../clock/index.js';
import { Issues } from '../../config/index.js';
import type { Disposable } from '../../events/index.js';
import type { Random } from '../../random/index.js';
import type { LoadSignal } from './adaptive.js';
import type { ResolvedCircuitBreakerOptions } from './options.js';
import { readSnapshot, type CircuitBreakerSnapshot } from './snapshot.js';
import { CircuitRefusal, type CircuitState, type CircuitTransition, type TransitionReason } from './state.js';
import { TripRule, type CircuitBreakerThresholds } from './trip.js';
import { createWindow } from './windows/create.js';
import type { CircuitWindow } from './windows/window.js';

/** Hooks a driver (the async policy, or the simulator) gives the kernel. */
export interface CircuitBreakerKernelHooks {
  /** Called synchronously on every state change, after the change. */
  onTransition?: (transition: CircuitTransition) => void;
}

/** The window's totals and rates at one moment. */
export interface CircuitBreakerStats {
  readonly state: CircuitState;
  readonly calls: number;
  readonly failures: number;
  readonly slowCalls: number;
  /** Percent of `calls` that failed (0 when the window is empty). */
  readonly failureRate: number;
  /** Percent of `calls` that were slow (0 when the window is empty). */
  readonly slowCallRate: number;
  /** Probes admitted in this half-open period that have not finished. */
  readonly probesInFlight: number;
}

/**
 * The circuit breaker's decision kernel: every decision and every piece of state, synchronous,
 * on an injected clock, with no timer and no promise. The async driver (`circuitBreaker()`) and
 * the simulator both drive it the same way:
 *
 *   const permit = kernel.tryAcquire();              // ≥ 0: run the call; < 0: a CircuitRefusal code
 *   ... run the call ...
 *   kernel.onSuccess(permit, ms) / kernel.onFailure(permit, ms) / kernel.onIgnored(permit)
 *
 * A permit is the generation of the state it was granted in; every state change starts a new
 * generation, so an outcome that arrives after the state moved on (a call admitted while closed
 * that ends after the breaker opened, then half-opened) is recognised and not counted.
 */
export class CircuitBreakerKernel {
  private current: CircuitState = 'closed';
  private generation = 0;
  private readonly window: CircuitWindow;
  /** Whether `window.record` needs the time (only the time window does; the others skip the clock read). */
  private readonly windowReadsClock: boolean;
  private openUntil = 0;
  private opens = 0;
  private lastOpenForMs = 0;
  /** Half-open slots taken in this half-open period (an ignored probe gives its slot back). */
  private probesAdmitted = 0;
  private probesSucceeded = 0;
  private isolations = 0;
  private disables = 0;
  /** A hand-held state adopted from a snapshot (another instance isolated or disabled its breaker). */
  private heldBySnapshot: 'isolated' | 'disabled' | undefined;

  private readonly clock: Clock;
  private readonly random: Random;
  private readonly backoff: Backoff;
  private readonly halfOpenCalls: number;
  private readonly slowCallThreshold: number;
  private readonly trip: TripRule;
  private readonly onTransition: ((transition: CircuitTransition) => void) | undefined;

  constructor(options: ResolvedCircuitBreakerOptions, hooks: CircuitBreakerKernelHooks = {}) {
    this.clock = options.clock;
    this.random = options.random;
    this.window = createWindow(options.window);
    this.windowReadsClock = options.window.type === 'time';
    this.backoff = createBackoff(options.openFor);
    this.halfOpenCalls = options.halfOpenCalls;
    this.slowCallThreshold = options.slowCallThreshold ?? Number.POSITIVE_INFINITY;
    this.trip = new TripRule(options);
    this.onTransition = hooks.onTransition;
    if (options.initialState !== undefined) this.hydrate(options.initialState);
  }

  /** The state now. An open breaker whose openFor has elapsed still reads `open` until a call asks to pass. */
  get state(): CircuitState {
    return this.current;
  }

  /** Asks to start a call: a permit (≥ 0) to hand back with its outcome, or a negative `CircuitRefusal` code. Never allocates. */
  tryAcquire(): number {
    switch (this.current) {
      case 'closed':
      case 'disabled':
        return this.generation;
      case 'open':
        if (this.clock.now() < this.openUntil) return CircuitRefusal.open;
        this.transition('halfOpen', 'openForElapsed', 0, 0, 0, 0);
        // A listener may have changed the state again; answer for the state we are in now.
        if ((this.current as CircuitState) !== 'halfOpen') return this.tryAcquire();
        return this.admitProbe();
      case 'halfOpen':
        return this.admitProbe();
      case 'isolated':
        return CircuitRefusal.isolated;
    }
  }

  /** Records a call that succeeded after `durationMs`; a slow call counts as slow, and a slow probe as a failed probe. */
  onSuccess(permit: number, durationMs: number): void {
    if (permit !== this.generation) return;
    const slow = durationMs > this.slowCallThreshold;
    if (this.current === 'closed') {
      this.window.record(false, slow, this.windowReadsClock ? this.clock.now() : 0);
      this.checkTrip();
    } else if (this.current === 'halfOpen') {
      if (slow) {
        this.open('probeFailed');
      } else if (++this.probesSucceeded >= this.halfOpenCalls) {
        this.close('probesSucceeded');
      }
    }
  }

  /** Records a call that failed after `durationMs`; a failed probe reopens the breaker at once. */
  onFailure(permit: number, durationMs: number): void {
    if (permit !== this.generation) return;
    if (this.current === 'closed') {
      const slow = durationMs > this.slowCallThreshold;
      this.window.record(true, slow, this.windowReadsClock ? this.clock.now() : 0);
      this.checkTrip();
    } else if (this.current === 'halfOpen') {
      this.open('probeFailed');
    }
  }

  /** Records a call whose outcome says nothing about the callee (an error not handled, a caller that gave up): it counts as neither, and a probe's slot is freed for another call. */
  onIgnored(permit: number): void {
    if (permit !== this.generation) return;
    if (this.current === 'halfOpen' && this.probesAdmitted > this.probesSucceeded) this.probesAdmitted--;
  }

  /** How long until the breaker admits a call: the rest of openFor when open, Infinity when isolated, else 0. */
  retryAfterMs(): number {
    if (this.current === 'open') return Math.max(0, this.openUntil - this.clock.now());
    if (this.current === 'isolated') return Number.POSITIVE_INFINITY;
    return 0;
  }

  /** Opens the breaker by hand until every returned handle is disposed; then it closes with an empty window. */
  isolate(): Disposable {
    this.isolations++;
    this.applyHolds();
    return this.holdHandle(() => this.isolations--);
  }

  /** Lets every call pass and records nothing until every returned handle is disposed; then it closes with an empty window. Isolation wins over it. */
  disable(): Disposable {
    this.disables++;
    this.applyHolds();
    return this.holdHandle(() => this.disables--);
  }

  /** Closes the breaker with an empty window and no backoff history, dropping a snapshot's isolation; handles from isolate()/disable() still hold. */
  reset(): void {
    this.heldBySnapshot = undefined;
    this.opens = 0;
    this.lastOpenForMs = 0;
    if (this.isolations > 0 || this.disables > 0) {
      this.window.clear();
      this.applyHolds();
      return;
    }
    this.close('reset');
  }

  /** Replaces the load signal adaptive mode reads (the simulator injects a service's utilization). */
  setLoadSignal(signal: LoadSignal | undefined): void {
    this.trip.loadSignal = signal;
  }

  /** The window's totals and rates now. */
  stats(): CircuitBreakerStats {
    const window = this.window;
    window.expire(this.clock.now());
    const calls = window.calls;
    return {
      state: this.current,
      calls,
      failures: window.failures,
      slowCalls: window.slowCalls,
      failureRate: calls === 0 ? 0 : (window.failures * 100) / calls,
      slowCallRate: calls === 0 ? 0 : (window.slowCalls * 100) / calls,
      probesInFlight: this.current === 'halfOpen' ? this.probesAdmitted - this.probesSucceeded : 0,
    };
  }

  /** The thresholds in force at the current load. */
  thresholds(): CircuitBreakerThresholds {
    return this.trip.thresholds();
  }

  /** The state as plain JSON data, for `hydrate` here or in another process. */
  toJSON(): CircuitBreakerSnapshot {
    const now = this.clock.now();
    return {
      version: 1,
      state: this.current,
      openRemainingMs: this.current === 'open' ? Math.max(0, this.openUntil - now) : 0,
      opens: this.opens,
      lastOpenForMs: this.lastOpenForMs,
      window: this.window.toJSON(now),
    };
  }

  /**
   * Adopts a snapshot: its state (an open one for its remaining time), window and backoff
   * history. Calls in flight become stale. A snapshot's isolated or disabled state holds until
   * another snapshot or `reset()`. Throws a ConfigError for a malformed snapshot.
   */
  hydrate(snapshot: CircuitBreakerSnapshot): void {
    const issues = new Issues();
    const valid = readSnapshot(snapshot, 'snapshot', issues);
    issues.throwIfAny();
    const now = this.clock.now();
    this.opens = valid!.opens;
    this.lastOpenForMs = valid!.lastOpenForMs;
    this.window.hydrate(valid!.window, now);
    const state = valid!.state;
    this.heldBySnapshot = state === 'isolated' || state === 'disabled' ? state : undefined;
    if (state === 'open') this.openUntil = now + valid!.openRemainingMs;
    const automatic = state === 'open' || state === 'halfOpen' ? state : 'closed';
    this.transition(this.heldState() ?? automatic, 'hydrated', 0, 0, 0, 0);
  }

  private admitProbe(): number {
    if (this.probesAdmitted >= this.halfOpenCalls) return CircuitRefusal.halfOpenFull;
    this.probesAdmitted++;
    return this.generation;
  }

  /** Opens the breaker if the window now crosses a threshold. */
  private checkTrip(): void {
    const reason = this.trip.check(this.window);
    if (reason !== undefined) this.open(reason);
  }

  private open(reason: TransitionReason): void {
    const from = this.current;
    const window = this.window;
    const calls = from === 'closed' ? window.calls : 0;
    const failureRate = calls === 0 ? 0 : (window.failures * 100) / calls;
    const slowCallRate = calls === 0 ? 0 : (window.slowCalls * 100) / calls;
    this.opens++;
    const openForMs = Math.max(0, this.backoff.delay(this.opens, this.lastOpenForMs, this.random));
    this.lastOpenForMs = openForMs;
    this.openUntil = this.clock.now() + openForMs;
    window.clear();
    this.transition('open', reason, failureRate, slowCallRate, calls, openForMs);
  }

  private close(reason: TransitionReason): void {
    this.opens = 0;
    this.lastOpenForMs = 0;
    this.window.clear();
    this.transition('closed', reason, 0, 0, 0, 0);
  }

  private heldState(): 'isolated' | 'disabled' | undefined {
    if (this.isolations > 0 || this.heldBySnapshot === 'isolated') return 'isolated';
    if (this.disables > 0 || this.heldBySnapshot === 'disabled') return 'disabled';
    return undefined;
  }

  /** Moves to the hand-held state the holds call for, or closes when the last hold is gone. */
  private applyHolds(): void {
    const held = this.heldState();
    if (held !== undefined) {
      if (held !== this.current) this.transition(held, held, 0, 0, 0, 0);
    } else if (this.current === 'isolated' || this.current === 'disabled') {
      this.close(this.current === 'isolated' ? 'released' : 'enabled');
    }
  }

  private holdHandle(release: () => void): Disposable {
    let released = false;
    return {
      dispose: () => {
        if (released) return;
        released = true;
        release();
        this.applyHolds();
      },
    };
  }

  /** Every state change goes through here: a new generation, fresh probe slots, the hook told. */
  private transition(
    to: CircuitState,
    reason: TransitionReason,
    failureRate: number,
    slowCallRate: number,
    calls: number,
    openForMs: number,
  ): void {
    const from = this.current;
    this.current = to;
    this.generation++;
    this.probesAdmitted = 0;
    this.probesSucceeded = 0;
    if (from === to || this.onTransition === undefined) return;
    this.onTransition({
      from,
      to,
      reason,
      time: this.clock.now(),
      failureRate,
      slowCallRate,
      calls,
      openForMs,
    });
  }
}

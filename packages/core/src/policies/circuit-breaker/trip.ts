import { tighten, tightening, type LoadSignal, type ResolvedCircuitAdaptive } from './adaptive.js';
import type { ResolvedCircuitBreakerOptions } from './options.js';
import type { TransitionReason } from './state.js';
import type { CircuitWindow } from './windows/window.js';

/** The thresholds in force now: the configured ones, tightened by adaptive mode under load. */
export interface CircuitBreakerThresholds {
  readonly load: number;
  readonly failureRateThreshold: number;
  readonly slowCallRateThreshold: number;
  /** For a consecutive window: failures (or slow calls) in a row that open the breaker. */
  readonly consecutiveFailures: number | undefined;
}

/**
 * When a closed breaker opens: the thresholds, the minimum number of calls, and adaptive mode's
 * tightening under load. Separate from the kernel's state machine so that each reads on its own.
 */
export class TripRule {
  /** Read by adaptive mode; the simulator replaces it through the kernel. */
  loadSignal: LoadSignal | undefined;
  private readonly minimumCalls: number;
  private readonly failureRateThreshold: number;
  private readonly slowCallRateThreshold: number;
  private readonly consecutiveFailures: number | undefined;
  private readonly adaptive: ResolvedCircuitAdaptive | undefined;

  constructor(options: ResolvedCircuitBreakerOptions) {
    this.minimumCalls = options.minimumCalls;
    this.failureRateThreshold = options.failureRateThreshold;
    this.slowCallRateThreshold = options.slowCallRateThreshold;
    this.consecutiveFailures = options.window.type === 'consecutive' ? options.window.failures : undefined;
    this.adaptive = options.adaptive;
    this.loadSignal = options.adaptive?.loadSignal;
  }

  /** Why the window's contents open the breaker now, or undefined when they do not. Reads the load only near a threshold. */
  check(window: CircuitWindow): TransitionReason | undefined {
    if (this.consecutiveFailures !== undefined) {
      if (window.calls === 0) return undefined;
      const needed =
        this.adaptive !== undefined && window.calls >= this.adaptive.minFailures
          ? this.consecutiveFailuresAt(this.currentTightening())!
          : this.consecutiveFailures;
      if (window.failures >= needed) return 'consecutiveFailures';
      if (window.slowCalls >= needed) return 'consecutiveSlowCalls';
      return undefined;
    }
    const calls = window.calls;
    if (calls < this.minimumCalls) return undefined;
    const failed = window.failures * 100;
    const slow = window.slowCalls * 100;
    if (failed === 0 && slow === 0) return undefined;
    let failureThreshold = this.failureRateThreshold;
    let slowThreshold = this.slowCallRateThreshold;
    const adaptive = this.adaptive;
    if (adaptive !== undefined) {
      // Below the minimums no load can open the breaker: skip reading the signal.
      if (
        failed < adaptive.minFailureRateThreshold * calls &&
        slow < adaptive.minSlowCallRateThreshold * calls
      )
        return undefined;
      const t = this.currentTightening();
      failureThreshold = tighten(failureThreshold, adaptive.minFailureRateThreshold, t);
      slowThreshold = tighten(slowThreshold, adaptive.minSlowCallRateThreshold, t);
    }
    if (failed >= failureThreshold * calls) return 'failureRate';
    if (slow >= slowThreshold * calls) return 'slowCallRate';
    return undefined;
  }

  /** The thresholds in force at the current load. */
  thresholds(): CircuitBreakerThresholds {
    const adaptive = this.adaptive;
    const load = adaptive !== undefined && this.loadSignal !== undefined ? this.loadSignal() : 0;
    const t = adaptive !== undefined ? tightening(load, adaptive) : 0;
    return {
      load,
      failureRateThreshold: adaptive
        ? tighten(this.failureRateThreshold, adaptive.minFailureRateThreshold, t)
        : this.failureRateThreshold,
      slowCallRateThreshold: adaptive
        ? tighten(this.slowCallRateThreshold, adaptive.minSlowCallRateThreshold, t)
        : this.slowCallRateThreshold,
      consecutiveFailures: this.consecutiveFailuresAt(t),
    };
  }

  private currentTightening(): number {
    return this.loadSignal === undefined ? 0 : tightening(this.loadSignal(), this.adaptive!);
  }

  private consecutiveFailuresAt(t: number): number | undefined {
    if (this.consecutiveFailures === undefined) return undefined;
    if (this.adaptive === undefined) return this.consecutiveFailures;
    return Math.round(tighten(this.consecutiveFailures, this.adaptive.minFailures, t));
  }
}

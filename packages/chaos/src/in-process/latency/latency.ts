import { abortReason, contextOf, invoke, type ExecuteOptions, type PolicyFunction } from '@faultline/core';
import { ChaosPolicy } from '../injection/chaos-policy.js';
import { describeOption } from '../injection/options.js';
import { ChaosLatencyKernel } from './kernel.js';
import {
  resolveChaosLatencyOptions,
  type ChaosLatencyOptions,
  type ResolvedChaosLatencyOptions,
} from './options.js';
import type { ChaosLatencyEvent } from './events.js';
import { wait } from './wait.js';

/**
 * Holds a share of calls for a while before running them (Polly's chaos latency), to check
 * that timeouts, hedges and callers cope with a slow dependency.
 */
export function chaosLatency(options: ChaosLatencyOptions = {}): ChaosLatencyPolicy {
  return new ChaosLatencyPolicy(resolveChaosLatencyOptions(options));
}

/** The latency chaos policy: see {@link chaosLatency}. `kernel` is what the simulator asks. */
export class ChaosLatencyPolicy extends ChaosPolicy<ChaosLatencyEvent> {
  readonly kernel: ChaosLatencyKernel;

  constructor(options: ResolvedChaosLatencyOptions) {
    super('chaosLatency', options);
    this.kernel = new ChaosLatencyKernel(options);
  }

  /**
   * Runs `fn`, first waiting the latency on the clock when this call is chosen. If the caller's
   * signal aborts during the wait, rejects with its reason and `fn` never runs.
   */
  execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    const context = contextOf(options);
    if (context.signal.aborted) return Promise.reject(abortReason(context.signal));
    let latency: number;
    try {
      latency = this.kernel.decide(context);
    } catch (error) {
      return Promise.reject(error);
    }
    if (latency <= 0) return invoke(fn, context);
    if (this.observed) this.emitInject({ attempt: context.attempt, latency });
    return wait(this.clock, latency, context.signal).then(() => invoke(fn, context));
  }

  /** Describes the policy for dashboards and the Registry. */
  toJSON(): { type: 'latency'; latency: unknown; injectionRate: unknown; enabled: unknown } {
    const options = this.kernel.options;
    return {
      type: 'latency',
      latency: describeOption(options.latency),
      injectionRate: describeOption(options.injectionRate),
      enabled: describeOption(options.enabled),
    };
  }
}

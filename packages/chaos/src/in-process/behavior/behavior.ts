import { abortReason, contextOf, invoke, type ExecuteOptions, type PolicyFunction } from '@faultline/core';
import { ChaosPolicy } from '../injection/chaos-policy.js';
import { describeOption } from '../injection/options.js';
import { ChaosBehaviorKernel } from './kernel.js';
import {
  resolveChaosBehaviorOptions,
  type ChaosBehaviorOptions,
  type ResolvedChaosBehaviorOptions,
} from './options.js';
import type { ChaosBehaviorEvent } from './events.js';

/**
 * Runs a side effect before a share of calls (Polly's chaos behavior), then runs the call, to
 * check what a service does when something around it breaks mid-flight.
 */
export function chaosBehavior(options: ChaosBehaviorOptions): ChaosBehaviorPolicy {
  return new ChaosBehaviorPolicy(resolveChaosBehaviorOptions(options));
}

/** The behavior chaos policy: see {@link chaosBehavior}. `kernel` is what the simulator asks. */
export class ChaosBehaviorPolicy extends ChaosPolicy<ChaosBehaviorEvent> {
  readonly kernel: ChaosBehaviorKernel;

  constructor(options: ResolvedChaosBehaviorOptions) {
    super('chaosBehavior', options);
    this.kernel = new ChaosBehaviorKernel(options);
  }

  /**
   * Runs `fn`, after awaiting the behavior when this call is chosen. A behavior that fails fails
   * the call with its error; if the caller aborted meanwhile, `fn` does not run.
   */
  execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    const context = contextOf(options);
    const signal = context.signal;
    if (signal.aborted) return Promise.reject(abortReason(signal));
    let chosen: boolean;
    try {
      chosen = this.kernel.decide(context);
    } catch (error) {
      return Promise.reject(error);
    }
    if (!chosen) return invoke(fn, context);
    const behavior = this.kernel.options.behavior;
    return invoke(() => behavior({ context }), context).then(() => {
      if (this.observed) this.emitInject({ attempt: context.attempt });
      if (signal.aborted) throw abortReason(signal);
      return invoke(fn, context);
    });
  }

  /** Describes the policy for dashboards and the Registry. */
  toJSON(): { type: 'behavior'; injectionRate: unknown; enabled: unknown } {
    const options = this.kernel.options;
    return {
      type: 'behavior',
      injectionRate: describeOption(options.injectionRate),
      enabled: describeOption(options.enabled),
    };
  }
}

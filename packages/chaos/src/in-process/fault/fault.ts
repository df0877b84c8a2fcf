import { abortReason, contextOf, invoke, type ExecuteOptions, type PolicyFunction } from '@faultline/core';
import { ChaosPolicy } from '../injection/chaos-policy.js';
import { describeOption } from '../injection/options.js';
import { ChaosFaultKernel } from './kernel.js';
import {
  resolveChaosFaultOptions,
  type ChaosFaultOptions,
  type ResolvedChaosFaultOptions,
} from './options.js';
import type { ChaosFaultEvent } from './events.js';

/**
 * Fails a share of calls with an error instead of running them (Polly's chaos fault), to check
 * that retries, breakers and fallbacks do their job.
 */
export function chaosFault(options: ChaosFaultOptions): ChaosFaultPolicy {
  return new ChaosFaultPolicy(resolveChaosFaultOptions(options));
}

/** The fault chaos policy: see {@link chaosFault}. `kernel` is what the simulator asks. */
export class ChaosFaultPolicy extends ChaosPolicy<ChaosFaultEvent> {
  readonly kernel: ChaosFaultKernel;

  constructor(options: ResolvedChaosFaultOptions) {
    super('chaosFault', options);
    this.kernel = new ChaosFaultKernel(options);
  }

  /** Runs `fn`, or rejects with the fault without running it when this call is chosen. */
  execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    const context = contextOf(options);
    if (context.signal.aborted) return Promise.reject(abortReason(context.signal));
    let fault: Error | undefined;
    try {
      fault = this.kernel.decide(context);
    } catch (error) {
      return Promise.reject(error);
    }
    if (fault === undefined) return invoke(fn, context);
    if (this.observed) this.emitInject({ attempt: context.attempt, fault });
    return Promise.reject(fault);
  }

  /** Describes the policy for dashboards and the Registry. */
  toJSON(): { type: 'fault'; fault: string; injectionRate: unknown; enabled: unknown } {
    const options = this.kernel.options;
    const fault = options.fault;
    return {
      type: 'fault',
      fault: fault instanceof Error ? fault.name : 'function',
      injectionRate: describeOption(options.injectionRate),
      enabled: describeOption(options.enabled),
    };
  }
}

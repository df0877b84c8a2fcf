import { abortReason, contextOf, invoke, type ExecuteOptions, type PolicyFunction } from '@faultline/core';
import { ChaosPolicy } from '../injection/chaos-policy.js';
import { describeOption } from '../injection/options.js';
import { ChaosOutcomeKernel, type InjectedOutcome } from './kernel.js';
import {
  resolveChaosOutcomeOptions,
  type ChaosOutcomeOptions,
  type ResolvedChaosOutcomeOptions,
} from './options.js';
import type { ChaosOutcomeEvent } from './events.js';

/**
 * Answers a share of calls with a fake result instead of running them (Polly's chaos outcome),
 * e.g. a 503 response object, to check how callers handle bad answers.
 */
export function chaosOutcome<R>(options: ChaosOutcomeOptions<R>): ChaosOutcomePolicy<R> {
  return new ChaosOutcomePolicy(resolveChaosOutcomeOptions<R>(options));
}

/** The outcome chaos policy: see {@link chaosOutcome}. `kernel` is what the simulator asks. */
export class ChaosOutcomePolicy<R = unknown> extends ChaosPolicy<ChaosOutcomeEvent<R>> {
  readonly kernel: ChaosOutcomeKernel<R>;

  constructor(options: ResolvedChaosOutcomeOptions<R>) {
    super('chaosOutcome', options);
    this.kernel = new ChaosOutcomeKernel(options);
  }

  /**
   * Runs `fn`, or resolves with the fake result (which stands in for `T`) without running it
   * when this call is chosen. A fake-result function that throws or rejects fails the call.
   */
  execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    const context = contextOf(options);
    if (context.signal.aborted) return Promise.reject(abortReason(context.signal));
    let injected: InjectedOutcome<R> | undefined;
    try {
      injected = this.kernel.decide(context);
    } catch (error) {
      return Promise.reject(error);
    }
    if (injected === undefined) return invoke(fn, context);
    return Promise.resolve(injected.outcome).then((outcome) => {
      if (this.observed) this.emitInject({ attempt: context.attempt, outcome });
      return outcome as unknown as T;
    });
  }

  /** Describes the policy for dashboards and the Registry. */
  toJSON(): { type: 'outcome'; injectionRate: unknown; enabled: unknown } {
    const options = this.kernel.options;
    return {
      type: 'outcome',
      injectionRate: describeOption(options.injectionRate),
      enabled: describeOption(options.enabled),
    };
  }
}

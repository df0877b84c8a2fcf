import type { ExecuteContext } from '@faultline/core';
import { InjectionKernel } from '../injection/kernel.js';
import type { OutcomeFunction, ResolvedChaosOutcomeOptions } from './options.js';

/** A chosen call's fake result; boxed so that `undefined` can be a result too. */
export interface InjectedOutcome<R> {
  readonly outcome: R | PromiseLike<R>;
}

/** The outcome chaos decision kernel: which fake result this call answers with, if any. */
export class ChaosOutcomeKernel<R = unknown> {
  readonly options: ResolvedChaosOutcomeOptions<R>;
  readonly injection: InjectionKernel;

  constructor(options: ResolvedChaosOutcomeOptions<R>) {
    this.options = options;
    this.injection = new InjectionKernel(options);
  }

  /** The fake result this call answers with instead of running; undefined when it runs. */
  decide(context: ExecuteContext): InjectedOutcome<R> | undefined {
    if (!this.injection.shouldInject(context)) return undefined;
    const outcome = this.options.outcome;
    if (typeof outcome === 'function') return { outcome: (outcome as OutcomeFunction<R>)({ context }) };
    return { outcome };
  }
}

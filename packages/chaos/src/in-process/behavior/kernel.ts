import type { ExecuteContext } from '@faultline/core';
import { InjectionKernel } from '../injection/kernel.js';
import type { ResolvedChaosBehaviorOptions } from './options.js';

/** The behavior chaos decision kernel: whether the side effect runs before this call. */
export class ChaosBehaviorKernel {
  readonly options: ResolvedChaosBehaviorOptions;
  readonly injection: InjectionKernel;

  constructor(options: ResolvedChaosBehaviorOptions) {
    this.options = options;
    this.injection = new InjectionKernel(options);
  }

  /** Whether the behavior runs before this call. */
  decide(context: ExecuteContext): boolean {
    return this.injection.shouldInject(context);
  }
}

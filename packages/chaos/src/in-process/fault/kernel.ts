import { ConfigError, describe, type ExecuteContext } from '@faultline/core';
import { InjectionKernel } from '../injection/kernel.js';
import type { ResolvedChaosFaultOptions } from './options.js';

/** The fault chaos decision kernel: which error this call fails with, if any. */
export class ChaosFaultKernel {
  readonly options: ResolvedChaosFaultOptions;
  readonly injection: InjectionKernel;

  constructor(options: ResolvedChaosFaultOptions) {
    this.options = options;
    this.injection = new InjectionKernel(options);
  }

  /** The error this call fails with instead of running; undefined when it runs. */
  decide(context: ExecuteContext): Error | undefined {
    if (!this.injection.shouldInject(context)) return undefined;
    return this.faultFor(context);
  }

  /** The fault for a chosen call; a function returning something other than an Error is a bug in it. */
  faultFor(context: ExecuteContext): Error | undefined {
    const fault = this.options.fault;
    if (fault instanceof Error) return fault;
    const value: unknown = fault({ context });
    if (value === undefined || value instanceof Error) return value;
    throw new ConfigError([
      {
        path: 'fault',
        message: `expected the fault function to return an Error or undefined, got ${describe(value)}`,
      },
    ]);
  }
}

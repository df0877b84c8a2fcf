import { ConfigError, describe, toMilliseconds, type ExecuteContext } from '@faultline/core';
import { InjectionKernel } from '../injection/kernel.js';
import { MAX_CHAOS_LATENCY_MS, type ResolvedChaosLatencyOptions } from './options.js';

/** The latency chaos decision kernel: how long this call is held before it runs. */
export class ChaosLatencyKernel {
  readonly options: ResolvedChaosLatencyOptions;
  readonly injection: InjectionKernel;

  constructor(options: ResolvedChaosLatencyOptions) {
    this.options = options;
    this.injection = new InjectionKernel(options);
  }

  /** Milliseconds to hold this call before running it; 0 when it gets no latency. */
  decide(context: ExecuteContext): number {
    if (!this.injection.shouldInject(context)) return 0;
    return this.latencyFor(context);
  }

  /**
   * The latency for a chosen call. As in Polly, a latency of 0 or less injects nothing; a
   * function returning something that is not a duration is a bug in it, reported as such.
   */
  latencyFor(context: ExecuteContext): number {
    const latency = this.options.latency;
    if (typeof latency === 'number') return latency;
    const value = latency({ context });
    if (typeof value === 'number' && value <= 0) return 0;
    const ms = toMilliseconds(value);
    if (ms !== undefined && ms <= MAX_CHAOS_LATENCY_MS) return ms;
    throw new ConfigError([
      {
        path: 'latency',
        message: `expected the latency function to return a duration like "200ms" or a number of ms up to ${MAX_CHAOS_LATENCY_MS}, got ${describe(value)}`,
      },
    ]);
  }
}

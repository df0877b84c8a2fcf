import type { ExecuteContext, Random } from '@faultline/core';
import type { EnabledFunction, InjectionRateFunction, ResolvedChaosOptions } from './options.js';

/**
 * The decision every chaos policy starts with: does this call get the chaos? Synchronous, so the
 * simulator can ask it from its event loop exactly as the async driver does.
 *
 * Order (Polly's): the enabled switch first, then the rate, then one draw. The draw is made for
 * every enabled call whatever the rate, so that changing a rate never shifts the random sequence
 * seen by later calls: a run replayed from its seed with another rate stays comparable.
 */
export class InjectionKernel {
  private readonly random: Random;
  private readonly injectionRate: number | InjectionRateFunction;
  private readonly enabled: boolean | EnabledFunction;

  constructor(options: ResolvedChaosOptions) {
    this.random = options.random;
    this.injectionRate = options.injectionRate;
    this.enabled = options.enabled;
  }

  /** Whether this call gets the chaos. A per-call function that throws makes the call fail with its error. */
  shouldInject(context: ExecuteContext): boolean {
    if (!this.isEnabled(context)) return false;
    return this.random.next() < this.rateFor(context);
  }

  /** Whether chaos is on for this call (the `enabled` option). */
  isEnabled(context: ExecuteContext): boolean {
    const enabled = this.enabled;
    return typeof enabled === 'boolean' ? enabled : enabled({ context }) === true;
  }

  /** The injection rate for this call, clamped to 0..1 (NaN counts as 0, as Polly's coercion does). */
  rateFor(context: ExecuteContext): number {
    const rate = this.injectionRate;
    if (typeof rate === 'number') return rate;
    const value = rate({ context });
    if (!(value > 0)) return 0;
    return value > 1 ? 1 : value;
  }
}

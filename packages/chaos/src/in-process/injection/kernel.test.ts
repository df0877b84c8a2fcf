import { describe, expect, it, vi } from 'vitest';
import { Issues, NEVER_ABORTED, seededRandom, type ExecuteContext, type Random } from '@faultline/core';
import { InjectionKernel } from './kernel.js';
import { readChaosOptions, type ChaosOptions } from './options.js';

function kernel(options: ChaosOptions) {
  const issues = new Issues();
  const resolved = readChaosOptions({ ...options }, '', issues, 'chaos');
  issues.throwIfAny();
  return new InjectionKernel(resolved);
}

const first: ExecuteContext = { signal: NEVER_ABORTED, attempt: 1 };

function countInjections(k: InjectionKernel, calls: number): number {
  let injected = 0;
  for (let i = 0; i < calls; i++) if (k.shouldInject(first)) injected++;
  return injected;
}

describe('InjectionKernel', () => {
  it('injects at the configured rate: an exact, replayable count for a seed, within 1% of the rate', () => {
    for (const [rate, expected] of [
      [0.1, 1020],
      [0.5, 5001],
      [0.001, 8],
    ] as const) {
      const count = countInjections(kernel({ injectionRate: rate, random: seededRandom(42) }), 10_000);
      expect(count).toBe(expected);
      expect(Math.abs(count / 10_000 - rate)).toBeLessThan(0.01);
      // Same seed, same calls: the same count, forever.
      expect(countInjections(kernel({ injectionRate: rate, random: seededRandom(42) }), 10_000)).toBe(count);
    }
  });

  it('defaults to Polly’s rate of one call in a thousand', () => {
    const count = countInjections(kernel({ random: seededRandom(7) }), 100_000);
    expect(Math.abs(count / 100_000 - 0.001)).toBeLessThan(0.0005);
  });

  it('never injects at rate 0 and always at rate 1', () => {
    expect(countInjections(kernel({ injectionRate: 0, random: seededRandom(1) }), 1000)).toBe(0);
    expect(countInjections(kernel({ injectionRate: 1, random: seededRandom(1) }), 1000)).toBe(1000);
  });

  it('draws once per enabled call whatever the rate, and never when disabled', () => {
    const next = vi.fn(() => 0.5);
    const random: Random = { next };
    const rates = [0, 1, 0.3];
    let call = 0;
    const k = kernel({ random, injectionRate: () => rates[call++ % 3]! });
    for (let i = 0; i < 6; i++) k.shouldInject(first);
    expect(next).toHaveBeenCalledTimes(6);
    next.mockClear();
    expect(kernel({ random, enabled: false, injectionRate: 1 }).shouldInject(first)).toBe(false);
    expect(next).not.toHaveBeenCalled();
  });

  it('asks the enabled switch first, then the rate, each with { context }', () => {
    const order: string[] = [];
    const context: ExecuteContext = { signal: new AbortController().signal, attempt: 3 };
    const k = kernel({
      random: { next: () => 0 },
      enabled: (args) => (order.push('enabled'), expect(args).toEqual({ context }), true),
      injectionRate: (args) => (order.push('rate'), expect(args).toEqual({ context }), 1),
    });
    expect(k.shouldInject(context)).toBe(true);
    expect(order).toEqual(['enabled', 'rate']);
    const off = kernel({ enabled: () => false, injectionRate: () => order.push('never') });
    expect(off.shouldInject(context)).toBe(false);
    expect(order).toEqual(['enabled', 'rate']);
  });

  it('switches per call: only the calls the functions choose', () => {
    const k = kernel({
      random: seededRandom(3),
      enabled: ({ context }) => context.attempt > 1,
      injectionRate: ({ context }) => (context.attempt === 2 ? 1 : 0),
    });
    expect([1, 2, 3, 2].map((attempt) => k.shouldInject({ signal: NEVER_ABORTED, attempt }))).toEqual([
      false,
      true,
      false,
      true,
    ]);
  });

  it('clamps a per-call rate to 0..1 and counts NaN as 0, as Polly does', () => {
    const k = (rate: number) => kernel({ random: { next: () => 0.999 }, injectionRate: () => rate });
    expect(k(5).rateFor(first)).toBe(1);
    expect(k(5).shouldInject(first)).toBe(true);
    expect(k(-2).rateFor(first)).toBe(0);
    expect(k(Number.NaN).rateFor(first)).toBe(0);
    expect(k(Number.NaN).shouldInject(first)).toBe(false);
    expect(k(0.25).rateFor(first)).toBe(0.25);
  });

  it('lets an error thrown by a per-call function through', () => {
    const k = kernel({
      enabled: () => {
        throw new Error('flag service down');
      },
    });
    expect(() => k.shouldInject(first)).toThrow('flag service down');
  });
});

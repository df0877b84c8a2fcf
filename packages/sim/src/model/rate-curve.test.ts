import { describe, expect, it } from 'vitest';
import { curveOf, peakRate, rateAt } from './rate-curve.js';

describe('rate curves', () => {
  it('holds a constant rate', () => {
    const curve = curveOf(50, { type: 'constant' });
    expect([rateAt(curve, 0), rateAt(curve, 1e9)]).toEqual([50, 50]);
  });

  it('ramps linearly from the base rate to its target, and stays there', () => {
    const curve = curveOf(10, { type: 'ramp', to: 110, at: 1000, duration: 2000 });
    expect([0, 1000, 2000, 3000, 9000].map((t) => rateAt(curve, t))).toEqual([10, 10, 60, 110, 110]);
  });

  it('multiplies the rate during a spike, jumping at both ends', () => {
    const curve = curveOf(100, { type: 'spike', at: 1000, duration: 500, multiplier: 3 });
    expect([999, 1000, 1499, 1500].map((t) => rateAt(curve, t))).toEqual([100, 300, 300, 100]);
    expect(peakRate(curve)).toBe(300);
  });

  it('steps to each rate at its time', () => {
    const curve = curveOf(5, {
      type: 'step',
      steps: [
        { at: 1000, rate: 20 },
        { at: 3000, rate: 0 },
      ],
    });
    expect([0, 999, 1000, 2999, 3000, 5000].map((t) => rateAt(curve, t))).toEqual([5, 5, 20, 20, 0, 0]);
  });

  it('follows a CSV stepwise or linearly, holding its first rate before it starts', () => {
    const points = [
      { at: 1000, rate: 10 },
      { at: 2000, rate: 30 },
    ];
    const step = curveOf(10, { type: 'csv', points, interpolate: 'step' });
    const linear = curveOf(10, { type: 'csv', points, interpolate: 'linear' });
    expect([0, 1500, 2000, 9000].map((t) => rateAt(step, t))).toEqual([10, 10, 30, 30]);
    expect([0, 1500, 2000, 9000].map((t) => rateAt(linear, t))).toEqual([10, 20, 30, 30]);
  });
});

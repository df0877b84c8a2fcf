import { describe, expect, it } from 'vitest';
import { ArrivalClock } from './arrival-clock.js';

describe('ArrivalClock', () => {
  it('walks a constant rate: n requests at rate r per second take n/r seconds', () => {
    const clock = new ArrivalClock([{ at: 0, rate: 200 }]);
    expect(clock.advance(1)).toBeCloseTo(5, 12);
    expect(clock.advance(1)).toBeCloseTo(10, 12);
    expect(clock.advance(100)).toBeCloseTo(510, 12);
  });

  it('walks a linear ramp by solving the quadratic of its area', () => {
    // From 0 to 1000/s over 1 s: Λ(t) = 1000 t² / 2 (t in s), so Λ = 125 at t = 0.5 s.
    const clock = new ArrivalClock([
      { at: 0, rate: 0 },
      { at: 1000, rate: 1000 },
    ]);
    expect(clock.advance(125)).toBeCloseTo(500, 9);
    expect(clock.advance(375)).toBeCloseTo(1000, 9);
    // After the last point the rate stays 1000/s.
    expect(clock.advance(10)).toBeCloseTo(1010, 9);
  });

  it('crosses jumps and zero-rate stretches', () => {
    const clock = new ArrivalClock([
      { at: 0, rate: 100 },
      { at: 1000, rate: 100 },
      { at: 1000, rate: 0 },
      { at: 3000, rate: 0 },
      { at: 3000, rate: 1000 },
    ]);
    expect(clock.advance(100)).toBeCloseTo(1000, 9);
    // The next request waits out the two seconds at rate 0.
    expect(clock.advance(1)).toBeCloseTo(3001, 9);
  });

  it('holds the first point’s rate before it, and never arrives once the rate stays 0', () => {
    const clock = new ArrivalClock([
      { at: 1000, rate: 10 },
      { at: 2000, rate: 0 },
    ]);
    expect(clock.advance(5)).toBeCloseTo(500, 9);
    // 5 more by 1 s, and 10/s falling to 0 over a second holds 5 more: the 11th never comes.
    expect(clock.advance(11)).toBe(Infinity);
    expect(new ArrivalClock([]).advance(1)).toBe(Infinity);
  });

  it('starts from a given time', () => {
    const clock = new ArrivalClock(
      [
        { at: 0, rate: 0 },
        { at: 1000, rate: 1000 },
      ],
      500,
    );
    // From 500 ms: Λ(1 s) − Λ(0.5 s) = 500 − 125 = 375.
    expect(clock.advance(375)).toBeCloseTo(1000, 9);
  });
});

import { describe, expect, it } from 'vitest';
import { SampleWindow } from './sample-window.js';

describe('SampleWindow', () => {
  it('drops the first, one-sample window, then closes each after twice its fastest call', () => {
    const window = new SampleWindow({ minTime: 10, maxTime: 1000, minSamples: 2 });
    expect(window.add(0, 50, 1, false)).toBe(false); // closes an unready window; the next ends at 100
    expect(window.add(40, 40, 3, false)).toBe(false);
    expect(window.add(90, 60, 2, false)).toBe(false);
    expect(window.add(101, 80, 1, true)).toBe(true);
    expect([window.rtt, window.inflight, window.dropped]).toEqual([60, 3, true]);
    // The next window spans 2 × 40 = 80ms from 101.
    expect(window.add(150, 10, 1, false)).toBe(false);
    expect(window.add(181, 30, 1, false)).toBe(false);
    expect(window.add(182, 30, 1, false)).toBe(true);
    expect([window.rtt, window.inflight, window.dropped]).toEqual([(10 + 30 + 30) / 3, 1, false]);
  });

  it('keeps a window between minTime and maxTime', () => {
    const short = new SampleWindow({ minTime: 100, maxTime: 1000, minSamples: 1 });
    short.add(0, 1, 1, false);
    expect(short.add(99, 1, 1, false)).toBe(false);
    expect(short.add(101, 1, 1, false)).toBe(true);
    const long = new SampleWindow({ minTime: 100, maxTime: 1000, minSamples: 1 });
    long.add(0, 5000, 1, false);
    expect(long.add(1000, 5000, 1, false)).toBe(false);
    expect(long.add(1001, 5000, 1, false)).toBe(true);
  });

  it('discards a window with too few samples instead of letting it move the limit', () => {
    const window = new SampleWindow({ minTime: 100, maxTime: 100, minSamples: 3 });
    window.add(0, 1, 1, false);
    window.add(50, 1, 1, false);
    expect(window.add(101, 1, 9, true)).toBe(false);
    expect(window.dropped).toBe(false);
    for (const t of [150, 180]) window.add(t, 2, 1, false);
    expect(window.add(202, 2, 1, false)).toBe(true);
    expect(window.rtt).toBe(2);
  });
});

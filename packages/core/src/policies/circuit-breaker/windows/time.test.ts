import { describe, expect, it } from 'vitest';
import { TimeWindow } from './time.js';

describe('TimeWindow', () => {
  it('counts the calls of the current bucket and the buckets - 1 before it', () => {
    const window = new TimeWindow(1000, 4); // buckets of 250ms
    window.record(true, false, 0);
    window.record(false, true, 100);
    window.record(false, false, 300);
    expect([window.calls, window.failures, window.slowCalls]).toEqual([3, 1, 1]);
    window.expire(999); // bucket 3: buckets 0..3 are all in the window
    expect(window.calls).toBe(3);
    window.expire(1000); // bucket 4: bucket 0 (two calls) aged out
    expect([window.calls, window.failures, window.slowCalls]).toEqual([1, 0, 0]);
    window.record(true, true, 1100);
    expect([window.calls, window.failures, window.slowCalls]).toEqual([2, 1, 1]);
  });

  it('forgets everything after a gap longer than the window, in one step', () => {
    const window = new TimeWindow(10_000, 10);
    for (let t = 0; t < 10_000; t += 100) window.record(t % 200 === 0, false, t);
    expect(window.calls).toBe(100);
    expect(window.failures).toBe(50);
    window.expire(1e12);
    expect([window.calls, window.failures, window.slowCalls]).toEqual([0, 0, 0]);
  });

  it('ignores time that goes backwards (a hydrated window ahead of the clock)', () => {
    const window = new TimeWindow(1000, 10);
    window.record(true, false, 5000);
    window.record(true, false, 4000);
    expect(window.calls).toBe(2);
  });

  it('handles negative clock origins', () => {
    const window = new TimeWindow(1000, 10);
    window.record(true, false, -950);
    window.record(false, false, -10);
    expect(window.calls).toBe(2);
    window.expire(60);
    expect(window.calls).toBe(1);
  });

  it('serializes buckets by age and restores them relative to the new clock', () => {
    const window = new TimeWindow(1000, 4);
    window.record(true, false, 10);
    window.record(false, false, 260);
    window.record(false, true, 510);
    const snapshot = window.toJSON(600);
    expect(snapshot).toEqual({
      type: 'time',
      bucketMs: 250,
      buckets: [
        { calls: 1, failures: 0, slowCalls: 1 },
        { calls: 1, failures: 0, slowCalls: 0 },
        { calls: 1, failures: 1, slowCalls: 0 },
      ],
    });
    // Another process whose clock reads 1,000,000: the saved calls age out as they would have.
    const restored = new TimeWindow(1000, 4);
    restored.hydrate(snapshot, 1_000_000);
    expect(restored.calls).toBe(3);
    restored.expire(1_000_000 + 250 * 3);
    expect([restored.calls, restored.failures, restored.slowCalls]).toEqual([1, 0, 1]);
    // A window with other buckets cannot place them: it starts empty.
    const other = new TimeWindow(1000, 5);
    other.hydrate(snapshot, 0);
    expect(other.calls).toBe(0);
  });
});

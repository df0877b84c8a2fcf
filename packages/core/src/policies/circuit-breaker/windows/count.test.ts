import { describe, expect, it } from 'vitest';
import { CountWindow } from './count.js';

describe('CountWindow', () => {
  it('keeps the totals of the last `size` calls, evicting the oldest', () => {
    const window = new CountWindow(3);
    window.record(true, false);
    window.record(false, true);
    expect([window.calls, window.failures, window.slowCalls]).toEqual([2, 1, 1]);
    window.record(true, true);
    expect([window.calls, window.failures, window.slowCalls]).toEqual([3, 2, 2]);
    window.record(false, false); // evicts the first (failed)
    expect([window.calls, window.failures, window.slowCalls]).toEqual([3, 1, 2]);
    window.record(false, false); // evicts the second (slow)
    expect([window.calls, window.failures, window.slowCalls]).toEqual([3, 1, 1]);
    window.record(false, false); // evicts the third (failed and slow)
    expect([window.calls, window.failures, window.slowCalls]).toEqual([3, 0, 0]);
  });

  it('serializes oldest first and restores the newest outcomes into a smaller window', () => {
    const window = new CountWindow(4);
    for (const [failed, slow] of [
      [true, false],
      [false, true],
      [true, true],
      [false, false],
      [true, false],
    ] as const)
      window.record(failed, slow);
    expect(window.toJSON()).toEqual({ type: 'count', outcomes: [2, 3, 0, 1] });
    const smaller = new CountWindow(2);
    smaller.hydrate(window.toJSON());
    expect(smaller.toJSON()).toEqual({ type: 'count', outcomes: [0, 1] });
    expect([smaller.calls, smaller.failures, smaller.slowCalls]).toEqual([2, 1, 0]);
  });

  it('ignores a snapshot of another kind of window, and clears', () => {
    const window = new CountWindow(2);
    window.record(true, false);
    window.hydrate({ type: 'consecutive', failures: 3, slowCalls: 0, calls: 3 });
    expect(window.calls).toBe(0);
    window.record(true, false);
    window.clear();
    expect(window.toJSON()).toEqual({ type: 'count', outcomes: [] });
  });
});

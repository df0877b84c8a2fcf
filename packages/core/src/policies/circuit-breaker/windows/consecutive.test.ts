import { describe, expect, it } from 'vitest';
import { ConsecutiveWindow } from './consecutive.js';

describe('ConsecutiveWindow', () => {
  it('counts runs: a success ends the failure run, a fast call ends the slow run', () => {
    const window = new ConsecutiveWindow();
    window.record(true, false);
    window.record(true, true);
    expect([window.calls, window.failures, window.slowCalls]).toEqual([2, 2, 1]);
    window.record(false, true); // slow success: the failure run ends, the slow run goes on
    expect([window.calls, window.failures, window.slowCalls]).toEqual([3, 0, 2]);
    window.record(true, false); // fast failure: the slow run ends
    expect([window.calls, window.failures, window.slowCalls]).toEqual([4, 1, 0]);
    window.record(false, false);
    expect([window.calls, window.failures, window.slowCalls]).toEqual([0, 0, 0]);
  });

  it('round-trips through its snapshot', () => {
    const window = new ConsecutiveWindow();
    window.record(true, true);
    window.record(true, false);
    const copy = new ConsecutiveWindow();
    copy.hydrate(window.toJSON());
    expect(copy.toJSON()).toEqual(window.toJSON());
    copy.hydrate({ type: 'count', outcomes: [1] });
    expect(copy.calls).toBe(0);
  });
});

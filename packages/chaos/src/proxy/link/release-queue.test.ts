import { describe, expect, it } from 'vitest';
import { StageHarness, bytes } from '../test-support/stage-harness.js';
import { ReleaseQueue } from './release-queue.js';

describe('the release queue', () => {
  function queue(h: StageHarness): ReleaseQueue {
    return new ReleaseQueue(
      h.clock,
      (delta) => (h.held += delta),
      () => h.outlet,
    );
  }

  it('passes a due item straight through when nothing waits, without a timer', () => {
    const h = new StageHarness();
    const q = queue(h);
    q.push(bytes('now'), 0);
    expect(h.deliveries).toEqual([{ at: 0, data: 'now' }]);
    expect(h.clock.pendingTimers).toBe(0);
  });

  it('never releases an item before one queued ahead of it, and counts what it holds', () => {
    const h = new StageHarness();
    const q = queue(h);
    q.push(bytes('late'), 100);
    q.push(bytes('early'), 10);
    q.pushEnd(0);
    expect(h.held).toBe(9);
    h.clock.advance(99);
    expect(h.deliveries).toEqual([]);
    h.clock.advance(1);
    expect(h.deliveries).toEqual([
      { at: 100, data: 'late' },
      { at: 100, data: 'early' },
      { at: 100, data: undefined },
    ]);
    expect(h.held).toBe(0);
    expect(h.clock.pendingTimers).toBe(0);
  });

  it('flushes everything in order, or drops it all on dispose, leaving no timer', () => {
    const h = new StageHarness();
    const q = queue(h);
    q.push(bytes('a'), 50);
    q.push(bytes('b'), 60);
    q.flush();
    expect(h.received).toBe('ab');
    q.push(bytes('c'), 500);
    q.dispose();
    h.clock.advance(1000);
    expect(h.received).toBe('ab');
    expect(h.held).toBe(0);
    expect(h.clock.pendingTimers).toBe(0);
  });
});

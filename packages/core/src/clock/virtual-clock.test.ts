import { describe, expect, it } from 'vitest';
import { VirtualClock } from './virtual-clock.js';

describe('VirtualClock', () => {
  it('runs timers in time order, ties in scheduling order', () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@20'), 20);
    clock.setTimeout(() => fired.push('a@10'), 10);
    clock.setTimeout(() => fired.push('c@20'), 20);
    clock.advance(15);
    expect(fired).toEqual(['a@10']);
    expect(clock.now()).toBe(15);
    clock.advance(5);
    expect(fired).toEqual(['a@10', 'b@20', 'c@20']);
  });

  it('sets now() to each timer time while it runs, and runs timers scheduled during advance', () => {
    const clock = new VirtualClock(100);
    const seen: number[] = [];
    clock.setTimeout(() => {
      seen.push(clock.now());
      clock.setTimeout(() => seen.push(clock.now()), 5);
    }, 10);
    clock.advance(100);
    expect(seen).toEqual([110, 115]);
    expect(clock.now()).toBe(200);
  });

  it('does not run cleared timers and counts only live ones', () => {
    const clock = new VirtualClock();
    let fired = false;
    const handle = clock.setTimeout(() => (fired = true), 10);
    expect(clock.pendingTimers).toBe(1);
    clock.clearTimeout(handle);
    clock.clearTimeout(handle);
    expect(clock.pendingTimers).toBe(0);
    clock.advance(50);
    expect(fired).toBe(false);
  });

  it('tick lets promise chains awaiting timers progress', async () => {
    const clock = new VirtualClock();
    const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
    const order: number[] = [];
    void (async () => {
      await sleep(10);
      order.push(clock.now());
      await sleep(10);
      order.push(clock.now());
    })();
    await clock.tick(25);
    expect(order).toEqual([10, 20]);
  });

  it('rejects negative advances', () => {
    expect(() => new VirtualClock().advance(-1)).toThrow(/non-negative/);
  });
});

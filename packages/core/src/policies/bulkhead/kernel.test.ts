import { describe, expect, it } from 'vitest';
import { BULKHEAD_QUEUE, BULKHEAD_REJECT, BULKHEAD_RUN, BulkheadKernel } from './kernel.js';

function kernel(maxConcurrent: number, maxQueue: number, queueTimeout = Number.POSITIVE_INFINITY) {
  return new BulkheadKernel({ maxConcurrent, maxQueue, queueTimeout });
}

describe('BulkheadKernel', () => {
  it('runs up to maxConcurrent, queues up to maxQueue, then rejects', () => {
    const k = kernel(2, 1);
    expect([k.tryEnter(), k.tryEnter(), k.tryEnter(), k.tryEnter()]).toEqual([
      BULKHEAD_RUN,
      BULKHEAD_RUN,
      BULKHEAD_QUEUE,
      BULKHEAD_REJECT,
    ]);
    expect(k.toJSON()).toEqual({ maxConcurrent: 2, maxQueue: 1, executing: 2, queued: 1 });
    expect(k.available).toBe(0);
    expect(k.queueAvailable).toBe(0);
  });

  it('hands a released slot to the queue first, so a newcomer cannot overtake a waiter', () => {
    const k = kernel(1, 2);
    k.tryEnter();
    expect(k.tryEnter()).toBe(BULKHEAD_QUEUE);
    expect(k.release()).toBe(true); // the slot went to the waiter: still one running
    expect(k.executing).toBe(1);
    expect(k.queued).toBe(0);
    expect(k.tryEnter()).toBe(BULKHEAD_QUEUE);
    expect(k.release()).toBe(true);
    expect(k.release()).toBe(false);
    expect(k.executing).toBe(0);
    expect(k.available).toBe(1);
  });

  it('frees a queue place when a waiter leaves, without touching the slots', () => {
    const k = kernel(1, 1);
    k.tryEnter();
    k.tryEnter();
    expect(k.tryEnter()).toBe(BULKHEAD_REJECT);
    k.leaveQueue();
    expect(k.queued).toBe(0);
    expect(k.executing).toBe(1);
    expect(k.tryEnter()).toBe(BULKHEAD_QUEUE);
  });

  it('rejects at once with no queue', () => {
    const k = kernel(1, 0);
    expect(k.tryEnter()).toBe(BULKHEAD_RUN);
    expect(k.tryEnter()).toBe(BULKHEAD_REJECT);
    expect(k.queued).toBe(0);
  });

  it('refuses to count below zero, which would hide a driver bug', () => {
    const k = kernel(1, 1);
    expect(() => k.release()).toThrow(/no call is running/);
    expect(() => k.leaveQueue()).toThrow(/no call is queued/);
  });

  it('gives a queued call its deadline', () => {
    expect(kernel(1, 1, 250).queueDeadlineFor(1000)).toBe(1250);
    expect(kernel(1, 1).queueDeadlineFor(1000)).toBe(Number.POSITIVE_INFINITY);
  });
});

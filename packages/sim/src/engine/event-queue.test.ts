import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.js';

/** Takes every live event in order, as the simulation's loop does: [time, payload] pairs. */
function drain(queue: EventQueue): [number, unknown][] {
  const taken: [number, unknown][] = [];
  for (;;) {
    const at = queue.peekTime();
    if (at === Infinity) return taken;
    queue.take();
    taken.push([at, queue.takenPayload]);
  }
}

const noop = (): void => {};

describe('EventQueue', () => {
  it('takes events in time order, and events at the same time in the order they were pushed', () => {
    const queue = new EventQueue();
    queue.push(20, noop, 'b@20');
    queue.push(10, noop, 'a@10');
    queue.push(20, noop, 'c@20');
    queue.push(5, noop, 'first');
    queue.push(20, noop, 'd@20');
    expect(drain(queue).map(([, payload]) => payload)).toEqual(['first', 'a@10', 'b@20', 'c@20', 'd@20']);
  });

  it('returns the handler with its payload', () => {
    const queue = new EventQueue();
    const seen: unknown[] = [];
    const handler = (payload: unknown): void => void seen.push(payload);
    queue.push(1, handler, { id: 7 });
    expect(queue.peekTime()).toBe(1);
    queue.take()(queue.takenPayload);
    expect(seen).toEqual([{ id: 7 }]);
    expect(queue.peekTime()).toBe(Infinity);
  });

  it('orders like a stable sort by time, whatever the times (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 3000 }), (times) => {
        const queue = new EventQueue();
        times.forEach((time, index) => queue.push(time, noop, index));
        const expected = times
          .map((time, index) => [time, index] as [number, number])
          .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(drain(queue)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps order when pushes and takes interleave (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 20 })), { maxLength: 2000 }),
        (operations) => {
          const queue = new EventQueue();
          const reference: [number, number][] = [];
          let now = 0;
          let next = 0;
          for (const [isTake, delay] of operations) {
            if (isTake && reference.length > 0) {
              reference.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
              const expected = reference.shift()!;
              expect(queue.peekTime()).toBe(expected[0]);
              queue.take();
              expect(queue.takenPayload).toBe(expected[1]);
              now = expected[0];
            } else {
              queue.push(now + delay, noop, next);
              reference.push([now + delay, next++]);
            }
          }
          expect(queue.pending).toBe(reference.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('cancels an event so that it is never taken, once', () => {
    const queue = new EventQueue();
    queue.push(1, noop, 'a');
    const b = queue.push(2, noop, 'b');
    queue.push(3, noop, 'c');
    expect(queue.isPending(b)).toBe(true);
    expect(queue.cancel(b)).toBe(true);
    expect(queue.cancel(b)).toBe(false);
    expect(queue.isPending(b)).toBe(false);
    expect(queue.pending).toBe(2);
    expect(drain(queue).map(([, payload]) => payload)).toEqual(['a', 'c']);
  });

  it('refuses to cancel an event that already ran, even after its slot was reused', () => {
    const queue = new EventQueue();
    const first = queue.push(1, noop, 'first');
    queue.peekTime();
    queue.take();
    expect(queue.cancel(first)).toBe(false);
    const second = queue.push(2, noop, 'second');
    expect(second).not.toBe(first);
    expect(queue.cancel(first)).toBe(false);
    expect(queue.isPending(second)).toBe(true);
  });

  it('ignores ids it never handed out', () => {
    const queue = new EventQueue();
    queue.push(1, noop, undefined);
    for (const id of [-1, 0, 1.5, NaN, 2 ** 40, Number.MAX_SAFE_INTEGER])
      expect(queue.cancel(id)).toBe(false);
    expect(queue.pending).toBe(1);
  });

  it('grows past its initial capacity and keeps every event', () => {
    const queue = new EventQueue();
    const count = 50_000;
    for (let i = 0; i < count; i++) queue.push((i * 7919) % 1000, noop, i);
    const taken = drain(queue);
    expect(taken).toHaveLength(count);
    const outOfOrder = taken.findIndex(([time, index], i) => {
      if (i === 0) return false;
      const [previousTime, previousIndex] = taken[i - 1]! as [number, number];
      return time < previousTime || (time === previousTime && (index as number) < previousIndex);
    });
    expect(outOfOrder).toBe(-1);
  });

  it('drops cancelled events in bulk once they outnumber live ones, keeping order', () => {
    const queue = new EventQueue();
    const ids: number[] = [];
    for (let i = 0; i < 10_000; i++) ids.push(queue.push(10_000 - i, noop, i));
    // Cancel all but every tenth: this crosses the compaction threshold several times.
    for (let i = 0; i < ids.length; i++) if (i % 10 !== 0) expect(queue.cancel(ids[i]!)).toBe(true);
    expect(queue.pending).toBe(1000);
    for (let i = 0; i < ids.length; i++) expect(queue.isPending(ids[i]!)).toBe(i % 10 === 0);
    const taken = drain(queue).map(([, payload]) => payload);
    const expected = Array.from({ length: 1000 }, (_, k) => 9990 - 10 * k);
    expect(taken).toEqual(expected);
  });
});

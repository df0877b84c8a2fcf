import { describe, expect, it } from 'vitest';
import { Waiter, WaiterQueue } from './waiter-queue.js';

class Named extends Waiter {
  constructor(readonly name: string) {
    super();
  }
}

function drain(queue: WaiterQueue<Named>): string[] {
  const names: string[] = [];
  for (let w = queue.shift(); w; w = queue.shift()) names.push(w.name);
  return names;
}

describe('WaiterQueue', () => {
  it('is first in, first out', () => {
    const queue = new WaiterQueue<Named>();
    for (const name of ['a', 'b', 'c']) queue.push(new Named(name));
    expect(queue.size).toBe(3);
    expect(queue.peek()?.name).toBe('a');
    expect(drain(queue)).toEqual(['a', 'b', 'c']);
    expect(queue.size).toBe(0);
    expect(queue.shift()).toBeUndefined();
  });

  it('removes from the head, the middle and the tail, once', () => {
    const queue = new WaiterQueue<Named>();
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => new Named(name)) as [Named, Named, Named, Named];
    for (const w of [a, b, c, d]) queue.push(w);
    expect(queue.remove(b)).toBe(true);
    expect(queue.remove(b)).toBe(false);
    expect(queue.remove(a)).toBe(true);
    expect(queue.remove(d)).toBe(true);
    expect(queue.size).toBe(1);
    queue.push(a);
    expect(drain(queue)).toEqual(['c', 'a']);
  });

  it('refuses to queue a waiter twice', () => {
    const queue = new WaiterQueue<Named>();
    const a = new Named('a');
    queue.push(a);
    expect(() => queue.push(a)).toThrow(/already queued/);
  });
});

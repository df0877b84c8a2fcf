/** Something a pool hands out again: `token` changes each time it is given back. */
export interface Pooled {
  /**
   * Moves on every time the object returns to its pool, so that an event or a message that
   * still names it can tell that it now stands for something else.
   */
  token: number;
}

/**
 * Reuses the per-request objects of the world (requests, calls, attempts), so that a run
 * allocates only up to its high-water mark of objects alive at once, whatever its traffic.
 */
export class Pool<T extends Pooled> {
  private readonly free: T[] = [];
  /** Objects made so far: the most that were ever in use at once. */
  created = 0;

  constructor(private readonly create: () => T) {}

  /** An object to use: a released one, or a new one when none is free. */
  take(): T {
    const item = this.free.pop();
    if (item !== undefined) return item;
    this.created++;
    return this.create();
  }

  /** Gives an object back; its token moves on, so whatever still names it can tell. */
  give(item: T): void {
    item.token++;
    this.free.push(item);
  }

  /** Objects waiting to be reused (for tests: it bounds what a run holds). */
  get idle(): number {
    return this.free.length;
  }
}

/**
 * One entry of a {@link WaiterQueue}. The links live on the entry itself, so a waiter that gives
 * up leaves the queue in O(1) without searching, and the queue allocates nothing of its own.
 */
export class Waiter {
  /** @internal */ previousWaiter: Waiter | undefined = undefined;
  /** @internal */ nextWaiter: Waiter | undefined = undefined;
  /** @internal */ inQueue = false;
}

/**
 * A first-in-first-out queue of waiting calls with O(1) removal from anywhere: a bulkhead or a
 * rate limiter that lets queued callers abort must not scan (or leave tombstones in) its queue,
 * or many aborts would slow every later call.
 */
export class WaiterQueue<W extends Waiter> {
  private head: W | undefined = undefined;
  private tail: W | undefined = undefined;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The waiter that has waited longest, without removing it. */
  peek(): W | undefined {
    return this.head;
  }

  /** Adds `waiter` at the tail. A waiter can be in one queue at a time. */
  push(waiter: W): void {
    if (waiter.inQueue) throw new Error('WaiterQueue.push: this waiter is already queued');
    waiter.inQueue = true;
    waiter.previousWaiter = this.tail;
    waiter.nextWaiter = undefined;
    if (this.tail) this.tail.nextWaiter = waiter;
    else this.head = waiter;
    this.tail = waiter;
    this.count++;
  }

  /** Removes and returns the waiter that has waited longest. */
  shift(): W | undefined {
    const waiter = this.head;
    if (waiter) this.remove(waiter);
    return waiter;
  }

  /** Removes `waiter` wherever it is; returns false when it was not queued (already left or started). */
  remove(waiter: W): boolean {
    if (!waiter.inQueue) return false;
    const previous = waiter.previousWaiter as W | undefined;
    const next = waiter.nextWaiter as W | undefined;
    if (previous) previous.nextWaiter = next;
    else this.head = next;
    if (next) next.previousWaiter = previous;
    else this.tail = previous;
    waiter.previousWaiter = undefined;
    waiter.nextWaiter = undefined;
    waiter.inQueue = false;
    this.count--;
    return true;
  }
}

import type { Clock, TimerHandle } from './clock.js';

interface VirtualTimer {
  at: number;
  seq: number;
  callback: (() => void) | undefined;
}

/**
 * A clock that only moves when told to. Timers run in time order (ties in scheduling order)
 * as time is advanced past them, so policy tests are exact and never sleep.
 *
 * `advance` runs callbacks synchronously; `tick` also lets promise chains settle between timers,
 * which is what tests of async `execute` drivers want.
 */
export class VirtualClock implements Clock {
  private time: number;
  private seq = 0;
  private readonly heap: VirtualTimer[] = [];
  private live = 0;

  constructor(startAt = 0) {
    this.time = startAt;
  }

  now(): number {
    return this.time;
  }

  /** How many timers are scheduled and not yet run or cleared. */
  get pendingTimers(): number {
    return this.live;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer: VirtualTimer = { at: this.time + Math.max(0, ms || 0), seq: this.seq++, callback };
    this.push(timer);
    this.live++;
    return timer;
  }

  clearTimeout(handle: TimerHandle): void {
    const timer = handle as VirtualTimer | undefined;
    if (timer && timer.callback) {
      timer.callback = undefined;
      this.live--;
    }
  }

  /** Moves time forward by `ms`, running every timer that falls due, in order. */
  advance(ms: number): void {
    if (!(ms >= 0))
      throw new RangeError(`VirtualClock.advance: expected a non-negative number of ms, got ${ms}`);
    const target = this.time + ms;
    for (;;) {
      const timer = this.popDue(target);
      if (!timer) break;
      this.time = timer.at;
      this.fire(timer);
    }
    this.time = target;
  }

  /** Sets the time to an absolute `at` (not earlier than now), running due timers. */
  advanceTo(at: number): void {
    this.advance(Math.max(0, at - this.time));
  }

  /**
   * Like `advance`, but before each timer and at the end it lets pending promise callbacks run,
   * so async code awaiting timers progresses as it would in real time.
   */
  async tick(ms = 0): Promise<void> {
    if (!(ms >= 0))
      throw new RangeError(`VirtualClock.tick: expected a non-negative number of ms, got ${ms}`);
    const target = this.time + ms;
    await settle();
    for (;;) {
      const timer = this.popDue(target);
      if (!timer) break;
      this.time = timer.at;
      this.fire(timer);
      await settle();
    }
    this.time = target;
    await settle();
  }

  /** Runs timers until none is left (or `limit` have run, to catch runaway loops). */
  async runAll(limit = 100_000): Promise<void> {
    await settle();
    for (let i = 0; i < limit; i++) {
      const timer = this.popDue(Infinity);
      if (!timer) return;
      this.time = Math.max(this.time, timer.at);
      this.fire(timer);
      await settle();
    }
    throw new Error(
      `VirtualClock.runAll: still scheduling after ${limit} timers; is something rescheduling forever?`,
    );
  }

  private fire(timer: VirtualTimer): void {
    const callback = timer.callback;
    if (!callback) return;
    timer.callback = undefined;
    this.live--;
    callback();
  }

  private popDue(limit: number): VirtualTimer | undefined {
    const heap = this.heap;
    while (heap.length > 0) {
      const top = heap[0]!;
      if (top.at > limit) return undefined;
      this.pop();
      if (top.callback) return top;
    }
    return undefined;
  }

  private push(timer: VirtualTimer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}

function before(a: VirtualTimer, b: VirtualTimer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** Lets queued promise callbacks (and the ones they queue) run: one macrotask turn. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

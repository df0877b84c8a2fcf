import { systemClock, type Clock, type TimerHandle } from '../../clock/index.js';

// Why a queue and not one setTimeout per call: most calls finish long before their deadline, so
// a per-call timer is armed and cancelled for nothing. Deadlines are grouped into 1 ms buckets
// (the resolution of Node's own timers) kept in a min-heap by time; ONE clock timer is armed for
// the earliest bucket. Cancelling unlinks the deadline from its bucket in O(1) and leaves an
// emptied bucket in the heap until its time comes (lazy deletion), so the timer is re-armed only
// when an earlier bucket appears, not on every cancellation. When the last deadline goes, the
// timer goes too: an idle queue holds no timer.
//
// On the system clock "goes" waits for the end of the event-loop turn: calls made one after
// another (each starting once the last has settled) would otherwise arm and clear a Node timer
// each, which costs three times the rest of a timeout. The timer is unref'd meanwhile, so it
// never holds the process open. Any other clock (VirtualClock, the simulator's) drops it at once,
// so tests see exactly what is pending.

/** The longest delay Node's setTimeout honours; a longer deadline re-arms on the way. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Something that must happen at a clock time unless removed first: a timeout's deadline, a
 * hedge's next launch. Subclasses implement `expire`; a {@link DeadlineQueue} schedules them.
 * The link fields belong to the queue: one deadline is in at most one queue at a time.
 */
export abstract class Deadline {
  // Declared, and assigned in the constructor: field initializers in a class that others extend
  // cost V8 (Node 20) twice as much as assignments, and a timeout makes one deadline per call.
  /** The clock time `expire` runs at (set by `DeadlineQueue.add`). */
  declare at: number;
  /** @internal The bucket holding this deadline, while it is scheduled. */
  declare bucket: Bucket | undefined;
  /** @internal */
  declare previous: Deadline | undefined;
  /** @internal */
  declare next: Deadline | undefined;

  constructor() {
    this.at = 0;
    this.bucket = undefined;
    this.previous = undefined;
    this.next = undefined;
  }

  /** Whether this deadline is scheduled and has not expired yet. */
  get scheduled(): boolean {
    return this.bucket !== undefined;
  }

  /** Runs once, from the queue's timer, when the clock reaches `at`; never after a removal. */
  abstract expire(): void;
}

/** Every deadline due in one millisecond, in the order they were added. */
class Bucket {
  head: Deadline | undefined = undefined;
  tail: Deadline | undefined = undefined;
  constructor(readonly key: number) {}
}

const queues = new WeakMap<Clock, DeadlineQueue>();

export interface DeadlineQueueOptions {
  /**
   * Keep the timer of a queue that fell idle until the end of the event-loop turn (dropping it
   * then if the queue is still idle), rather than clearing it at once. Default: only on the
   * system clock.
   */
  keepTimerUntilTurnEnds?: boolean;
}

/**
 * Deadlines on one clock behind a single clock timer: adding and removing cost no timer in the
 * common case, and an idle queue leaves no timer behind. Expiry is never early: a deadline runs
 * when `clock.now()` has reached `at` rounded up to the next whole millisecond.
 */
export class DeadlineQueue {
  private readonly buckets = new Map<number, Bucket>();
  /** Buckets ordered by key (a binary min-heap); may hold emptied buckets until they come due. */
  private readonly heap: Bucket[] = [];
  /** The bucket added to last: consecutive calls with one duration land in the same bucket. */
  private last: Bucket | undefined = undefined;
  private count = 0;
  private timer: TimerHandle = undefined;
  private armed = false;
  private armedKey = 0;
  private firing = false;
  private readonly keepTimerUntilTurnEnds: boolean;
  private idleCheckPending = false;
  private readonly onTimer = (): void => this.fire();
  private readonly onTurnEnd = (): void => {
    this.idleCheckPending = false;
    if (this.count === 0) this.clear();
  };

  constructor(
    private readonly clock: Clock,
    options: DeadlineQueueOptions = {},
  ) {
    this.keepTimerUntilTurnEnds = options.keepTimerUntilTurnEnds ?? clock === systemClock;
  }

  /** The queue shared by everything scheduled on `clock` (one per clock, created on first use). */
  static of(clock: Clock): DeadlineQueue {
    let queue = queues.get(clock);
    if (queue === undefined) {
      queue = new DeadlineQueue(clock);
      queues.set(clock, queue);
    }
    return queue;
  }

  /** How many deadlines are scheduled. */
  get size(): number {
    return this.count;
  }

  /** Whether a clock timer is armed; false whenever the queue is empty (on the system clock: by the end of the turn). */
  get hasTimer(): boolean {
    return this.armed;
  }

  /** Schedules `deadline` to expire at clock time `at` (moving it if it was scheduled already). */
  add(deadline: Deadline, at: number): void {
    if (deadline.bucket !== undefined) this.remove(deadline);
    deadline.at = at;
    const key = Math.ceil(at);
    let bucket = this.last;
    if (bucket === undefined || bucket.key !== key) {
      bucket = this.buckets.get(key);
      if (bucket === undefined) {
        bucket = new Bucket(key);
        this.buckets.set(key, bucket);
        this.push(bucket);
      }
      this.last = bucket;
    }
    const tail = bucket.tail;
    deadline.bucket = bucket;
    deadline.previous = tail;
    deadline.next = undefined;
    if (tail === undefined) bucket.head = deadline;
    else tail.next = deadline;
    bucket.tail = deadline;
    this.count++;
    if (!this.firing && (!this.armed || key < this.armedKey)) this.arm(key);
  }

  /** Cancels `deadline` in O(1); returns false when it was not scheduled (already expired or removed). */
  remove(deadline: Deadline): boolean {
    const bucket = deadline.bucket;
    if (bucket === undefined) return false;
    this.unlink(bucket, deadline);
    if (--this.count === 0 && !this.firing) this.idle();
    return true;
  }

  private idle(): void {
    if (!this.keepTimerUntilTurnEnds) this.clear();
    else if (this.armed && !this.idleCheckPending) {
      this.idleCheckPending = true;
      setImmediate(this.onTurnEnd).unref();
    }
  }

  private unlink(bucket: Bucket, deadline: Deadline): void {
    const { previous, next } = deadline;
    if (previous === undefined) bucket.head = next;
    else previous.next = next;
    if (next === undefined) bucket.tail = previous;
    else next.previous = previous;
    deadline.bucket = deadline.previous = deadline.next = undefined;
  }

  /** Nothing is scheduled: drop the timer and every bucket, so an idle queue holds nothing. */
  private clear(): void {
    if (this.armed) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
      this.armed = false;
    }
    this.buckets.clear();
    this.heap.length = 0;
    this.last = undefined;
  }

  private arm(key: number): void {
    if (this.armed) this.clock.clearTimeout(this.timer);
    const delay = Math.min(Math.max(0, key - this.clock.now()), MAX_TIMER_MS);
    this.armed = true;
    this.armedKey = key;
    this.timer = this.clock.setTimeout(this.onTimer, delay);
  }

  private fire(): void {
    this.armed = false;
    this.timer = undefined;
    this.firing = true;
    try {
      const now = this.clock.now();
      const heap = this.heap;
      while (heap.length > 0 && heap[0]!.key <= now) {
        const bucket = this.pop();
        this.buckets.delete(bucket.key);
        if (this.last === bucket) this.last = undefined;
        // Take the head each time: an expiry may remove other deadlines of this bucket.
        for (let deadline = bucket.head; deadline !== undefined; deadline = bucket.head) {
          this.unlink(bucket, deadline);
          this.count--;
          expire(deadline);
        }
      }
    } finally {
      this.firing = false;
    }
    if (this.count === 0) {
      this.clear();
      return;
    }
    // Skip buckets emptied by cancellations, so the timer is armed for a deadline that exists.
    while (this.heap[0]!.head === undefined) {
      const bucket = this.pop();
      this.buckets.delete(bucket.key);
      if (this.last === bucket) this.last = undefined;
    }
    this.arm(this.heap[0]!.key);
  }

  private push(bucket: Bucket): void {
    const heap = this.heap;
    let index = heap.push(bucket) - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (heap[parent]!.key <= bucket.key) break;
      heap[index] = heap[parent]!;
      index = parent;
    }
    heap[index] = bucket;
  }

  private pop(): Bucket {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length === 0) return top;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && heap[right]!.key < heap[left]!.key ? right : left;
      if (heap[child]!.key >= last.key) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = last;
    return top;
  }
}

/** Runs one expiry; an error escapes on a later microtask so that the other deadlines still run. */
function expire(deadline: Deadline): void {
  try {
    deadline.expire();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

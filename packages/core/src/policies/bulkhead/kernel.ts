import type { ResolvedBulkheadOptions } from './options.js';

/** `tryEnter()`: a slot was free and is now the caller's; run the call. */
export const BULKHEAD_RUN = 0;
/** `tryEnter()`: every slot is taken; the caller joined the queue and waits for `release()` to hand it one. */
export const BULKHEAD_QUEUE = 1;
/** `tryEnter()`: every slot and every queue place is taken; reject the call. */
export const BULKHEAD_REJECT = 2;

/** What `tryEnter()` decided: {@link BULKHEAD_RUN}, {@link BULKHEAD_QUEUE} or {@link BULKHEAD_REJECT}. */
export type BulkheadAdmission = typeof BULKHEAD_RUN | typeof BULKHEAD_QUEUE | typeof BULKHEAD_REJECT;

/**
 * The bulkhead decision kernel: the admission counts, and nothing else. A driver (the async
 * `execute`, or the simulator) keeps its own first-in-first-out queue of waiting calls and
 * tells the kernel when one enters, leaves or finishes; the kernel decides who runs.
 *
 * Per call: `tryEnter()`. On RUN, run it and call `release()` when it settles; on QUEUE, put it
 * at the tail of the driver's queue; on REJECT, refuse it. When `release()` returns true, the
 * slot passes straight to the call at the head of the queue (so a newcomer can never overtake
 * a waiting call): remove it from the queue, run it, and `release()` when it settles. A queued
 * call that gives up (its caller aborted, or it waited `queueTimeout`) calls `leaveQueue()`.
 */
export class BulkheadKernel {
  readonly maxConcurrent: number;
  readonly maxQueue: number;
  /** How long a call may wait in the queue, in ms; Infinity: as long as it takes. */
  readonly queueTimeout: number;
  private running = 0;
  private waiting = 0;

  constructor(options: Pick<ResolvedBulkheadOptions, 'maxConcurrent' | 'maxQueue' | 'queueTimeout'>) {
    this.maxConcurrent = options.maxConcurrent;
    this.maxQueue = options.maxQueue;
    this.queueTimeout = options.queueTimeout;
  }

  /** Calls holding a slot now. */
  get executing(): number {
    return this.running;
  }

  /** Calls waiting in the queue now. */
  get queued(): number {
    return this.waiting;
  }

  /** Free slots now: a call entering now runs at once when this is above 0. */
  get available(): number {
    return this.maxConcurrent - this.running;
  }

  /** Free places in the queue now. */
  get queueAvailable(): number {
    return this.maxQueue - this.waiting;
  }

  /** Admits a call: runs it if a slot is free, else queues it if the queue has room, else rejects it. */
  tryEnter(): BulkheadAdmission {
    // While anyone waits every slot is taken (release hands slots to waiters), so a free slot
    // means an empty queue and taking it never jumps the queue.
    if (this.running < this.maxConcurrent) {
      this.running++;
      return BULKHEAD_RUN;
    }
    if (this.waiting < this.maxQueue) {
      this.waiting++;
      return BULKHEAD_QUEUE;
    }
    return BULKHEAD_REJECT;
  }

  /** A queued call gave up before it got a slot: its queue place is free again. */
  leaveQueue(): void {
    if (this.waiting === 0) throw new Error('BulkheadKernel.leaveQueue: no call is queued');
    this.waiting--;
  }

  /**
   * A running call settled. Returns true when its slot passes to the call at the head of the
   * queue (which must now run), false when the slot is free again.
   */
  release(): boolean {
    if (this.waiting > 0) {
      this.waiting--;
      return true;
    }
    if (this.running === 0) throw new Error('BulkheadKernel.release: no call is running');
    this.running--;
    return false;
  }

  /** The queue deadline of a call queued at `now`: when it gives up if no slot came (Infinity: never). */
  queueDeadlineFor(now: number): number {
    return now + this.queueTimeout;
  }

  /** Configuration and counts, for dashboards and the Registry. */
  toJSON(): { maxConcurrent: number; maxQueue: number; executing: number; queued: number } {
    return {
      maxConcurrent: this.maxConcurrent,
      maxQueue: this.maxQueue,
      executing: this.running,
      queued: this.waiting,
    };
  }
}

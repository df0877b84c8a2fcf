/** What runs when an event falls due: it receives the payload it was scheduled with. */
export type EventHandler<P = never> = (payload: P) => void;

/**
 * Names one scheduled event, to cancel it. Opaque: a number that packs the event's slot and the
 * slot's generation, so an id stays wrong for ever once its event has run or been cancelled.
 */
export type EventId = number;

// Ids are generation * SLOT_SPACE + slot. With 2^26 slots (67 million events pending at once, far
// past what memory allows) and generations below 2^27, every id is an exact integer below 2^53.
const SLOT_SPACE = 2 ** 26;
const GENERATION_LIMIT = 2 ** 27;
const INITIAL_CAPACITY = 1024;
// Cancelled events stay in the heap until they reach its top; past this many (and past the live
// count) the heap is rebuilt without them, so cancelling never makes memory grow without bound.
const COMPACT_AFTER = 1024;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyHandler = (payload: any) => void;

/**
 * The pending events of a simulation, ordered by (time, sequence): earlier time first and, at the
 * same time, the order they were scheduled in, so ties never depend on heap layout.
 *
 * A 4-ary heap over typed arrays (time and sequence in Float64Arrays, the slot in an Int32Array),
 * with each event's handler and payload in slot arrays that the heap does not move. Pushing and
 * taking allocate nothing once the arrays have grown to the run's high-water mark (they double).
 * Cancelling is O(1): it empties the slot and leaves a tombstone the heap drops when it meets it.
 */
export class EventQueue {
  private heapTime = new Float64Array(INITIAL_CAPACITY);
  private heapSeq = new Float64Array(INITIAL_CAPACITY);
  private heapSlot = new Int32Array(INITIAL_CAPACITY);
  private heapSize = 0;
  private nextSeq = 0;

  private handlers: (AnyHandler | undefined)[] = [];
  private payloads: unknown[] = [];
  private generations = new Uint32Array(INITIAL_CAPACITY).fill(1);
  private freeSlots = new Int32Array(INITIAL_CAPACITY);
  private freeCount = 0;
  private slotsUsed = 0;
  private cancelled = 0;

  /** The payload of the event `take()` returned last. */
  takenPayload: unknown = undefined;

  /** Events scheduled and neither run nor cancelled. */
  get pending(): number {
    return this.heapSize - this.cancelled;
  }

  /** Adds an event at time `at` (the caller checks it is a finite number) and returns its id. */
  push(at: number, handler: EventHandler<never>, payload: unknown): EventId {
    const slot = this.allocateSlot();
    this.handlers[slot] = handler as AnyHandler;
    this.payloads[slot] = payload;
    this.siftUp(this.heapSize++, at, this.nextSeq++, slot);
    return this.generations[slot]! * SLOT_SPACE + slot;
  }

  /** Cancels a pending event; false when it already ran, was cancelled, or never existed. O(1). */
  cancel(id: EventId): boolean {
    const slot = this.liveSlotOf(id);
    if (slot < 0) return false;
    this.handlers[slot] = undefined;
    this.payloads[slot] = undefined;
    this.cancelled++;
    if (this.cancelled > COMPACT_AFTER && this.cancelled > this.heapSize - this.cancelled) this.compact();
    return true;
  }

  /** Whether the event is still waiting to run. */
  isPending(id: EventId): boolean {
    return this.liveSlotOf(id) >= 0;
  }

  /** The time of the next live event, or Infinity when there is none. Drops cancelled events on top. */
  peekTime(): number {
    while (this.heapSize > 0) {
      const slot = this.heapSlot[0]!;
      if (this.handlers[slot] !== undefined) return this.heapTime[0]!;
      this.removeTop();
      this.releaseSlot(slot);
      this.cancelled--;
    }
    return Infinity;
  }

  /**
   * Removes the next event and returns its handler, leaving its payload in `takenPayload`. Call
   * only right after `peekTime()` returned a finite time: the top is then a live event.
   */
  take(): AnyHandler {
    const slot = this.heapSlot[0]!;
    const handler = this.handlers[slot]!;
    this.takenPayload = this.payloads[slot];
    this.removeTop();
    this.releaseSlot(slot);
    return handler;
  }

  private liveSlotOf(id: EventId): number {
    if (typeof id !== 'number' || !(id >= 0)) return -1;
    const slot = id % SLOT_SPACE;
    if (slot >= this.slotsUsed) return -1;
    if (this.generations[slot]! * SLOT_SPACE + slot !== id) return -1;
    return this.handlers[slot] === undefined ? -1 : slot;
  }

  private allocateSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount]!;
    if (this.slotsUsed === this.generations.length) this.grow();
    return this.slotsUsed++;
  }

  // A slot's generation moves on when it is freed, so the ids handed out for it go stale.
  private releaseSlot(slot: number): void {
    this.handlers[slot] = undefined;
    this.payloads[slot] = undefined;
    const next = this.generations[slot]! + 1;
    this.generations[slot] = next === GENERATION_LIMIT ? 1 : next;
    this.freeSlots[this.freeCount++] = slot;
  }

  private grow(): void {
    const capacity = this.generations.length * 2;
    if (capacity > SLOT_SPACE)
      throw new RangeError(`EventQueue: more than ${SLOT_SPACE} events pending at once`);
    this.heapTime = grown(this.heapTime, new Float64Array(capacity));
    this.heapSeq = grown(this.heapSeq, new Float64Array(capacity));
    this.heapSlot = grown(this.heapSlot, new Int32Array(capacity));
    this.freeSlots = grown(this.freeSlots, new Int32Array(capacity));
    const generations = new Uint32Array(capacity).fill(1);
    generations.set(this.generations);
    this.generations = generations;
  }

  // Moves the hole at `index` up until the new event fits. It has the largest sequence number yet,
  // so it goes after every event of the same time: only a strictly later parent moves down.
  private siftUp(index: number, time: number, seq: number, slot: number): void {
    const heapTime = this.heapTime;
    const heapSeq = this.heapSeq;
    const heapSlot = this.heapSlot;
    let hole = index;
    while (hole > 0) {
      const parent = (hole - 1) >> 2;
      const parentTime = heapTime[parent]!;
      if (parentTime <= time) break;
      heapTime[hole] = parentTime;
      heapSeq[hole] = heapSeq[parent]!;
      heapSlot[hole] = heapSlot[parent]!;
      hole = parent;
    }
    heapTime[hole] = time;
    heapSeq[hole] = seq;
    heapSlot[hole] = slot;
  }

  private removeTop(): void {
    const size = --this.heapSize;
    if (size === 0) return;
    this.siftDown(0, this.heapTime[size]!, this.heapSeq[size]!, this.heapSlot[size]!, size);
  }

  private siftDown(index: number, time: number, seq: number, slot: number, size: number): void {
    const heapTime = this.heapTime;
    const heapSeq = this.heapSeq;
    const heapSlot = this.heapSlot;
    let hole = index;
    for (;;) {
      const first = 4 * hole + 1;
      if (first >= size) break;
      const end = first + 4 < size ? first + 4 : size;
      let best = first;
      let bestTime = heapTime[first]!;
      let bestSeq = heapSeq[first]!;
      for (let child = first + 1; child < end; child++) {
        const childTime = heapTime[child]!;
        if (childTime < bestTime || (childTime === bestTime && heapSeq[child]! < bestSeq)) {
          best = child;
          bestTime = childTime;
          bestSeq = heapSeq[child]!;
        }
      }
      if (bestTime > time || (bestTime === time && bestSeq > seq)) break;
      heapTime[hole] = bestTime;
      heapSeq[hole] = bestSeq;
      heapSlot[hole] = heapSlot[best]!;
      hole = best;
    }
    heapTime[hole] = time;
    heapSeq[hole] = seq;
    heapSlot[hole] = slot;
  }

  // Drops every cancelled event and restores heap order bottom-up: O(n), and it runs only once
  // cancelled events outnumber live ones, so its cost per cancel stays O(1) amortized.
  private compact(): void {
    let size = 0;
    for (let i = 0; i < this.heapSize; i++) {
      const slot = this.heapSlot[i]!;
      if (this.handlers[slot] === undefined) {
        this.releaseSlot(slot);
        continue;
      }
      this.heapTime[size] = this.heapTime[i]!;
      this.heapSeq[size] = this.heapSeq[i]!;
      this.heapSlot[size] = slot;
      size++;
    }
    this.heapSize = size;
    this.cancelled = 0;
    for (let i = (size - 2) >> 2; i >= 0; i--)
      this.siftDown(i, this.heapTime[i]!, this.heapSeq[i]!, this.heapSlot[i]!, size);
  }
}

function grown<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

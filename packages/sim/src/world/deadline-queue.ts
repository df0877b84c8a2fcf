import type { Simulation } from '../engine/index.js';
import type { Attempt } from './attempt.js';

const INITIAL_CAPACITY = 64;

/**
 * The timeout deadlines of one edge's attempts, with one timer for the earliest. A timeout has
 * one duration per edge, so deadlines come in the order attempts start: a FIFO suffices. An
 * attempt that ends before its deadline is not cancelled here: its entry goes stale (the
 * attempt's token moves on when it is reused) and is dropped when it reaches the head. So most
 * attempts cost no timer event at all: the one timer fires about once per timeout duration.
 */
export class DeadlineQueue {
  private attempts: (Attempt | undefined)[] = new Array<Attempt | undefined>(INITIAL_CAPACITY);
  private tokens = new Float64Array(INITIAL_CAPACITY);
  private times = new Float64Array(INITIAL_CAPACITY);
  private head = 0;
  private size = 0;
  private timer = -1;
  private firing = false;

  constructor(
    private readonly simulation: Simulation,
    /** Called at an attempt's deadline if it is still the same attempt then. */
    private readonly onExpired: (attempt: Attempt) => void,
  ) {}

  /** Entries held, stale ones included (for tests: memory stays bounded). */
  get length(): number {
    return this.size;
  }

  /** Adds an attempt's deadline; it must not be earlier than any deadline already added. */
  add(attempt: Attempt, at: number): void {
    if (this.size === this.attempts.length) this.grow();
    const index = (this.head + this.size) % this.attempts.length;
    this.attempts[index] = attempt;
    this.tokens[index] = attempt.token;
    this.times[index] = at;
    this.size++;
    if (this.timer < 0 && !this.firing) this.timer = this.simulation.scheduleAt(at, fire, this);
  }

  /** The timer fired: every current attempt whose deadline has come expires, in order. */
  fire(): void {
    this.timer = -1;
    this.firing = true;
    const now = this.simulation.now();
    try {
      while (this.size > 0) {
        const index = this.head;
        const attempt = this.attempts[index]!;
        if (attempt.token === this.tokens[index]) {
          if (this.times[index]! > now) break;
          this.pop();
          this.onExpired(attempt);
        } else {
          this.pop();
        }
      }
    } finally {
      this.firing = false;
    }
    this.dropStale();
    if (this.size > 0) this.timer = this.simulation.scheduleAt(this.times[this.head]!, fire, this);
  }

  private dropStale(): void {
    while (this.size > 0 && this.attempts[this.head]!.token !== this.tokens[this.head]) this.pop();
  }

  private pop(): void {
    this.attempts[this.head] = undefined;
    this.head = (this.head + 1) % this.attempts.length;
    this.size--;
  }

  private grow(): void {
    this.dropStale();
    if (this.size < this.attempts.length) return;
    const capacity = this.attempts.length * 2;
    const attempts = new Array<Attempt | undefined>(capacity);
    const tokens = new Float64Array(capacity);
    const times = new Float64Array(capacity);
    for (let i = 0; i < this.size; i++) {
      const from = (this.head + i) % this.attempts.length;
      attempts[i] = this.attempts[from];
      tokens[i] = this.tokens[from]!;
      times[i] = this.times[from]!;
    }
    this.attempts = attempts;
    this.tokens = tokens;
    this.times = times;
    this.head = 0;
  }
}

function fire(queue: DeadlineQueue): void {
  queue.fire();
}

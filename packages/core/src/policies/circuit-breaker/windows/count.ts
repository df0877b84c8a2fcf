import { FAILED, SLOW, type CircuitWindow, type CircuitWindowSnapshot } from './window.js';

/**
 * The last `size` calls, in a ring buffer of outcome bits: recording a call evicts the oldest
 * once the buffer is full and keeps the totals up to date, so every call costs O(1)
 * (resilience4j's COUNT_BASED window).
 */
export class CountWindow implements CircuitWindow {
  readonly type = 'count' as const;
  readonly size: number;
  calls = 0;
  failures = 0;
  slowCalls = 0;
  private readonly outcomes: Uint8Array;
  /** Where the next outcome goes; once full, also where the oldest one is. */
  private next = 0;

  constructor(size: number) {
    this.size = size;
    this.outcomes = new Uint8Array(size);
  }

  record(failed: boolean, slow: boolean): void {
    const outcome = (failed ? FAILED : 0) | (slow ? SLOW : 0);
    if (this.calls === this.size) {
      const evicted = this.outcomes[this.next]!;
      this.failures -= evicted & FAILED;
      this.slowCalls -= (evicted & SLOW) >> 1;
    } else {
      this.calls++;
    }
    this.outcomes[this.next] = outcome;
    this.failures += outcome & FAILED;
    this.slowCalls += (outcome & SLOW) >> 1;
    this.next = this.next + 1 === this.size ? 0 : this.next + 1;
  }

  expire(): void {}

  clear(): void {
    this.calls = 0;
    this.failures = 0;
    this.slowCalls = 0;
    this.next = 0;
  }

  toJSON(): CircuitWindowSnapshot {
    const outcomes: number[] = [];
    const oldest = this.calls === this.size ? this.next : 0;
    for (let i = 0; i < this.calls; i++) outcomes.push(this.outcomes[(oldest + i) % this.size]!);
    return { type: 'count', outcomes };
  }

  /** Restores the newest `size` outcomes, so a snapshot of a larger window fits a smaller one. */
  hydrate(snapshot: CircuitWindowSnapshot): void {
    this.clear();
    if (snapshot.type !== 'count') return;
    const outcomes = snapshot.outcomes;
    for (let i = Math.max(0, outcomes.length - this.size); i < outcomes.length; i++) {
      const outcome = outcomes[i]!;
      this.record((outcome & FAILED) !== 0, (outcome & SLOW) !== 0);
    }
  }
}

import type { Attempt } from './attempt.js';

/**
 * Attempts waiting, first in first out, linked through the attempts themselves (an attempt
 * waits in one queue at a time): the queue of a bulkhead, or of a rate limiter in wait mode.
 * Pushing, taking the head and removing any one attempt are O(1) and allocate nothing.
 */
export class AttemptQueue {
  private head: Attempt | undefined = undefined;
  private tail: Attempt | undefined = undefined;
  /** Attempts waiting. */
  size = 0;

  /** The attempt first in line, if any. */
  get first(): Attempt | undefined {
    return this.head;
  }

  push(attempt: Attempt): void {
    attempt.next = undefined;
    attempt.previous = this.tail;
    if (this.tail === undefined) this.head = attempt;
    else this.tail.next = attempt;
    this.tail = attempt;
    this.size++;
  }

  /** Takes the attempt first in line. */
  shift(): Attempt | undefined {
    const attempt = this.head;
    if (attempt !== undefined) this.remove(attempt);
    return attempt;
  }

  /** Removes an attempt that is in this queue, wherever it stands. */
  remove(attempt: Attempt): void {
    const { previous, next } = attempt;
    if (previous === undefined) this.head = next;
    else previous.next = next;
    if (next === undefined) this.tail = previous;
    else next.previous = previous;
    attempt.previous = attempt.next = undefined;
    this.size--;
  }
}

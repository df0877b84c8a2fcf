import type { Clock, TimerHandle } from '@faultline/core';
import type { Outlet } from './stage.js';

interface Held {
  /** Undefined for the end of the stream. */
  readonly chunk: Buffer | undefined;
  readonly at: number;
}

/**
 * Chunks (and the end of the stream) waiting for their time, released strictly in order: what
 * every time-based toxic (latency, bandwidth, slicer, slow_open, slow_close) is built on. One
 * timer at a time, for the head of the queue; the bytes held are reported through `hold`.
 */
export class ReleaseQueue {
  private items: Held[] = [];
  private first = 0;
  private timer: TimerHandle | undefined;
  private timerAt = Infinity;
  private last = -Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly hold: (deltaBytes: number) => void,
    /** Read at release time, so a stage re-pointed while holding delivers to its new output. */
    private readonly outlet: () => Outlet,
  ) {}

  /** When the last queued item is due (or -Infinity): later items are never released before it. */
  get lastAt(): number {
    return this.last;
  }

  get isEmpty(): boolean {
    return this.first === this.items.length;
  }

  /** Queues `chunk` for release at `at` (or right after the item before it, whichever is later). */
  push(chunk: Buffer, at: number): void {
    this.add(chunk, at);
  }

  /** Queues the end of the stream, after everything already queued. */
  pushEnd(at: number): void {
    this.add(undefined, at);
  }

  /** Releases everything now, in order: the toxic was removed and must not lose a byte. */
  flush(): void {
    this.cancelTimer();
    this.releaseUntil(Infinity);
  }

  /** Drops everything: the connection is gone. */
  dispose(): void {
    this.cancelTimer();
    let bytes = 0;
    for (let i = this.first; i < this.items.length; i++) bytes += this.items[i]!.chunk?.length ?? 0;
    this.items = [];
    this.first = 0;
    if (bytes > 0) this.hold(-bytes);
  }

  private add(chunk: Buffer | undefined, at: number): void {
    const due = Math.max(at, this.last);
    this.last = due;
    if (this.isEmpty && due <= this.clock.now()) {
      // Nothing waits ahead of it and it is due: no queue, no timer (the common warm path).
      this.deliver(chunk);
      return;
    }
    this.items.push({ chunk, at: due });
    if (chunk) this.hold(chunk.length);
    this.schedule();
  }

  private schedule(): void {
    if (this.isEmpty) return;
    const at = this.items[this.first]!.at;
    if (this.timer !== undefined && this.timerAt <= at) return;
    this.cancelTimer();
    this.timerAt = at;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        this.releaseUntil(this.clock.now());
        this.schedule();
      },
      Math.max(0, at - this.clock.now()),
    );
  }

  private releaseUntil(now: number): void {
    while (!this.isEmpty) {
      const item = this.items[this.first]!;
      if (item.at > now) break;
      this.first++;
      if (item.chunk) this.hold(-item.chunk.length);
      this.deliver(item.chunk);
    }
    if (this.first > 1024 && this.first * 2 > this.items.length) {
      this.items = this.items.slice(this.first);
      this.first = 0;
    }
  }

  private deliver(chunk: Buffer | undefined): void {
    if (chunk) this.outlet().write(chunk);
    else this.outlet().end();
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }
}

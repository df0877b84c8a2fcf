import type { VirtualClock } from '../../../clock/index.js';
import type { Random } from '../../../random/index.js';
import { LIMIT_DROP, LIMIT_SAMPLE, type ConcurrencyLimitKernel } from '../kernel.js';

/**
 * A dependency with `workers` calls served at once and an unbounded first-in-first-out queue
 * behind them, on a VirtualClock: up to `workers` calls in flight take `serviceMs` (± `jitter`),
 * and every call beyond that waits its turn, so latency grows once more than `workers` are in
 * flight. Its real capacity, in calls in flight, is `workers`.
 */
export class QueueingDependency {
  workers: number;
  private busy = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    private readonly clock: VirtualClock,
    private readonly random: Random,
    workers: number,
    private readonly serviceMs: number,
    private readonly jitter = 0.1,
  ) {
    this.workers = workers;
  }

  /** Starts a call; `done` runs when it has been served. */
  call(done: () => void): void {
    if (this.busy < this.workers) this.serve(done);
    else this.queue.push(done);
  }

  private serve(done: () => void): void {
    this.busy++;
    const ms = this.serviceMs * (1 - this.jitter + 2 * this.jitter * this.random.next());
    this.clock.setTimeout(() => {
      this.busy--;
      done();
      while (this.busy < this.workers && this.queue.length > 0) this.serve(this.queue.shift()!);
    }, ms);
  }
}

export interface LoadOptions {
  /** Arrivals per second (Poisson). */
  rate: number;
  /** How long to run, in ms. */
  durationMs: number;
  /** A call slower than this counts as a drop (the caller's timeout). Default: never. */
  dropAfterMs?: number;
  /** Called every `sampleEveryMs` with the time and the kernel's limit. */
  onTick?: (now: number, limit: number) => void;
  sampleEveryMs?: number;
}

/**
 * Drives `kernel` the way the simulator does, with no promise: Poisson arrivals at `rate` call
 * `tryAcquire`, admitted calls go to `dependency`, and each completion calls `release`.
 * Returns how many calls were admitted and refused.
 */
export function runOpenLoad(
  clock: VirtualClock,
  random: Random,
  kernel: ConcurrencyLimitKernel,
  dependency: QueueingDependency,
  options: LoadOptions,
): { admitted: number; refused: number } {
  let admitted = 0;
  let refused = 0;
  const end = clock.now() + options.durationMs;
  const meanGapMs = 1000 / options.rate;
  const dropAfter = options.dropAfterMs ?? Number.POSITIVE_INFINITY;
  const arrive = (): void => {
    const inflight = kernel.tryAcquire();
    if (inflight === 0) refused++;
    else {
      admitted++;
      const startedAt = clock.now();
      dependency.call(() => {
        const outcome = clock.now() - startedAt > dropAfter ? LIMIT_DROP : LIMIT_SAMPLE;
        kernel.release(startedAt, inflight, outcome);
      });
    }
    const gap = -Math.log(1 - random.next()) * meanGapMs;
    if (clock.now() + gap < end) clock.setTimeout(arrive, gap);
  };
  clock.setTimeout(arrive, 0);
  const every = options.sampleEveryMs ?? 1000;
  for (let t = every; t <= options.durationMs; t += every) {
    clock.advance(every);
    options.onTick?.(clock.now(), kernel.limit);
  }
  return { admitted, refused };
}

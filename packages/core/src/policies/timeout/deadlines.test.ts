import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualClock, systemClock, type Clock } from '../../clock/index.js';
import { Deadline, DeadlineQueue } from './deadlines.js';

/** A deadline that records when it expired, and can run something when it does. */
class Mark extends Deadline {
  constructor(
    readonly label: string,
    private readonly log: string[],
    private readonly clock: Clock,
    private readonly then?: () => void,
  ) {
    super();
  }
  expire(): void {
    this.log.push(`${this.label}@${this.clock.now()}`);
    this.then?.();
  }
}

function setup() {
  const clock = new VirtualClock();
  const queue = new DeadlineQueue(clock);
  const log: string[] = [];
  const mark = (label: string, then?: () => void) => new Mark(label, log, clock, then);
  return { clock, queue, log, mark };
}

describe('DeadlineQueue', () => {
  it('expires deadlines at their time, in time order, ties in the order added', () => {
    const { clock, queue, log, mark } = setup();
    queue.add(mark('b'), 20);
    queue.add(mark('a'), 10);
    queue.add(mark('c'), 20);
    clock.advance(9);
    expect(log).toEqual([]);
    clock.advance(1);
    expect(log).toEqual(['a@10']);
    clock.advance(100);
    expect(log).toEqual(['a@10', 'b@20', 'c@20']);
    expect(queue.size).toBe(0);
  });

  it('keeps one clock timer for any number of deadlines, and none once they are gone', () => {
    const { clock, queue, mark } = setup();
    const deadlines = Array.from({ length: 1000 }, (_, i) => mark(`d${i}`));
    deadlines.forEach((deadline, i) => queue.add(deadline, 1000 + (i % 50)));
    expect(clock.pendingTimers).toBe(1);
    expect(queue.hasTimer).toBe(true);
    for (const deadline of deadlines) expect(queue.remove(deadline)).toBe(true);
    expect(queue.size).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    expect(queue.hasTimer).toBe(false);
  });

  it('never expires a removed deadline, and reports removing twice', () => {
    const { clock, queue, log, mark } = setup();
    const gone = mark('gone');
    queue.add(gone, 10);
    queue.add(mark('kept'), 10);
    expect(gone.scheduled).toBe(true);
    expect(queue.remove(gone)).toBe(true);
    expect(queue.remove(gone)).toBe(false);
    expect(gone.scheduled).toBe(false);
    clock.advance(10);
    expect(log).toEqual(['kept@10']);
  });

  it('re-arms for an earlier deadline, and not for a later one', () => {
    const { clock, queue, log, mark } = setup();
    const spy = vi.spyOn(clock, 'setTimeout');
    queue.add(mark('late'), 100);
    queue.add(mark('later'), 200);
    expect(spy).toHaveBeenCalledTimes(1);
    queue.add(mark('early'), 50);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(clock.pendingTimers).toBe(1);
    clock.advance(300);
    expect(log).toEqual(['early@50', 'late@100', 'later@200']);
  });

  it('skips buckets emptied by removals instead of waking up for them', () => {
    const { clock, queue, log, mark } = setup();
    const first = mark('first');
    queue.add(first, 10);
    queue.add(mark('second'), 20);
    queue.add(mark('third'), 30);
    queue.remove(first);
    const spy = vi.spyOn(clock, 'setTimeout');
    clock.advance(20);
    expect(log).toEqual(['second@20']);
    // The timer armed for 10 found nothing, re-armed for 20; after 20 it skips straight to 30.
    expect(spy.mock.calls.map(([, ms]) => ms)).toEqual([10, 10]);
    clock.advance(10);
    expect(log).toEqual(['second@20', 'third@30']);
  });

  it('moves a deadline that is added again', () => {
    const { clock, queue, log, mark } = setup();
    const deadline = mark('moved');
    queue.add(deadline, 10);
    queue.add(deadline, 30);
    expect(queue.size).toBe(1);
    clock.advance(20);
    expect(log).toEqual([]);
    clock.advance(10);
    expect(log).toEqual(['moved@30']);
  });

  it('never expires early: a fractional time waits for the next whole millisecond', () => {
    const { clock, queue, log, mark } = setup();
    queue.add(mark('a'), 10.2);
    clock.advance(10.1);
    expect(log).toEqual([]);
    clock.advance(0.9);
    expect(log).toEqual(['a@11']);
    // Armed from a fractional now, the timer still lands on the whole millisecond.
    const offset = new VirtualClock(0.25);
    const offsetQueue = new DeadlineQueue(offset);
    const seen: number[] = [];
    offsetQueue.add(new Mark('b', [], offset, () => seen.push(offset.now())), 10.5);
    offset.advance(10.5);
    expect(seen).toEqual([]);
    offset.advance(0.25);
    expect(seen).toEqual([11]);
  });

  it('lets an expiry add and remove deadlines, and arms for what it added', () => {
    const { clock, queue, log, mark } = setup();
    const doomed = mark('doomed');
    const follow = mark('follow');
    queue.add(
      mark('first', () => {
        queue.remove(doomed);
        queue.add(follow, clock.now() + 5);
      }),
      10,
    );
    queue.add(doomed, 10);
    clock.advance(10);
    expect(log).toEqual(['first@10']);
    expect(clock.pendingTimers).toBe(1);
    clock.advance(5);
    expect(log).toEqual(['first@10', 'follow@15']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('leaves no timer when an expiry removes the last other deadline', () => {
    const { clock, queue, mark } = setup();
    const other = mark('other');
    queue.add(
      mark('first', () => queue.remove(other)),
      10,
    );
    queue.add(other, 50);
    clock.advance(10);
    expect(queue.size).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('still runs the other deadlines when one expiry throws, and rethrows it later', async () => {
    const { clock, queue, log, mark } = setup();
    const errors: unknown[] = [];
    const onError = (error: unknown) => errors.push(error);
    process.on('uncaughtException', onError);
    try {
      queue.add(
        mark('throws', () => {
          throw new Error('listener bug');
        }),
        10,
      );
      queue.add(mark('after'), 10);
      queue.add(mark('later'), 20);
      clock.advance(20);
      expect(log).toEqual(['throws@10', 'after@10', 'later@20']);
      await new Promise((resolve) => setImmediate(resolve));
      expect(errors).toEqual([new Error('listener bug')]);
    } finally {
      process.off('uncaughtException', onError);
    }
  });

  it('arms at most the longest delay a Node timer honours, and re-arms on the way', () => {
    const delays: number[] = [];
    const inner = new VirtualClock();
    const clock: Clock = {
      now: () => inner.now(),
      setTimeout: (callback, ms) => (delays.push(ms), inner.setTimeout(callback, ms)),
      clearTimeout: (handle) => inner.clearTimeout(handle),
    };
    const queue = new DeadlineQueue(clock);
    const log: string[] = [];
    queue.add(new Mark('far', log, clock), 3_000_000_000);
    inner.advance(3_000_000_000);
    expect(delays).toEqual([2_147_483_647, 3_000_000_000 - 2_147_483_647]);
    expect(log).toEqual(['far@3000000000']);
  });

  it('is shared per clock', () => {
    const clock = new VirtualClock();
    expect(DeadlineQueue.of(clock)).toBe(DeadlineQueue.of(clock));
    expect(DeadlineQueue.of(clock)).not.toBe(DeadlineQueue.of(new VirtualClock()));
  });
});

describe('DeadlineQueue on the system clock', () => {
  afterEach(() => vi.restoreAllMocks());

  it('arms one unref’d timer, never holding the process open, and drops it by the end of an idle turn', async () => {
    const set = vi.spyOn(globalThis, 'setTimeout');
    const clear = vi.spyOn(globalThis, 'clearTimeout');
    const queue = new DeadlineQueue(systemClock);
    const log: string[] = [];
    const deadlines = Array.from({ length: 100 }, (_, i) => new Mark(`d${i}`, log, systemClock));
    const now = systemClock.now();
    deadlines.forEach((deadline, i) => queue.add(deadline, now + 60_000 + i));
    expect(set).toHaveBeenCalledTimes(1);
    const timer = set.mock.results[0]!.value as ReturnType<typeof setTimeout>;
    expect(timer.hasRef()).toBe(false);
    deadlines.forEach((deadline) => queue.remove(deadline));
    // Idle, but calls made back to back in this turn reuse the timer rather than arm their own.
    queue.add(deadlines[0]!, now + 60_000);
    queue.remove(deadlines[0]!);
    expect(set).toHaveBeenCalledTimes(1);
    expect(clear).not.toHaveBeenCalled();
    await new Promise((resolve) => setImmediate(resolve));
    expect(clear).toHaveBeenCalledWith(timer);
    expect(queue.hasTimer).toBe(false);
    expect(log).toEqual([]);
  });

  it('keeps its timer when the queue is busy again by the end of the turn', async () => {
    const clear = vi.spyOn(globalThis, 'clearTimeout');
    const queue = new DeadlineQueue(systemClock);
    const deadline = new Mark('d', [], systemClock);
    queue.add(deadline, systemClock.now() + 60_000);
    queue.remove(deadline);
    queue.add(deadline, systemClock.now() + 60_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(clear).not.toHaveBeenCalled();
    expect(queue.hasTimer).toBe(true);
    queue.remove(deadline);
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.hasTimer).toBe(false);
  });

  it('can be told to drop the timer at once, like on any other clock', () => {
    const clear = vi.spyOn(globalThis, 'clearTimeout');
    const queue = new DeadlineQueue(systemClock, { keepTimerUntilTurnEnds: false });
    const deadline = new Mark('d', [], systemClock);
    queue.add(deadline, systemClock.now() + 60_000);
    queue.remove(deadline);
    expect(clear).toHaveBeenCalledTimes(1);
    expect(queue.hasTimer).toBe(false);
  });
});

describe('an idle process on the system clock', () => {
  it('exits at once although deadlines were pending, and none expires late', async () => {
    // A child process: schedule far deadlines, cancel half, and let the script end. An unref'd
    // timer lets it exit as soon as its work is done, long before the 60 s deadlines.
    const { execFileSync } = await import('node:child_process');
    const script = [
      "import { DeadlineQueue, Deadline } from './packages/core/src/policies/timeout/deadlines.ts';",
      "import { systemClock } from './packages/core/src/clock/index.ts';",
      'class D extends Deadline { expire() { console.log("expired"); } }',
      'const queue = DeadlineQueue.of(systemClock);',
      'const ds = Array.from({ length: 10 }, () => new D());',
      'ds.forEach((d) => queue.add(d, systemClock.now() + 60_000));',
      'ds.slice(5).forEach((d) => queue.remove(d));',
      'console.log("pending", queue.size, queue.hasTimer);',
    ].join('\n');
    const started = Date.now();
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: new URL('../../../../../', import.meta.url),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(output.trim()).toBe('pending 5 true');
    // Generous: only a held-open process would take the 60 s the deadlines are set for.
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { ConfigError, TimeoutError } from '../../errors/index.js';
import type { PolicyEvent } from '../../events/index.js';
import type { ExecuteContext } from '../../policy/index.js';
import { pipeline } from '../pipeline/index.js';
import { retry } from '../retry/index.js';
import { timeout } from '../timeout/index.js';
import type { HedgeEvent } from './events.js';
import { hedge } from './hedge.js';
import type { HedgeOptions } from './options.js';

/** Records every attempt a hedge starts: when, its number, its signal; each settles as `plan` says. */
function service(
  clock: VirtualClock,
  plan: (attempt: number) => { after: number; value?: string; error?: unknown },
) {
  const attempts: { attempt: number; startedAt: number; signal: AbortSignal }[] = [];
  const fn = ({ attempt, signal }: ExecuteContext) => {
    attempts.push({ attempt, startedAt: clock.now(), signal });
    const { after, value, error } = plan(attempt);
    return new Promise<string>((resolve, reject) => {
      const timer = clock.setTimeout(() => (error === undefined ? resolve(value!) : reject(error)), after);
      signal.addEventListener('abort', () => (clock.clearTimeout(timer), reject(signal.reason)), {
        once: true,
      });
    });
  };
  return { fn, attempts };
}

function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown; at?: number } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

function setup(options: Partial<HedgeOptions> = {}) {
  const clock = new VirtualClock();
  const policy = hedge({ delay: 50, clock, ...options });
  const events: HedgeEvent[] = [];
  policy.onHedge((event) => events.push(event));
  return { clock, policy, events };
}

describe('hedge', () => {
  it('answers with the first attempt when it is in time, starting no other and leaving no timer', async () => {
    const { clock, policy, events } = setup();
    const { fn, attempts } = service(clock, () => ({ after: 49, value: 'fast' }));
    const call = track(policy.execute(fn));
    await clock.tick(49);
    expect(call).toEqual({ settled: true, value: 'fast' });
    expect(attempts).toHaveLength(1);
    expect(events).toEqual([]);
    await clock.tick(100);
    expect(attempts).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
  });

  it('starts a hedge after the delay; the first success wins and the other attempt is aborted', async () => {
    const { clock, policy, events } = setup();
    const { fn, attempts } = service(clock, (attempt) =>
      attempt === 1 ? { after: 500, value: 'slow' } : { after: 20, value: 'hedged' },
    );
    const call = track(policy.execute(fn));
    await clock.tick(50);
    expect(attempts.map(({ attempt, startedAt }) => [attempt, startedAt])).toEqual([
      [1, 0],
      [2, 50],
    ]);
    expect(events).toEqual([{ attempt: 2, hedge: 1, trigger: 'delay' }]);
    await clock.tick(20);
    expect(call).toEqual({ settled: true, value: 'hedged' });
    expect(attempts[0]!.signal.aborted).toBe(true);
    expect(attempts[0]!.signal.reason).toMatchObject({ name: 'AbortError' });
    expect(attempts[1]!.signal.aborted).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  it('lets the first attempt win after a hedge started, aborting the hedge', async () => {
    const { clock, policy } = setup();
    const { fn, attempts } = service(clock, (attempt) =>
      attempt === 1 ? { after: 60, value: 'first' } : { after: 100, value: 'hedge' },
    );
    const call = track(policy.execute(fn));
    await clock.tick(60);
    expect(call.value).toBe('first');
    expect(attempts[1]!.signal.aborted).toBe(true);
    expect(attempts[0]!.signal.aborted).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  it('starts at most maxHedgedAttempts more, one delay apart', async () => {
    const { clock, policy, events } = setup({ delay: '10ms', maxHedgedAttempts: 3 });
    const { fn, attempts } = service(clock, () => ({ after: 1000, value: 'slow' }));
    const call = track(policy.execute(fn, { attempt: 4 }));
    await clock.tick(100);
    expect(attempts.map(({ attempt, startedAt }) => [attempt, startedAt])).toEqual([
      [4, 0],
      [5, 10],
      [6, 20],
      [7, 30],
    ]);
    expect(events.map((event) => event.hedge)).toEqual([1, 2, 3]);
    await clock.tick(1000);
    expect(call.value).toBe('slow');
    expect(clock.pendingTimers).toBe(0);
  });

  it('starts every attempt at once with a delay of 0', async () => {
    const { clock, policy } = setup({ delay: 0, maxHedgedAttempts: 2 });
    const { fn, attempts } = service(clock, (attempt) => ({
      after: 100 - attempt * 10,
      value: `#${attempt}`,
    }));
    const call = track(policy.execute(fn));
    expect(attempts.map(({ startedAt }) => startedAt)).toEqual([0, 0, 0]);
    await clock.tick(100);
    expect(call.value).toBe('#3');
    expect(attempts.slice(0, 2).every(({ signal }) => signal.aborted)).toBe(true);
  });

  it('asks a delay function before each hedge', async () => {
    const { clock, policy } = setup({ maxHedgedAttempts: 2, delay: ({ attempt }) => attempt * 10 });
    const { fn, attempts } = service(clock, () => ({ after: 1000, value: 'slow' }));
    track(policy.execute(fn));
    await clock.tick(1000);
    expect(attempts.map(({ startedAt }) => startedAt)).toEqual([0, 20, 50]);
  });

  it('rejects with the last error when every attempt fails', async () => {
    const { clock, policy } = setup();
    const { fn } = service(clock, (attempt) =>
      attempt === 1
        ? { after: 80, error: new Error('first failed') }
        : { after: 60, error: new Error('hedge failed') },
    );
    const call = track(policy.execute(fn));
    await clock.tick(80);
    expect(call.settled).toBe(false);
    await clock.tick(30);
    expect(call.error).toEqual(new Error('hedge failed'));
    expect(clock.pendingTimers).toBe(0);
  });

  it('without onFailure, fails at once when the only attempt fails before the delay', async () => {
    const { clock, policy, events } = setup();
    const { fn, attempts } = service(clock, () => ({ after: 5, error: new Error('down') }));
    const call = track(policy.execute(fn));
    await clock.tick(5);
    expect(call.error).toEqual(new Error('down'));
    await clock.tick(100);
    expect(attempts).toHaveLength(1);
    expect(events).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('with onFailure, starts the next attempt as soon as one fails', async () => {
    const { clock, policy, events } = setup({ onFailure: true, delay: 1000 });
    const { fn, attempts } = service(clock, (attempt) =>
      attempt === 1 ? { after: 5, error: new Error('down') } : { after: 10, value: 'second' },
    );
    const call = track(policy.execute(fn));
    await clock.tick(15);
    expect(attempts.map(({ startedAt }) => startedAt)).toEqual([0, 5]);
    expect(events).toEqual([{ attempt: 2, hedge: 1, trigger: 'failure' }]);
    expect(call.value).toBe('second');
    expect(clock.pendingTimers).toBe(0);
  });

  it('in fallback mode (delay Infinity, onFailure) starts an attempt only when one fails', async () => {
    const { clock, policy, events } = setup({ delay: () => Infinity, onFailure: true, maxHedgedAttempts: 2 });
    const { fn, attempts } = service(clock, (attempt) =>
      attempt < 3 ? { after: 100, error: new Error(`#${attempt} down`) } : { after: 100, value: 'third' },
    );
    const call = track(policy.execute(fn));
    await clock.tick(99);
    expect(attempts).toHaveLength(1);
    expect(clock.pendingTimers).toBe(1);
    await clock.tick(201);
    expect(attempts.map(({ startedAt }) => startedAt)).toEqual([0, 100, 200]);
    expect(events.map(({ trigger }) => trigger)).toEqual(['failure', 'failure']);
    expect(call.value).toBe('third');
    expect(clock.pendingTimers).toBe(0);
  });

  it('ends the call at once on an error it does not handle, aborting the attempts in flight', async () => {
    const { clock, policy } = setup({ handle: TypeError, maxHedgedAttempts: 2, delay: 10 });
    const fatal = new RangeError('invalid request');
    const { fn, attempts } = service(clock, (attempt) =>
      attempt === 2 ? { after: 5, error: fatal } : { after: 1000, value: 'slow' },
    );
    const call = track(policy.execute(fn));
    await clock.tick(15);
    expect(call.error).toBe(fatal);
    expect(attempts).toHaveLength(2);
    expect(attempts[0]!.signal.aborted).toBe(true);
    await clock.tick(100);
    expect(attempts).toHaveLength(2);
    expect(clock.pendingTimers).toBe(0);
  });

  it('fails the call with the error of a delay function that returns nonsense', async () => {
    const { clock, policy } = setup({
      maxHedgedAttempts: 2,
      delay: ({ attempt }) => (attempt === 3 ? 'soon' : 10),
    });
    const { fn, attempts } = service(clock, () => ({ after: 1000, value: 'slow' }));
    const call = track(policy.execute(fn));
    await clock.tick(10);
    // Asked at 10 when to start attempt 3, it failed: attempt 2 never starts, attempt 1 is aborted.
    expect(call.error).toBeInstanceOf(ConfigError);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.signal.reason).toBe(call.error);
    expect(clock.pendingTimers).toBe(0);
    const first = setup({ delay: () => 'soon' });
    const none = service(first.clock, () => ({ after: 1, value: 'x' }));
    await expect(first.policy.execute(none.fn)).rejects.toThrow(ConfigError);
    expect(none.attempts).toHaveLength(0);
  });

  it('aborts every attempt and answers at once when the caller aborts, leaving nothing behind', async () => {
    const { clock, policy } = setup({ maxHedgedAttempts: 2, delay: 10 });
    const { fn, attempts } = service(clock, () => ({ after: 1000, value: 'slow' }));
    const caller = new AbortController();
    const call = track(policy.execute(fn, { signal: caller.signal }));
    await clock.tick(15);
    const reason = new Error('user left');
    caller.abort(reason);
    await clock.tick(0);
    expect(call.error).toBe(reason);
    expect(attempts.map(({ signal }) => signal.reason)).toEqual([reason, reason]);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    await clock.tick(100);
    expect(attempts).toHaveLength(2);
    expect(clock.pendingTimers).toBe(0);
  });

  it('does not start a call whose caller already gave up', async () => {
    const { policy } = setup();
    let ran = false;
    await expect(
      policy.execute(() => (ran = true), { signal: AbortSignal.abort(new Error('gone')) }),
    ).rejects.toThrow('gone');
    expect(ran).toBe(false);
  });

  it('emits hedges on the catch-all channel too', async () => {
    const { clock, policy } = setup({ name: 'search' });
    const all: PolicyEvent[] = [];
    policy.onEvent((event) => all.push(event));
    const { fn } = service(clock, () => ({ after: 60, value: 'ok' }));
    track(policy.execute(fn));
    await clock.tick(60);
    expect(all).toEqual([
      {
        policy: 'hedge',
        name: 'search',
        type: 'hedge',
        severity: 'info',
        time: 50,
        detail: { attempt: 2, hedge: 1, trigger: 'delay' },
      },
    ]);
  });
});

describe('hedge in a pipeline', () => {
  it('each hedged attempt gets its own inner timeout; the call fails with the last timeout', async () => {
    const clock = new VirtualClock();
    const policy = pipeline(hedge({ delay: 30, clock }), timeout({ duration: 100, clock }));
    const { fn, attempts } = service(clock, () => ({ after: 1000, value: 'never in time' }));
    const call = track(policy.execute(fn));
    await clock.tick(100);
    // The first attempt timed out at 100; the hedge started at 30 is still within its own 100ms.
    expect(attempts[0]!.signal.reason).toBeInstanceOf(TimeoutError);
    expect(attempts[1]!.signal.aborted).toBe(false);
    expect(call.settled).toBe(false);
    await clock.tick(30);
    expect(call.error).toBeInstanceOf(TimeoutError);
    expect(attempts[1]!.signal.aborted).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('a hedge inside a timeout: the winner answers and the deadline is cancelled', async () => {
    const clock = new VirtualClock();
    const policy = pipeline(timeout({ duration: 100, clock }), hedge({ delay: 30, clock }));
    const { fn, attempts } = service(clock, (attempt) =>
      attempt === 1 ? { after: 1000, value: 'slow' } : { after: 10, value: 'hedged' },
    );
    const call = track(policy.execute(fn));
    await clock.tick(40);
    expect(call.value).toBe('hedged');
    expect(attempts[0]!.signal.aborted).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('in the design file’s order, retry → hedge → timeout: each retry hedges again', async () => {
    const clock = new VirtualClock();
    const policy = pipeline(
      retry({ maxAttempts: 2, backoff: { type: 'constant', delay: 10 }, clock }),
      hedge({ delay: 30, clock }),
      timeout({ duration: 100, clock }),
    );
    const { fn, attempts } = service(clock, () => ({ after: 1000, value: 'never in time' }));
    const call = track(policy.execute(fn));
    await clock.tick(1000);
    // Retry attempt 1 hedges at 30; both time out (100, 130); retry waits 10ms, then hedges again.
    expect(attempts.map(({ attempt, startedAt }) => [attempt, startedAt])).toEqual([
      [1, 0],
      [2, 30],
      [2, 140],
      [3, 170],
    ]);
    expect(call.error).toBeInstanceOf(TimeoutError);
    expect(clock.pendingTimers).toBe(0);
  });

  it('an outer timeout aborts every attempt in flight', async () => {
    const clock = new VirtualClock();
    const policy = pipeline(
      timeout({ duration: 100, clock }),
      hedge({ delay: 30, clock, maxHedgedAttempts: 2 }),
    );
    const { fn, attempts } = service(clock, () => ({ after: 1000, value: 'slow' }));
    const call = track(policy.execute(fn));
    await clock.tick(100);
    expect(call.error).toBeInstanceOf(TimeoutError);
    expect(attempts).toHaveLength(3);
    expect(attempts.every(({ signal }) => signal.reason instanceof TimeoutError)).toBe(true);
    await clock.tick(1000);
    expect(attempts).toHaveLength(3);
    expect(clock.pendingTimers).toBe(0);
  });
});

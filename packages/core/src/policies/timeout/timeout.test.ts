import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { TimeoutError } from '../../errors/index.js';
import type { PolicyEvent } from '../../events/index.js';
import type { ExecuteContext } from '../../policy/index.js';
import { pipeline } from '../pipeline/index.js';
import type { TimeoutEvent } from './events.js';
import { timeout } from './timeout.js';

/** A call that takes `ms` on the clock and stops (rejecting with the abort reason) when aborted. */
function honouring<T>(clock: VirtualClock, ms: number, value: T) {
  return ({ signal }: ExecuteContext) =>
    new Promise<T>((resolve, reject) => {
      const timer = clock.setTimeout(() => resolve(value), ms);
      signal.addEventListener('abort', () => (clock.clearTimeout(timer), reject(signal.reason)), {
        once: true,
      });
    });
}

/** A call that takes `ms` on the clock whatever happens, then resolves or rejects. */
function stubborn<T>(clock: VirtualClock, ms: number, outcome: { value: T } | { error: unknown }) {
  return () =>
    new Promise<T>((resolve, reject) =>
      clock.setTimeout(() => ('value' in outcome ? resolve(outcome.value) : reject(outcome.error)), ms),
    );
}

/** Settles `promise` into an inspectable record, so assertions can run at a chosen virtual time. */
function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

describe('timeout, cooperative', () => {
  it('returns the result of a call that finishes in time, leaving no timer', async () => {
    const clock = new VirtualClock();
    const policy = timeout({ duration: 100, clock });
    const call = track(policy.execute(honouring(clock, 99, 'ok')));
    await clock.tick(99);
    expect(call).toEqual({ settled: true, value: 'ok' });
    expect(clock.pendingTimers).toBe(0);
  });

  it('aborts the signal at the deadline and rejects with TimeoutError when the call stops', async () => {
    const clock = new VirtualClock();
    const policy = timeout({ duration: '100ms', clock });
    let seen: AbortSignal | undefined;
    const call = track(
      policy.execute((context) => {
        seen = context.signal;
        return honouring(clock, 500, 'late')(context);
      }),
    );
    await clock.tick(99);
    expect(call.settled).toBe(false);
    expect(seen!.aborted).toBe(false);
    await clock.tick(1);
    expect(seen!.aborted).toBe(true);
    expect(seen!.reason).toBeInstanceOf(TimeoutError);
    expect(call.error).toBe(seen!.reason);
    expect((call.error as TimeoutError).timeoutMs).toBe(100);
    expect(clock.pendingTimers).toBe(0);
  });

  it('still returns a result that arrives after the deadline: the call chose to finish', async () => {
    const clock = new VirtualClock();
    const policy = timeout({ duration: 100, clock });
    const call = track(policy.execute(stubborn(clock, 150, { value: 'finished anyway' })));
    await clock.tick(100);
    expect(call.settled).toBe(false);
    await clock.tick(50);
    expect(call).toEqual({ settled: true, value: 'finished anyway' });
  });

  it('reports any failure after the deadline as TimeoutError, with the call’s error as cause', async () => {
    const clock = new VirtualClock();
    const policy = timeout({ duration: 100, clock });
    const own = new Error('connection reset');
    const call = track(policy.execute(stubborn(clock, 150, { error: own })));
    await clock.tick(150);
    expect(call.error).toBeInstanceOf(TimeoutError);
    expect((call.error as TimeoutError).cause).toBe(own);
  });

  it('passes a failure before the deadline on unchanged', async () => {
    const clock = new VirtualClock();
    const policy = timeout({ duration: 100, clock });
    const own = new Error('bad request');
    const call = track(policy.execute(stubborn(clock, 10, { error: own })));
    await clock.tick(10);
    expect(call.error).toBe(own);
    await clock.tick(200);
    expect(clock.pendingTimers).toBe(0);
  });

  it('turns a synchronous throw into a rejection', async () => {
    const policy = timeout({ duration: 100, clock: new VirtualClock() });
    await expect(
      policy.execute(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
  });

  it('aborts the call’s signal when the caller’s aborts, and passes the call’s error on', async () => {
    const clock = new VirtualClock();
    const policy = timeout({ duration: 100, clock });
    const timeouts: TimeoutEvent[] = [];
    policy.onTimeout((event) => timeouts.push(event));
    const caller = new AbortController();
    const call = track(policy.execute(honouring(clock, 500, 'late'), { signal: caller.signal }));
    await clock.tick(30);
    const reason = new Error('user navigated away');
    caller.abort(reason);
    await clock.tick(0);
    expect(call.error).toBe(reason);
    await clock.tick(200);
    expect(timeouts).toEqual([]);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('does not start a call whose caller already gave up', async () => {
    const policy = timeout({ duration: 100, clock: new VirtualClock() });
    let ran = false;
    await expect(
      policy.execute(() => (ran = true), { signal: AbortSignal.abort(new Error('gone')) }),
    ).rejects.toThrow('gone');
    expect(ran).toBe(false);
  });

  it('leaves no listener on a long-lived caller signal, whatever the outcome', async () => {
    const clock = new VirtualClock();
    const policy = timeout({ duration: 100, clock });
    const caller = new AbortController();
    const calls = [];
    for (let i = 0; i < 50; i++) {
      calls.push(track(policy.execute(honouring(clock, i % 2 ? 50 : 150, i), { signal: caller.signal })));
    }
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(50);
    await clock.tick(200);
    expect(calls.every((call) => call.settled)).toBe(true);
    expect(calls.filter((call) => call.error instanceof TimeoutError)).toHaveLength(25);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('keeps one clock timer however many calls are running', async () => {
    const clock = new VirtualClock();
    const policy = timeout({ duration: 1000, clock });
    const calls = Array.from({ length: 200 }, (_, i) =>
      track(policy.execute(stubborn(clock, 10 + (i % 7), { value: i }))),
    );
    // 200 calls' own timers, and one for all 200 deadlines.
    expect(clock.pendingTimers).toBe(201);
    await clock.tick(20);
    expect(calls.every((call) => call.settled)).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('passes the attempt number through', async () => {
    const policy = timeout({ duration: 100, clock: new VirtualClock() });
    await expect(policy.execute(({ attempt }) => attempt, { attempt: 3 })).resolves.toBe(3);
  });
});

describe('timeout, aggressive', () => {
  it('rejects at the deadline without waiting for the call, and aborts its signal', async () => {
    const clock = new VirtualClock();
    const policy = timeout({ duration: 100, strategy: 'aggressive', clock });
    let seen: AbortSignal | undefined;
    const call = track(
      policy.execute(({ signal }) => {
        seen = signal;
        return stubborn(clock, 1000, { error: new Error('ignored later') })();
      }),
    );
    await clock.tick(100);
    expect(call.error).toBeInstanceOf(TimeoutError);
    expect(seen!.aborted).toBe(true);
    expect(seen!.reason).toBe(call.error);
    // The call's own rejection later is swallowed: no unhandled rejection fails this test.
    await clock.tick(1000);
    expect(clock.pendingTimers).toBe(0);
  });

  it('returns a result in time and a failure in time unchanged', async () => {
    const clock = new VirtualClock();
    const policy = timeout({ duration: 100, strategy: 'aggressive', clock });
    const own = new Error('nope');
    const ok = track(policy.execute(stubborn(clock, 50, { value: 'ok' })));
    const failed = track(policy.execute(stubborn(clock, 50, { error: own })));
    await clock.tick(50);
    expect(ok).toEqual({ settled: true, value: 'ok' });
    expect(failed.error).toBe(own);
    expect(clock.pendingTimers).toBe(0);
  });

  it('answers at once when the caller aborts, with the caller’s reason', async () => {
    const clock = new VirtualClock();
    const policy = timeout({ duration: 100, strategy: 'aggressive', clock });
    const caller = new AbortController();
    let seen: AbortSignal | undefined;
    const call = track(
      policy.execute(
        ({ signal }) => {
          seen = signal;
          return stubborn(clock, 1000, { value: 'late' })();
        },
        { signal: caller.signal },
      ),
    );
    await clock.tick(10);
    caller.abort('stop');
    await clock.tick(0);
    expect(call.error).toBe('stop');
    expect(seen!.reason).toBe('stop');
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    await clock.tick(1000);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('timeout events', () => {
  it('emits a typed timeout event and the catch-all one, only at a deadline', async () => {
    const clock = new VirtualClock();
    const policy = timeout({ duration: 100, clock, name: 'orders' });
    const typed: TimeoutEvent[] = [];
    const all: PolicyEvent[] = [];
    const subscription = policy.onTimeout((event) => typed.push(event));
    policy.onEvent((event) => all.push(event));
    track(policy.execute(honouring(clock, 50, 'ok')));
    track(policy.execute(honouring(clock, 500, 'late'), { attempt: 2 }));
    await clock.tick(100);
    expect(typed).toEqual([{ duration: 100, strategy: 'cooperative', attempt: 2 }]);
    expect(all).toEqual([
      {
        policy: 'timeout',
        name: 'orders',
        type: 'timeout',
        severity: 'warning',
        time: 100,
        detail: typed[0],
      },
    ]);
    subscription.dispose();
    track(policy.execute(honouring(clock, 500, 'late')));
    await clock.tick(100);
    expect(typed).toHaveLength(1);
    expect(all).toHaveLength(2);
  });
});

describe('timeout in a pipeline', () => {
  it('the tighter of two nested timeouts wins, and the other is cancelled', async () => {
    const clock = new VirtualClock();
    const outer = timeout({ duration: 1000, clock, name: 'outer' });
    const inner = timeout({ duration: 100, clock, name: 'inner' });
    const fired: string[] = [];
    const both = pipeline(outer, inner);
    both.onEvent((event) => fired.push(`${event.name}@${event.time}`));
    const call = track(both.execute(honouring(clock, 5000, 'late')));
    await clock.tick(100);
    expect(call.error).toBeInstanceOf(TimeoutError);
    expect((call.error as TimeoutError).timeoutMs).toBe(100);
    expect(fired).toEqual(['inner@100']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('an outer timeout aborts the signal the inner call sees, through the inner timeout', async () => {
    const clock = new VirtualClock();
    const call = track(
      pipeline(timeout({ duration: 100, clock }), timeout({ duration: 1000, clock })).execute(
        honouring(clock, 5000, 'late'),
      ),
    );
    await clock.tick(100);
    expect((call.error as TimeoutError).timeoutMs).toBe(100);
    expect(clock.pendingTimers).toBe(0);
  });
});

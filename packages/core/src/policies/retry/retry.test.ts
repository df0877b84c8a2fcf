import { describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { seededRandom } from '../../random/index.js';
import type { PolicyEvent } from '../../events/index.js';
import type { ExecuteContext } from '../../policy/index.js';
import { retry } from './retry.js';
import type { RetryOptions } from './options.js';
import type { RetryGiveUpEvent, RetryEvent, RetrySuccessEvent } from './events.js';

/** A retry on a fresh virtual clock with a fixed 100ms, 200ms, 400ms... backoff unless told. */
function setup(options: RetryOptions = {}) {
  const clock = new VirtualClock();
  const policy = retry({
    clock,
    random: seededRandom(3),
    backoff: { type: 'exponential', initial: '100ms' },
    ...options,
  });
  return { clock, policy };
}

/** Observes a promise without letting a rejection go unhandled while the clock is ticked. */
function track<T>(promise: Promise<T>) {
  const state: { done: boolean; value?: T; error?: unknown } = { done: false };
  promise.then(
    (value) => Object.assign(state, { done: true, value }),
    (error: unknown) => Object.assign(state, { done: true, error }),
  );
  return state;
}

/** A function that fails its first `failures` attempts, recording when each attempt ran. */
function flaky(clock: VirtualClock, failures: number, result = 'ok') {
  const calls: { at: number; attempt: number }[] = [];
  const fn = ({ attempt }: ExecuteContext) => {
    calls.push({ at: clock.now(), attempt });
    if (calls.length <= failures) return Promise.reject(new Error(`failure ${calls.length}`));
    return Promise.resolve(result);
  };
  return { fn, calls };
}

describe('retry', () => {
  it('returns the first success without waiting, and keeps no timer', async () => {
    const { clock, policy } = setup();
    const { fn, calls } = flaky(clock, 0);
    await expect(policy.execute(fn)).resolves.toBe('ok');
    expect(calls).toEqual([{ at: 0, attempt: 1 }]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('waits each backoff delay on the clock before the next attempt, never less', async () => {
    const { clock, policy } = setup({ maxAttempts: 4 });
    const { fn, calls } = flaky(clock, 3);
    const state = track(policy.execute(fn));
    await clock.tick(0);
    expect(calls).toHaveLength(1);
    await clock.tick(99);
    expect(calls).toHaveLength(1);
    await clock.tick(1);
    expect(calls).toHaveLength(2);
    await clock.tick(199);
    expect(calls).toHaveLength(2);
    await clock.runAll();
    expect(calls).toEqual([
      { at: 0, attempt: 1 },
      { at: 100, attempt: 2 },
      { at: 300, attempt: 3 },
      { at: 700, attempt: 4 },
    ]);
    expect(state).toEqual({ done: true, value: 'ok' });
    expect(clock.pendingTimers).toBe(0);
  });

  it('gives up after maxAttempts and rejects with the last error', async () => {
    const { clock, policy } = setup({ maxAttempts: 3 });
    const { fn, calls } = flaky(clock, 10);
    const giveUps: RetryGiveUpEvent[] = [];
    policy.onGiveUp((event) => giveUps.push(event));
    const state = track(policy.execute(fn));
    await clock.runAll();
    expect(calls).toHaveLength(3);
    expect((state.error as Error).message).toBe('failure 3');
    expect(giveUps).toEqual([{ attempts: 3, reason: 'attemptsExhausted', outcome: { error: state.error } }]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('passes an unhandled error straight through', async () => {
    class Fatal extends Error {}
    const { clock, policy } = setup({ handle: (error) => !(error instanceof Fatal) });
    let calls = 0;
    const state = track(
      policy.execute(() => {
        calls++;
        throw new Fatal('no');
      }),
    );
    await clock.runAll();
    expect(calls).toBe(1);
    expect(state.error).toBeInstanceOf(Fatal);
  });

  it('retries a synchronous throw like a rejection', async () => {
    const { clock, policy } = setup();
    let calls = 0;
    const state = track(
      policy.execute(() => {
        if (++calls < 2) throw new Error('sync');
        return 'ok';
      }),
    );
    await clock.runAll();
    expect(state.value).toBe('ok');
    expect(calls).toBe(2);
  });

  it('retries handled results and resolves with the last one when attempts run out', async () => {
    const { clock, policy } = setup({
      handleResult: (response: { status: number }) => response.status === 503,
    });
    const statuses = [503, 503, 200];
    const state = track(policy.execute(() => ({ status: statuses.shift()! })));
    await clock.runAll();
    expect(state.value).toEqual({ status: 200 });

    const giveUps: RetryGiveUpEvent[] = [];
    policy.onGiveUp((event) => giveUps.push(event));
    const busy = track(policy.execute(() => ({ status: 503 })));
    await clock.runAll();
    expect(busy.value).toEqual({ status: 503 });
    expect(giveUps).toEqual([
      { attempts: 3, reason: 'attemptsExhausted', outcome: { result: { status: 503 } } },
    ]);
  });

  it('numbers the attempts in the context, from 1, whatever an outer policy passed', async () => {
    const { clock, policy } = setup();
    const { fn, calls } = flaky(clock, 2);
    const signal = new AbortController().signal;
    const state = track(policy.execute(fn, { signal, attempt: 7 }));
    await clock.runAll();
    expect(state.value).toBe('ok');
    expect(calls.map((call) => call.attempt)).toEqual([1, 2, 3]);
  });

  it('hands each attempt the caller’s signal', async () => {
    const { clock, policy } = setup();
    const controller = new AbortController();
    const signals: AbortSignal[] = [];
    const state = track(
      policy.execute(
        ({ signal }) => {
          signals.push(signal);
          if (signals.length < 2) throw new Error('again');
          return 1;
        },
        { signal: controller.signal },
      ),
    );
    await clock.runAll();
    expect(state.value).toBe(1);
    expect(signals).toEqual([controller.signal, controller.signal]);
  });

  describe('abort', () => {
    it('clears the pending delay and rejects at once with the abort reason', async () => {
      const { clock, policy } = setup();
      const { fn, calls } = flaky(clock, 10);
      const controller = new AbortController();
      const giveUps: RetryGiveUpEvent[] = [];
      policy.onGiveUp((event) => giveUps.push(event));
      const state = track(policy.execute(fn, { signal: controller.signal }));
      await clock.tick(50);
      expect(clock.pendingTimers).toBe(1);
      const reason = new Error('caller gave up');
      controller.abort(reason);
      await clock.tick(0);
      expect(clock.now()).toBe(50);
      expect(state).toEqual({ done: true, error: reason });
      expect(clock.pendingTimers).toBe(0);
      await clock.runAll();
      expect(calls).toHaveLength(1);
      expect(giveUps).toEqual([
        { attempts: 1, reason: 'aborted', outcome: { error: new Error('failure 1') } },
      ]);
    });

    it('never retries an attempt that failed after the caller aborted', async () => {
      const { clock, policy } = setup();
      const controller = new AbortController();
      let calls = 0;
      const state = track(
        policy.execute(
          () => {
            calls++;
            controller.abort();
            return Promise.reject(new Error('failed anyway'));
          },
          { signal: controller.signal },
        ),
      );
      await clock.runAll();
      expect(calls).toBe(1);
      expect((state.error as DOMException).name).toBe('AbortError');
    });

    it('does not start when the signal is already aborted', async () => {
      const { policy } = setup();
      const fn = vi.fn(() => 'never');
      const reason = new Error('too late');
      await expect(policy.execute(fn, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
      expect(fn).not.toHaveBeenCalled();
    });

    it('keeps a success that arrives after the caller aborted', async () => {
      const { policy } = setup();
      const controller = new AbortController();
      const result = policy.execute(
        () => {
          controller.abort();
          return 'done';
        },
        { signal: controller.signal },
      );
      await expect(result).resolves.toBe('done');
    });

    it('adds no abort listener on the success path, and removes the one a delay added', async () => {
      const { clock, policy } = setup();
      const controller = new AbortController();
      const add = vi.spyOn(controller.signal, 'addEventListener');
      const remove = vi.spyOn(controller.signal, 'removeEventListener');
      await policy.execute(() => 'ok', { signal: controller.signal });
      expect(add).not.toHaveBeenCalled();
      const { fn } = flaky(clock, 1);
      const state = track(policy.execute(fn, { signal: controller.signal }));
      await clock.runAll();
      expect(state.value).toBe('ok');
      expect(add).toHaveBeenCalledTimes(1);
      expect(remove).toHaveBeenCalledTimes(1);
      expect(remove.mock.calls[0]![1]).toBe(add.mock.calls[0]![1]);
    });
  });

  describe('delays', () => {
    it('retries at once, with no timer, when the delay is 0', async () => {
      const { clock, policy } = setup({ backoff: { type: 'constant', delay: 0 } });
      const { fn, calls } = flaky(clock, 2);
      const timers = vi.spyOn(clock, 'setTimeout');
      await expect(policy.execute(fn)).resolves.toBe('ok');
      expect(calls.map((call) => call.at)).toEqual([0, 0, 0]);
      expect(timers).not.toHaveBeenCalled();
    });

    it('uses a delay function with the outcome and the previous delay, capped by maxDelay', async () => {
      const seen: unknown[] = [];
      const { clock, policy } = setup({
        backoff: undefined,
        maxAttempts: 4,
        maxDelay: 250,
        delay: ({ attempt, outcome, previousDelay }) => {
          seen.push({ attempt, outcome, previousDelay });
          return previousDelay + 150;
        },
      });
      const { fn, calls } = flaky(clock, 3);
      const state = track(policy.execute(fn));
      await clock.runAll();
      expect(state.value).toBe('ok');
      expect(calls.map((call) => call.at)).toEqual([0, 150, 400, 650]);
      expect(seen).toEqual([
        { attempt: 1, outcome: { error: new Error('failure 1') }, previousDelay: 0 },
        { attempt: 2, outcome: { error: new Error('failure 2') }, previousDelay: 150 },
        { attempt: 3, outcome: { error: new Error('failure 3') }, previousDelay: 250 },
      ]);
    });

    it('rejects with the error of a delay function or predicate that throws', async () => {
      const broken = new Error('bug in delay');
      const { clock, policy } = setup({
        backoff: undefined,
        delay: () => {
          throw broken;
        },
      });
      const state = track(policy.execute(() => Promise.reject(new Error('x'))));
      await clock.runAll();
      expect(state.error).toBe(broken);

      const bug = new Error('bug in predicate');
      const second = setup({
        handle: () => {
          throw bug;
        },
      });
      const failing = track(second.policy.execute(() => Promise.reject(new Error('x'))));
      await second.clock.runAll();
      expect(failing.error).toBe(bug);
    });

    it('draws jitter from the injected random source: same seed, same schedule', async () => {
      const schedule = async () => {
        const { clock, policy } = setup({
          maxAttempts: 5,
          backoff: { type: 'exponential', initial: 100, jitter: 'full' },
        });
        const { fn, calls } = flaky(clock, 4);
        const state = track(policy.execute(fn));
        await clock.runAll();
        expect(state.value).toBe('ok');
        return calls.map((call) => call.at);
      };
      const first = await schedule();
      expect(await schedule()).toEqual(first);
      expect(first.every((at, i) => i === 0 || at >= first[i - 1]!)).toBe(true);
    });
  });

  describe('budget', () => {
    it('is shared by all calls and stops a retry storm at ratio × calls', async () => {
      const { clock, policy } = setup({
        maxAttempts: 3,
        backoff: { type: 'constant', delay: 10 },
        budget: { ratio: 0.2, minRetriesPerSecond: 0, window: '10s' },
      });
      let attempts = 0;
      const giveUps: RetryGiveUpEvent[] = [];
      policy.onGiveUp((event) => giveUps.push(event));
      const calls = Array.from({ length: 100 }, () =>
        track(
          policy.execute(() => {
            attempts++;
            return Promise.reject(new Error('down'));
          }),
        ),
      );
      await clock.runAll();
      expect(calls.every((call) => call.done && call.error instanceof Error)).toBe(true);
      // Without the budget: 300 attempts. With it: 100 first attempts and 20 retries.
      expect(attempts).toBe(120);
      // 80 calls found the budget spent after their first attempt, the 20 retried after their second.
      expect(giveUps.every((event) => event.reason === 'budgetExhausted')).toBe(true);
      expect(giveUps.filter((event) => event.attempts === 1)).toHaveLength(80);
      expect(giveUps.filter((event) => event.attempts === 2)).toHaveLength(20);
      expect(policy.toJSON()).toEqual({
        maxAttempts: 3,
        budget: { available: 0, firstAttempts: 100, retries: 20 },
      });
    });
  });

  describe('events', () => {
    it('reports retry, success and giveUp, typed and in the catch-all channel', async () => {
      const { clock, policy } = setup({ name: 'orders', maxAttempts: 2 });
      const retries: RetryEvent[] = [];
      const successes: RetrySuccessEvent[] = [];
      const all: PolicyEvent[] = [];
      policy.onRetry((event) => retries.push(event));
      policy.onSuccess((event) => successes.push(event));
      policy.onEvent((event) => all.push(event));

      await policy.execute(() => 'first time');
      const { fn } = flaky(clock, 1);
      track(policy.execute(fn));
      await clock.runAll();
      const failing = track(policy.execute(() => Promise.reject(new Error('down'))));
      await clock.runAll();
      expect(failing.error).toEqual(new Error('down'));

      expect(retries).toEqual([
        { attempt: 1, delay: 100, outcome: { error: new Error('failure 1') } },
        { attempt: 1, delay: 100, outcome: { error: new Error('down') } },
      ]);
      expect(successes).toEqual([{ attempts: 1 }, { attempts: 2 }]);
      expect(all.map((event) => [event.type, event.severity, event.time, event.name, event.policy])).toEqual([
        ['success', 'debug', 0, 'orders', 'retry'],
        ['retry', 'warning', 0, 'orders', 'retry'],
        ['success', 'info', 100, 'orders', 'retry'],
        ['retry', 'warning', 100, 'orders', 'retry'],
        ['giveUp', 'error', 200, 'orders', 'retry'],
      ]);
    });

    it('emits nothing once its subscriptions are disposed', async () => {
      const { policy } = setup();
      const seen: unknown[] = [];
      const subscriptions = [policy.onSuccess((e) => seen.push(e)), policy.onEvent((e) => seen.push(e))];
      await policy.execute(() => 1);
      subscriptions.forEach((subscription) => subscription.dispose());
      await policy.execute(() => 1);
      expect(seen).toHaveLength(2);
    });
  });
});

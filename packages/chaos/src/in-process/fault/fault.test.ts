import { describe, expect, it, vi } from 'vitest';
import {
  ConfigError,
  VirtualClock,
  pipeline,
  retry,
  seededRandom,
  type ExecuteContext,
  type PolicyEvent,
} from '@faultline/core';
import { chaosFault } from './fault.js';
import type { ChaosFaultEvent } from './events.js';
import { track } from '../test-support/track.js';

class OrdersDown extends Error {}

describe('chaosFault', () => {
  it('fails a chosen call with the fault without running it, and runs the others', async () => {
    const fault = new OrdersDown('orders is down');
    const always = chaosFault({ fault, injectionRate: 1, random: seededRandom(1) });
    const never = chaosFault({ fault, injectionRate: 0, random: seededRandom(1) });
    const fn = vi.fn(() => 'ok');
    await expect(always.execute(fn)).rejects.toBe(fault);
    expect(fn).not.toHaveBeenCalled();
    await expect(never.execute(fn)).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledOnce();
  });

  it('injects into an exact, replayable share of 10^4 calls for a seed, within 1% of the rate', async () => {
    const run = async (seed: number) => {
      const policy = chaosFault({ fault: new OrdersDown(), injectionRate: 0.2, random: seededRandom(seed) });
      let failed = 0;
      for (let i = 0; i < 10_000; i++) await policy.execute(() => 'ok').catch(() => failed++);
      return failed;
    };
    const failed = await run(2024);
    expect(failed).toBe(2011);
    expect(Math.abs(failed / 10_000 - 0.2)).toBeLessThan(0.01);
    expect(await run(2024)).toBe(failed);
  });

  it('makes the fault per call with { context }; undefined lets the call run', async () => {
    const seen: ExecuteContext[] = [];
    const policy = chaosFault({
      injectionRate: 1,
      fault: ({ context }) => {
        seen.push(context);
        return context.attempt === 1 ? new OrdersDown(`attempt ${context.attempt}`) : undefined;
      },
    });
    await expect(policy.execute(() => 'ok', { attempt: 1 })).rejects.toThrow('attempt 1');
    await expect(policy.execute(() => 'ok', { attempt: 2 })).resolves.toBe('ok');
    expect(seen.map((context) => context.attempt)).toEqual([1, 2]);
  });

  it('reports a fault function that returns something other than an Error', async () => {
    const policy = chaosFault({ injectionRate: 1, fault: () => 'boom' as unknown as Error });
    const error = await policy.execute(() => 'ok').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      'fault: expected the fault function to return an Error or undefined, got "boom"',
    );
  });

  it('is retried inside a retry: the fault on attempt 1, the real call on attempt 2', async () => {
    const clock = new VirtualClock();
    const policy = pipeline(
      retry({ clock, random: seededRandom(1), maxAttempts: 3, backoff: { type: 'constant', delay: '50ms' } }),
      chaosFault({
        fault: () => new OrdersDown('injected'),
        injectionRate: ({ context }) => (context.attempt === 1 ? 1 : 0),
        random: seededRandom(1),
      }),
    );
    const attempts: number[] = [];
    const state = track(
      policy.execute(({ attempt }) => {
        attempts.push(attempt);
        return `served on attempt ${attempt}`;
      }),
    );
    await clock.runAll();
    expect(state).toEqual({ settled: true, value: 'served on attempt 2' });
    expect(attempts).toEqual([2]);
    expect(clock.now()).toBe(50);
  });

  it('gives up with the fault when every attempt is chosen', async () => {
    const clock = new VirtualClock();
    const fault = chaosFault({
      fault: () => new OrdersDown('down'),
      injectionRate: 1,
      random: seededRandom(1),
    });
    const injected: number[] = [];
    fault.onInject((event) => injected.push(event.attempt));
    const policy = pipeline(
      retry({ clock, random: seededRandom(1), maxAttempts: 3, backoff: { type: 'constant', delay: 10 } }),
      fault,
    );
    const fn = vi.fn();
    const state = track(policy.execute(fn));
    await clock.runAll();
    expect(state.error).toBeInstanceOf(OrdersDown);
    expect(injected).toEqual([1, 2, 3]);
    expect(fn).not.toHaveBeenCalled();
  });

  it('tells listeners which attempt failed with which fault, typed and in the catch-all channel', async () => {
    const clock = new VirtualClock(1234);
    const fault = new OrdersDown('down');
    const policy = chaosFault({ name: 'orders-down', clock, fault, injectionRate: 1 });
    const typed: ChaosFaultEvent[] = [];
    const all: PolicyEvent[] = [];
    policy.onInject((event) => typed.push(event));
    policy.onEvent((event) => all.push(event));
    await policy.execute(() => 'ok', { attempt: 3 }).catch(() => undefined);
    expect(typed).toEqual([{ attempt: 3, fault }]);
    expect(all).toEqual([
      {
        policy: 'chaosFault',
        name: 'orders-down',
        type: 'inject',
        severity: 'info',
        time: 1234,
        detail: typed[0],
      },
    ]);
    expect(policy.toJSON()).toEqual({ type: 'fault', fault: 'Error', injectionRate: 1, enabled: true });
  });
});

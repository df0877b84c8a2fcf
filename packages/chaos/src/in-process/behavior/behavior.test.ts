import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { VirtualClock, seededRandom, type ExecuteContext, type PolicyEvent } from '@faultline/core';
import { chaosBehavior } from './behavior.js';
import { track } from '../test-support/track.js';

describe('chaosBehavior', () => {
  it('awaits the behavior before a chosen call, then runs the call', async () => {
    const clock = new VirtualClock();
    const order: string[] = [];
    const policy = chaosBehavior({
      injectionRate: 1,
      behavior: () =>
        new Promise<void>((resolve) =>
          clock.setTimeout(() => {
            order.push(`behavior done at ${clock.now()}`);
            resolve();
          }, 30),
        ),
    });
    const state = track(policy.execute(() => (order.push(`call at ${clock.now()}`), 'ok')));
    await clock.runAll();
    expect(state.value).toBe('ok');
    expect(order).toEqual(['behavior done at 30', 'call at 30']);
  });

  it('runs the behavior only for the calls it chooses, with { context }', async () => {
    const seen: ExecuteContext[] = [];
    const policy = chaosBehavior({
      injectionRate: 0.5,
      random: seededRandom(9),
      behavior: ({ context }) => void seen.push(context),
    });
    const fn = vi.fn(() => 'ok');
    for (let attempt = 1; attempt <= 8; attempt++) await policy.execute(fn, { attempt });
    expect(fn).toHaveBeenCalledTimes(8);
    const draws = seededRandom(9);
    const chosen = [1, 2, 3, 4, 5, 6, 7, 8].filter(() => draws.next() < 0.5);
    expect(chosen.length).toBeGreaterThan(0);
    expect(chosen.length).toBeLessThan(8);
    expect(seen.map((context) => context.attempt)).toEqual(chosen);
  });

  it('fails the call with the behavior’s error, without running it', async () => {
    const policy = chaosBehavior({
      injectionRate: 1,
      behavior: () => Promise.reject(new Error('could not restart the cache')),
    });
    const fn = vi.fn();
    await expect(policy.execute(fn)).rejects.toThrow('could not restart the cache');
    expect(fn).not.toHaveBeenCalled();
  });

  it('does not run the call when the caller aborted during the behavior', async () => {
    const controller = new AbortController();
    const policy = chaosBehavior({
      injectionRate: 1,
      behavior: ({ context }) => {
        expect(context.signal).toBe(controller.signal);
        controller.abort(new Error('caller gave up'));
      },
    });
    const fn = vi.fn();
    await expect(policy.execute(fn, { signal: controller.signal })).rejects.toThrow('caller gave up');
    expect(fn).not.toHaveBeenCalled();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('tells listeners once the behavior has run, typed and in the catch-all channel', async () => {
    const policy = chaosBehavior({ name: 'cache-flush', injectionRate: 1, behavior: () => undefined });
    const typed: unknown[] = [];
    const all: PolicyEvent[] = [];
    policy.onInject((event) => typed.push(event));
    policy.onEvent((event) => all.push(event));
    await policy.execute(() => 'ok', { attempt: 4 });
    expect(typed).toEqual([{ attempt: 4 }]);
    expect(all.map((e) => [e.policy, e.name, e.type, e.severity, e.detail])).toEqual([
      ['chaosBehavior', 'cache-flush', 'inject', 'info', { attempt: 4 }],
    ]);
    expect(policy.toJSON()).toEqual({ type: 'behavior', injectionRate: 1, enabled: true });
  });
});

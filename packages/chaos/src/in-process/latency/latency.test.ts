import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import {
  ConfigError,
  TimeoutError,
  VirtualClock,
  pipeline,
  seededRandom,
  timeout,
  type ExecuteContext,
  type PolicyEvent,
} from '@faultline/core';
import { chaosLatency } from './latency.js';
import type { ChaosLatencyOptions } from './options.js';
import type { ChaosLatencyEvent } from './events.js';
import { track } from '../test-support/track.js';

function setup(options: ChaosLatencyOptions = {}) {
  const clock = new VirtualClock();
  const policy = chaosLatency({
    clock,
    random: seededRandom(5),
    injectionRate: 1,
    latency: '200ms',
    ...options,
  });
  return { clock, policy };
}

/** A call that records the virtual time it started at. */
function recorder(clock: VirtualClock) {
  const starts: number[] = [];
  const fn = (context: ExecuteContext) => {
    starts.push(clock.now());
    return `ran attempt ${context.attempt}`;
  };
  return { fn, starts };
}

describe('chaosLatency', () => {
  it('holds a chosen call for the latency on the clock, then runs it and passes its result', async () => {
    const { clock, policy } = setup();
    const { fn, starts } = recorder(clock);
    const state = track(policy.execute(fn));
    await clock.tick(199);
    expect(starts).toEqual([]);
    expect(state.settled).toBe(false);
    await clock.tick(1);
    expect(starts).toEqual([200]);
    expect(state).toEqual({ settled: true, value: 'ran attempt 1' });
    expect(clock.pendingTimers).toBe(0);
  });

  it('runs a call it does not choose at once, setting no timer', async () => {
    const { clock, policy } = setup({ injectionRate: 0 });
    const { fn, starts } = recorder(clock);
    await expect(policy.execute(fn)).resolves.toBe('ran attempt 1');
    expect(starts).toEqual([0]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('does nothing while disabled, and follows a per-call switch', async () => {
    const { clock, policy } = setup({ enabled: ({ context }) => context.attempt === 2 });
    const { fn, starts } = recorder(clock);
    await policy.execute(fn, { attempt: 1 });
    const second = track(policy.execute(fn, { attempt: 2 }));
    await clock.runAll();
    expect(second.settled).toBe(true);
    expect(starts).toEqual([0, 200]);
  });

  it('asks a latency function per call with { context }; strings, numbers, and ≤ 0 meaning none', async () => {
    const latencies: unknown[] = ['1s', 50, 0, -5];
    const seen: ExecuteContext[] = [];
    const { clock, policy } = setup({
      latency: ({ context }) => (seen.push(context), latencies[context.attempt - 1] as number),
    });
    const injected: number[] = [];
    policy.onInject((event) => injected.push(event.latency));
    const { fn, starts } = recorder(clock);
    for (let attempt = 1; attempt <= 4; attempt++) {
      track(policy.execute(fn, { attempt }));
      await clock.runAll();
    }
    expect(starts).toEqual([1000, 1050, 1050, 1050]);
    expect(injected).toEqual([1000, 50]);
    expect(seen.map((context) => context.attempt)).toEqual([1, 2, 3, 4]);
  });

  it('fails the call with a ConfigError when the latency function returns no duration', async () => {
    const { policy } = setup({ latency: () => 'soon' as unknown as number });
    const fn = vi.fn();
    const error = await policy.execute(fn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      'latency: expected the latency function to return a duration like "200ms" or a number of ms up to 2147483647, got "soon"',
    );
    expect(fn).not.toHaveBeenCalled();
  });

  it('stops waiting when the caller aborts: rejects with the reason, never runs, leaves no timer or listener', async () => {
    const { clock, policy } = setup();
    const fn = vi.fn();
    const controller = new AbortController();
    const state = track(policy.execute(fn, { signal: controller.signal }));
    await clock.tick(100);
    expect(clock.pendingTimers).toBe(1);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort(new Error('caller gave up'));
    await clock.tick(0);
    expect(state).toEqual({ settled: true, error: new Error('caller gave up') });
    expect(clock.pendingTimers).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    await clock.runAll();
    expect(fn).not.toHaveBeenCalled();
  });

  it('leaves no listener on a long-lived signal after the latency ends', async () => {
    const { clock, policy } = setup();
    const controller = new AbortController();
    for (let i = 0; i < 3; i++) {
      track(policy.execute(() => 'ok', { signal: controller.signal }));
      await clock.runAll();
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('does not start anything for a caller who already gave up, and draws nothing', async () => {
    const next = vi.fn(() => 0);
    const clock = new VirtualClock();
    const policy = chaosLatency({ clock, random: { next }, injectionRate: 1, latency: 100 });
    const fn = vi.fn();
    const controller = new AbortController();
    controller.abort();
    await expect(policy.execute(fn, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(next).not.toHaveBeenCalled();
    expect(fn).not.toHaveBeenCalled();
  });

  it('is cut short by a timeout around it: the timeout fires and the latency timer is cleared', async () => {
    const clock = new VirtualClock();
    const policy = pipeline(
      timeout({ duration: '100ms', clock }),
      chaosLatency({ clock, random: seededRandom(1), injectionRate: 1, latency: '1s' }),
    );
    const fn = vi.fn();
    const state = track(policy.execute(fn));
    await clock.tick(100);
    expect(state.settled).toBe(true);
    expect(state.error).toBeInstanceOf(TimeoutError);
    expect(clock.pendingTimers).toBe(0);
    expect(fn).not.toHaveBeenCalled();
  });

  it('tells listeners as the wait starts, typed and in the catch-all channel', async () => {
    const { clock, policy } = setup({ name: 'slow-orders' });
    const typed: ChaosLatencyEvent[] = [];
    const all: PolicyEvent[] = [];
    policy.onInject((event) => typed.push(event));
    policy.onEvent((event) => all.push(event));
    track(policy.execute(() => 'ok', { attempt: 2 }));
    expect(typed).toEqual([{ attempt: 2, latency: 200 }]);
    await clock.runAll();
    expect(all).toEqual([
      {
        policy: 'chaosLatency',
        name: 'slow-orders',
        type: 'inject',
        severity: 'info',
        time: 0,
        detail: { attempt: 2, latency: 200 },
      },
    ]);
  });

  it('describes itself for dashboards', () => {
    expect(setup().policy.toJSON()).toEqual({
      type: 'latency',
      latency: 200,
      injectionRate: 1,
      enabled: true,
    });
    expect(setup({ latency: () => 5, enabled: () => true }).policy.toJSON()).toEqual({
      type: 'latency',
      latency: 'function',
      injectionRate: 1,
      enabled: 'function',
    });
    expect(setup().policy.kind).toBe('chaosLatency');
    expect(setup().policy.name).toBe('chaosLatency');
  });
});

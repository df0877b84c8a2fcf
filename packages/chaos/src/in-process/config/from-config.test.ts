import { describe, expect, it, vi } from 'vitest';
import { VirtualClock, failureCodeOf, seededRandom, type Pipeline } from '@faultline/core';
import { chaosFromConfig, type ChaosConfig } from './from-config.js';
import { ChaosLatencyPolicy } from '../latency/latency.js';
import { ChaosFaultPolicy } from '../fault/fault.js';
import { ChaosOutcomePolicy } from '../outcome/outcome.js';
import { InjectedFaultError } from '../fault/injected-fault-error.js';
import { issuesOf, track } from '../test-support/track.js';

describe('chaosFromConfig', () => {
  it('builds a latency policy on the given clock and random', async () => {
    const clock = new VirtualClock();
    const policy = chaosFromConfig(
      { type: 'latency', latency: '200ms', injectionRate: 1, name: 'slow' },
      { clock, random: seededRandom(1) },
    );
    expect(policy).toBeInstanceOf(ChaosLatencyPolicy);
    expect(policy.name).toBe('slow');
    const state = track(policy.execute(() => clock.now()));
    await clock.runAll();
    expect(state.value).toBe(200);
  });

  it('builds a fault policy throwing a fresh InjectedFaultError per call, counted under its code', async () => {
    const policy = chaosFromConfig({
      type: 'fault',
      injectionRate: 1,
      code: 'unavailable',
      message: 'orders is down',
    });
    expect(policy).toBeInstanceOf(ChaosFaultPolicy);
    const first = await policy.execute(() => 'ok').catch((e: unknown) => e);
    const second = await policy.execute(() => 'ok').catch((e: unknown) => e);
    expect(first).toBeInstanceOf(InjectedFaultError);
    expect(first).not.toBe(second);
    expect(first).toMatchObject({ message: 'orders is down', code: 'unavailable' });
    expect(failureCodeOf(first)).toBe('unavailable');
    const plain = chaosFromConfig({ type: 'fault', injectionRate: 1 });
    await expect(plain.execute(() => 'ok')).rejects.toMatchObject({
      message: 'injected fault',
      code: 'error',
    });
  });

  it('builds an outcome policy answering with the value as it is', async () => {
    const policy = chaosFromConfig({ type: 'outcome', outcome: { status: 503 }, injectionRate: 1 });
    expect(policy).toBeInstanceOf(ChaosOutcomePolicy);
    await expect(policy.execute(() => ({ status: 200 }))).resolves.toEqual({ status: 503 });
  });

  it('keeps Polly’s defaults: rate 0.001, enabled, latency 30s', () => {
    expect((chaosFromConfig({ type: 'latency' }) as ChaosLatencyPolicy).toJSON()).toEqual({
      type: 'latency',
      latency: 30_000,
      injectionRate: 0.001,
      enabled: true,
    });
    expect(chaosFromConfig({ type: 'outcome', outcome: 1, enabled: false }).toJSON()).toMatchObject({
      enabled: false,
    });
  });

  it('builds a pipeline from an array, first outermost, sharing the random', async () => {
    const clock = new VirtualClock();
    const configs: ChaosConfig[] = [
      { type: 'latency', latency: '100ms', injectionRate: 1 },
      { type: 'fault', injectionRate: 1, code: 'timeout' },
    ];
    const policy: Pipeline = chaosFromConfig(configs, { clock, random: seededRandom(1) });
    expect(policy.policies.map((p) => p.kind)).toEqual(['chaosLatency', 'chaosFault']);
    const fn = vi.fn();
    const state = track(policy.execute(fn));
    await clock.runAll();
    expect(clock.now()).toBe(100);
    expect(failureCodeOf(state.error)).toBe('timeout');
    expect(fn).not.toHaveBeenCalled();
  });

  it('reports every problem in one error, each with its path', () => {
    expect(
      issuesOf(() =>
        chaosFromConfig(
          [
            { type: 'latency', latency: 'soon', injectionRat: 0.1 },
            { type: 'fault', code: 'down', message: '' },
            { type: 'behavior' },
            { latency: '1s' },
            'latency',
            { type: 'outcome', injectionRate: 5 },
          ],
          { path: 'services.orders.chaos' },
        ),
      ),
    ).toEqual([
      'services.orders.chaos[0].injectionRat: unknown option; did you mean "injectionRate"? (known: type, name, injectionRate, enabled, latency)',
      'services.orders.chaos[0].latency: expected a duration like "200ms" or a function ({ context }) => duration, got "soon"',
      'services.orders.chaos[1].message: expected a non-empty string, got ""',
      'services.orders.chaos[1].code: expected one of "error", "unavailable", "timeout", "rejected", "circuitOpen", got "down"',
      'services.orders.chaos[2].type: a behavior runs code, so it has no config form: build it with chaosBehavior({ behavior })',
      'services.orders.chaos[3].type: required: one of "latency", "fault", "outcome"',
      'services.orders.chaos[4]: expected a chaos config like { type: latency, latency: 200ms }, got "latency"',
      'services.orders.chaos[5].injectionRate: expected a number from 0 to 1 (0.1 injects into 10% of calls) or a function ({ context }) => number, got 5',
      'services.orders.chaos[5].outcome: required: the fake result to answer with, or a function ({ context }) => result',
    ]);
    expect(issuesOf(() => chaosFromConfig({ type: 'chaos' }))).toEqual([
      'type: expected one of "latency", "fault", "outcome", got "chaos"',
    ]);
  });
});

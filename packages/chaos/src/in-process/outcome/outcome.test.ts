import { describe, expect, it, vi } from 'vitest';
import {
  VirtualClock,
  fallback,
  pipeline,
  retry,
  seededRandom,
  type ExecuteContext,
  type PolicyEvent,
} from '@faultline/core';
import { chaosOutcome } from './outcome.js';
import type { ChaosOutcomeEvent } from './events.js';
import { track } from '../test-support/track.js';

interface Response {
  status: number;
  body?: string;
}

describe('chaosOutcome', () => {
  it('answers a chosen call with the fake result without running it, and runs the others', async () => {
    const policy = chaosOutcome<Response>({
      outcome: { status: 503 },
      injectionRate: 0.5,
      random: seededRandom(9),
    });
    const fn = vi.fn((): Response => ({ status: 200 }));
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await policy.execute(fn)).status);
    // One draw per call from the same seeded stream, chosen when below the rate.
    const draws = seededRandom(9);
    const expected = statuses.map(() => (draws.next() < 0.5 ? 503 : 200));
    expect(statuses).toEqual(expected);
    expect(new Set(statuses)).toEqual(new Set([200, 503]));
    expect(fn).toHaveBeenCalledTimes(statuses.filter((status) => status === 200).length);
  });

  it('makes the result per call with { context }, waiting for a promise', async () => {
    const seen: ExecuteContext[] = [];
    const policy = chaosOutcome<Response>({
      injectionRate: 1,
      outcome: ({ context }) => (seen.push(context), Promise.resolve({ status: 500 + context.attempt })),
    });
    await expect(policy.execute(() => ({ status: 200 }), { attempt: 2 })).resolves.toEqual({ status: 502 });
    expect(seen.map((context) => context.attempt)).toEqual([2]);
  });

  it('can answer undefined, and fails the call when the result function throws', async () => {
    const empty = chaosOutcome({ outcome: undefined, injectionRate: 1 });
    await expect(empty.execute(() => 'real')).resolves.toBeUndefined();
    const broken = chaosOutcome({
      injectionRate: 1,
      outcome: () => {
        throw new Error('bad fake');
      },
    });
    await expect(broken.execute(() => 'real')).rejects.toThrow('bad fake');
  });

  it('feeds result handling: a retry retries a fake 503 and a fallback answers the last one', async () => {
    const clock = new VirtualClock();
    const policy = pipeline(
      fallback({ value: { status: 200, body: 'stale' }, handleResult: (r: Response) => r.status >= 500 }),
      retry({
        clock,
        random: seededRandom(1),
        maxAttempts: 2,
        backoff: { type: 'constant', delay: 10 },
        handleResult: (r: Response) => r.status === 503,
      }),
      chaosOutcome<Response>({ outcome: { status: 503 }, injectionRate: 1 }),
    );
    const fn = vi.fn((): Response => ({ status: 200, body: 'fresh' }));
    const state = track(policy.execute(fn));
    await clock.runAll();
    expect(state.value).toEqual({ status: 200, body: 'stale' });
    expect(fn).not.toHaveBeenCalled();
  });

  it('tells listeners the fake result, typed and in the catch-all channel', async () => {
    const policy = chaosOutcome<Response>({ name: 'fake-503', outcome: { status: 503 }, injectionRate: 1 });
    const typed: ChaosOutcomeEvent<Response>[] = [];
    const all: PolicyEvent[] = [];
    policy.onInject((event) => typed.push(event));
    policy.onEvent((event) => all.push(event));
    await policy.execute(() => ({ status: 200 }));
    expect(typed).toEqual([{ attempt: 1, outcome: { status: 503 } }]);
    expect(all.map((e) => [e.policy, e.name, e.type, e.severity])).toEqual([
      ['chaosOutcome', 'fake-503', 'inject', 'info'],
    ]);
    expect(policy.toJSON()).toEqual({ type: 'outcome', injectionRate: 1, enabled: true });
  });
});

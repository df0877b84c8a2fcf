import { describe, expect, it } from 'vitest';
import { LiveView } from './snapshot.js';
import { run, runWorld } from './test-support/run.js';

/** A caller with `instances` instances calls a slow service (200 ms) at 100 requests/s. */
function slowCallee(instances: number, call: Record<string, unknown>) {
  return {
    duration: '5s',
    services: {
      caller: { instances, workers: 200, latency: 0, calls: [{ to: 'slow', ...call }] },
      slow: { workers: 500, latency: 200 },
    },
    workload: [{ target: 'caller', rate: 100, arrivals: 'uniform' }],
  };
}

describe('one pipeline per calling instance', () => {
  it('gives each instance its own bulkhead: 2 instances × 5 slots let 10 calls through at once', () => {
    // 100/s × 200 ms: 20 calls would be in flight; 5 slots on each of 2 instances allow 10.
    const one = run(slowCallee(1, { bulkhead: { maxConcurrent: 5, maxQueue: 0 } }));
    const two = run(slowCallee(2, { bulkhead: { maxConcurrent: 5, maxQueue: 0 } }));
    const served = (result: typeof one) => result.services.slow!.requests;
    // About 5 / 200 ms = 25/s with one instance, 50/s with two.
    expect(served(one)).toBeGreaterThan(100);
    expect(served(one)).toBeLessThanOrEqual(5 * 25 + 5);
    expect(served(two)).toBeGreaterThan(1.8 * served(one));
    expect(served(two)).toBeLessThanOrEqual(10 * 25 + 10);
  });

  it('gives each instance its own breaker, logged with its instance, the edge counted as one', () => {
    const result = run({
      duration: '3s',
      services: {
        caller: {
          instances: 2,
          latency: 0,
          calls: [{ to: 'broken', circuitBreaker: { minimumCalls: 5, openFor: '10s' } }],
        },
        broken: { latency: 1, errorRate: 1 },
      },
      workload: [{ target: 'caller', rate: 100, arrivals: 'uniform' }],
    });
    const opened = result.breakers.filter((transition) => transition.state === 'open');
    expect(opened.map((transition) => transition.instance).sort()).toEqual([0, 1]);
    for (const transition of opened) expect(transition.edge).toBe('caller->broken');
    // Round-robin: each instance's breaker opened after its own 5 failures, 10 calls in all.
    expect(result.services.broken!.requests).toBe(10);
    expect(Object.keys(result.calls)).toEqual(['caller->broken']);
  });

  it('draws each instance from its own random stream: same seed, same run', () => {
    const input = slowCallee(3, {
      retry: { maxAttempts: 3, backoff: { type: 'exponential', initial: 10, jitter: 'full' } },
      timeout: '150ms',
    });
    expect(run(input, { seed: 5 })).toMatchObject({ ...run(input, { seed: 5 }), wallMs: expect.any(Number) });
  });

  it('shows a live edge with the worst state of its breakers, and how many are in each', () => {
    const world = runWorld({
      duration: '2s',
      services: {
        caller: { instances: 3, latency: 0, calls: [{ to: 'callee', circuitBreaker: {} }] },
        callee: { latency: 1 },
      },
      workload: [{ target: 'caller', rate: 10 }],
    });
    world.edges[1]!.breaker!.isolate();
    const edge = new LiveView(world).snapshot().edges['caller->callee']!;
    expect(edge.breakerState).toBe('isolated');
    expect(edge.breakerStates).toEqual({ closed: 2, isolated: 1 });
  });
});

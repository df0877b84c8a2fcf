import { describe, expect, it } from 'vitest';
import { relativeError, run, runWorld } from './test-support/run.js';

describe('a request at a service', () => {
  it("holds its worker through its own work and its calls: a slow callee keeps the caller's workers busy", () => {
    const result = run({
      duration: '100s',
      services: {
        caller: { workers: 10, latency: 2, calls: [{ to: 'slow' }] },
        slow: { workers: 100, latency: 48 },
      },
      workload: [{ target: 'caller', rate: 100, arrivals: 'uniform' }],
    });
    // 100 requests/s × 50 ms held / 10 workers: half busy, though its own work is 2 ms a request.
    expect(relativeError(result.services.caller!.utilization, 0.5)).toBeLessThan(0.01);
    expect(relativeError(result.services.slow!.utilization, (100 * 0.048) / 100)).toBeLessThan(0.01);
    expect(result.services.caller!.latencyMs).toMatchObject({ mean: 50, max: 50 });
  });

  it('waits in its instance’s queue for a worker, first come first served', () => {
    const result = run({
      duration: '1s',
      services: { one: { workers: 1, queueLimit: 1000, latency: 10 } },
      workload: [{ target: 'one', rate: 150, arrivals: 'uniform' }],
    });
    // Request k arrives at k × 6.67 ms and needs 10 ms: it leaves at 6.67 + 10k ms, having waited
    // 3.33 ms longer than the one before. By 1 s, 99 have left; the last after 6.67 + 3.33 × 99 ms.
    const one = result.services.one!;
    expect(one).toMatchObject({ ok: 99, failed: 0 });
    expect(one.latencyMs.max).toBeCloseTo(20 / 3 + (10 / 3) * 99, 2);
  });

  it('is rejected at once when its queue is full; the caller sees the callee unavailable', () => {
    const result = run({
      duration: '10s',
      services: {
        caller: { workers: 100, latency: 0, calls: [{ to: 'tight' }] },
        tight: { workers: 1, queueLimit: 0, latency: 100 },
      },
      // Every 50 ms a request needing 100 ms: every other one finds the only worker busy.
      workload: [{ target: 'caller', rate: 20, arrivals: 'uniform' }],
    });
    const tight = result.services.tight!;
    expect(tight.errors.rejected).toBeGreaterThan(90);
    expect(tight.latencyMs.p50).toBe(0);
    const caller = result.services.caller!;
    expect(caller.errors.unavailable).toBe(tight.errors.rejected);
    expect(caller.failed).toBe(caller.errors.unavailable);
  });

  it('fails `error` when its callee answered with an error, whatever failed there', () => {
    const result = run({
      duration: '10s',
      services: {
        top: { latency: 0, calls: [{ to: 'middle' }] },
        middle: { latency: 0, calls: [{ to: 'bottom', timeout: '10ms' }] },
        bottom: { latency: 50 },
      },
      workload: [{ target: 'top', rate: 10, arrivals: 'uniform' }],
    });
    expect(result.services.middle!.errors.timeout).toBe(result.services.middle!.failed);
    expect(result.services.middle!.failed).toBeGreaterThan(90);
    expect(result.services.top!.errors.error).toBe(result.services.middle!.failed);
  });

  it('counts every arrival in requests, the refused and the retried included', () => {
    const result = run({
      duration: '10.45s',
      services: {
        caller: {
          latency: 0,
          calls: [{ to: 'flaky', retry: { maxAttempts: 3, backoff: { type: 'constant', delay: 1 } } }],
        },
        flaky: { latency: 1, errorRate: 1 },
      },
      workload: [{ target: 'caller', rate: 10, arrivals: 'uniform' }],
    });
    const caller = result.services.caller!;
    expect(result.services.flaky!.requests).toBe(3 * caller.requests);
    expect(result.calls['caller->flaky']).toEqual({
      attempts: 3 * caller.requests,
      retries: 2 * caller.requests,
      ok: 0,
      failed: 3 * caller.requests,
    });
  });
});

describe('network latency', () => {
  it('adds one-way latency on every request and response, the edge’s own where set', () => {
    const result = run({
      duration: '2s',
      network: { latency: 5 },
      services: {
        front: { latency: 0, calls: [{ to: 'a' }, { to: 'b', latency: 20 }] },
        a: { latency: 1 },
        b: { latency: 1 },
      },
      workload: [{ target: 'front', rate: 10, arrivals: 'uniform' }],
    });
    // (5 + 1 + 5) + (20 + 1 + 20)
    expect(result.services.front!.latencyMs).toMatchObject({ mean: 52, max: 52 });
  });
});

describe('policies on a call, driven through core’s kernels', () => {
  it('times an attempt out at its deadline while the callee goes on with the abandoned request', () => {
    const result = run({
      duration: '10s',
      services: {
        caller: { latency: 0, calls: [{ to: 'slow', timeout: '30ms' }] },
        slow: { latency: 100 },
      },
      workload: [{ target: 'caller', rate: 10, arrivals: 'uniform' }],
    });
    const caller = result.services.caller!;
    expect(caller.failed).toBe(caller.errors.timeout);
    expect(caller.latencyMs).toMatchObject({ mean: 30, max: 30 });
    // The callee never learns: it finishes every request, 100 ms each.
    expect(result.services.slow!).toMatchObject({ ok: caller.failed, failed: 0 });
    expect(result.services.slow!.latencyMs.mean).toBe(100);
  });

  it('answers a final failure with the fallback: ok and degraded, up the chain too', () => {
    const result = run({
      duration: '10s',
      services: {
        edge: { latency: 0, calls: [{ to: 'app' }] },
        app: { latency: 0, calls: [{ to: 'broken', fallback: { type: 'static' } }] },
        broken: { latency: 1, errorRate: 1 },
      },
      workload: [{ target: 'edge', rate: 10, arrivals: 'uniform' }],
    });
    const app = result.services.app!;
    expect(app.failed).toBe(0);
    expect(app.degraded).toBe(app.ok);
    expect(result.services.edge!.degraded).toBe(result.services.edge!.ok);
    expect(result.services.broken!.failed).toBe(app.ok);
  });

  it('logs breaker transitions with their time and edge, and fails refused calls `circuitOpen`', () => {
    const result = run({
      duration: '20s',
      services: {
        caller: {
          latency: 0,
          calls: [
            {
              to: 'broken',
              circuitBreaker: { window: { type: 'count', size: 10 }, minimumCalls: 10, openFor: '5s' },
            },
          ],
        },
        broken: { latency: 1, errorRate: 1 },
      },
      workload: [{ target: 'caller', rate: 10, arrivals: 'uniform' }],
    });
    const caller = result.services.caller!;
    // Ten failures open it; every 5 s one probe fails and opens it again.
    expect(result.breakers.slice(0, 3)).toEqual([
      { t: 1001, edge: 'caller->broken', state: 'open', instance: 0 },
      { t: 6100, edge: 'caller->broken', state: 'halfOpen', instance: 0 },
      { t: 6101, edge: 'caller->broken', state: 'open', instance: 0 },
    ]);
    expect(caller.errors.circuitOpen).toBeGreaterThan(150);
    expect(caller.errors.error + caller.errors.circuitOpen).toBe(caller.failed);
    expect(result.services.broken!.requests).toBe(caller.errors.error);
  });

  it('rejects attempts over a bulkhead’s slots and queue, and lets queued ones go as slots free', () => {
    const result = run({
      duration: '10s',
      services: {
        caller: {
          workers: 100,
          latency: 0,
          calls: [{ to: 'slow', bulkhead: { maxConcurrent: 2, maxQueue: 1 } }],
        },
        slow: { workers: 100, latency: 100 },
      },
      // 50 requests/s of 100 ms: 5 in flight at once, for 2 slots and 1 queue place.
      workload: [{ target: 'caller', rate: 50, arrivals: 'uniform' }],
    });
    const caller = result.services.caller!;
    expect(caller.errors.rejected).toBeGreaterThan(100);
    expect(caller.failed).toBe(caller.errors.rejected);
    expect(caller.latencyMs.max).toBeGreaterThan(100);
    // Rejected attempts never reach the callee; the others all succeed there.
    const edge = result.calls['caller->slow']!;
    expect(edge.failed).toBe(caller.errors.rejected);
    expect(edge.ok).toBe(caller.ok);
    expect(result.services.slow!.failed).toBe(0);
  });

  it('refuses attempts over a rate limit in reject mode, and schedules them in wait mode', () => {
    const rateLimited = (rateLimiter: Record<string, unknown>, arrivals: string) =>
      run(
        {
          duration: '10s',
          services: {
            caller: { workers: 100, latency: 0, calls: [{ to: 'fast', rateLimiter }] },
            fast: { workers: 100, latency: 1 },
          },
          workload: [{ target: 'caller', rate: 40, arrivals }],
        },
        { seed: 4 },
      );
    // 40 evenly spaced requests a second through 20 permits a second: every other one is refused.
    const rejecting = rateLimited({ type: 'token-bucket', rate: 20, per: '1s', burst: 1 }, 'uniform');
    expect(relativeError(rejecting.services.caller!.errors.rejected, 200)).toBeLessThan(0.02);
    expect(relativeError(rejecting.services.fast!.requests, 200)).toBeLessThan(0.02);
    // Poisson arrivals at 40/s under 50 permits/s: bunched requests wait their turn, none is refused.
    const waiting = rateLimited(
      { type: 'token-bucket', rate: 50, per: '1s', burst: 1, mode: 'wait' },
      'poisson',
    );
    expect(waiting.services.caller!.failed).toBe(0);
    expect(waiting.services.caller!.latencyMs.p50).toBeGreaterThan(1);
    expect(waiting.services.fast!.latencyMs.max).toBe(1);
  });

  it('hedges a slow attempt with a parallel one, counted as a retry, cutting the tail', () => {
    const design = (hedge: boolean) => ({
      duration: '60s',
      services: {
        caller: {
          workers: 100,
          latency: 0,
          calls: [{ to: 'tail', ...(hedge ? { hedge: { delay: '20ms', maxHedgedAttempts: 1 } } : {}) }],
        },
        tail: { workers: 100, latency: { dist: 'lognormal', median: 5, p99: 200 } },
      },
      workload: [{ target: 'caller', rate: 100 }],
    });
    const plain = run(design(false), { seed: 3 });
    const hedged = run(design(true), { seed: 3 });
    expect(hedged.services.caller!.latencyMs.p99).toBeLessThan(plain.services.caller!.latencyMs.p99 * 0.5);
    const edge = hedged.calls['caller->tail']!;
    expect(edge.retries).toBeGreaterThan(0.05 * hedged.services.caller!.requests);
    // The losing attempts are abandoned, neither ok nor failed.
    expect(edge.ok).toBe(hedged.services.caller!.ok);
    expect(edge.failed).toBe(0);
  });

  it('rejects attempts over the adaptive concurrency limit', () => {
    const result = run({
      duration: '10s',
      services: {
        caller: {
          workers: 100,
          latency: 0,
          calls: [
            { to: 'slow', concurrencyLimit: { type: 'aimd', initialLimit: 2, minLimit: 1, maxLimit: 2 } },
          ],
        },
        slow: { workers: 100, latency: 100 },
      },
      workload: [{ target: 'caller', rate: 50, arrivals: 'uniform' }],
    });
    expect(result.services.caller!.errors.rejected).toBeGreaterThan(200);
    expect(result.services.slow!.requests).toBeLessThanOrEqual(10 * 20 + 2);
  });

  it('feeds the adaptive breaker the load of its calling instance', () => {
    const world = runWorld({
      duration: '1s',
      services: {
        caller: { workers: 10, latency: 0, calls: [{ to: 'slow', circuitBreaker: { adaptive: {} } }] },
        slow: { workers: 100, latency: 80 },
      },
      workload: [{ target: 'caller', rate: 100, arrivals: 'uniform' }],
    });
    // 100/s × 80 ms on 10 workers: 8 busy.
    expect(world.service('caller').instances[0]!.load()).toBe(0.8);
    expect(world.edges[0]!.breaker!.thresholds().load).toBe(0.8);
  });
});

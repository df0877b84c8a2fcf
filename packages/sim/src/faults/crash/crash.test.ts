import { describe, expect, it } from 'vitest';
import { run } from '../../world/test-support/run.js';

describe('crash', () => {
  const design = (fault: Record<string, unknown>) => ({
    duration: '10s',
    services: {
      caller: { workers: 100, latency: 0, calls: [{ to: 'orders' }] },
      orders: { instances: 2, workers: 100, latency: 5 },
    },
    workload: [{ target: 'caller', rate: 100, arrivals: 'uniform' }],
    faults: [{ type: 'crash', target: 'orders', at: '2s', duration: '3s', ...fault }],
  });

  it('refuses new requests to the crashed instances at once: unavailable while it lasts, then recovery', () => {
    const result = run(design({ instances: 1 }));
    const caller = result.services.caller!;
    // Round-robin keeps sending the crashed instance half of the requests: no health checks.
    expect(caller.errors.unavailable).toBe(150);
    expect(caller.failed).toBe(150);
    const failedAt = result.timeline.map((bucket) => bucket.services.caller!.failed);
    expect(failedAt).toEqual([0, 0, 50, 50, 50, 0, 0, 0, 0, 0]);
    // Refused at the door: no time spent.
    expect(result.services.orders!.errors.unavailable).toBe(150);
    expect(result.faults).toEqual([{ type: 'crash', target: 'orders', start: 2000, end: 5000 }]);
  });

  it('takes every instance when `instances` is left out', () => {
    const result = run(design({}));
    const caller = result.services.caller!;
    expect(caller.errors.unavailable).toBe(300);
    expect(caller.failed).toBe(300);
    // The one request still in flight at the end is neither.
    expect(caller.ok).toBe(caller.requests - 300 - 1);
  });

  it('fails the requests in flight on a crashed instance at once, and their callers with them', () => {
    const result = run({
      duration: '3s',
      services: {
        caller: { workers: 100, latency: 0, calls: [{ to: 'slow' }] },
        slow: { workers: 100, latency: 500, calls: [{ to: 'db' }] },
        db: { workers: 100, latency: 100 },
      },
      workload: [{ target: 'caller', rate: 10, arrivals: 'uniform' }],
      faults: [{ type: 'crash', target: 'slow', at: '1250ms', duration: '10ms' }],
    });
    // At 1250 ms six requests are in flight at `slow`: those that arrived at 800 ... 1200 ms in
    // their own work (500 ms), and the one from 700 ms waiting on db. They fail then.
    const slow = result.services.slow!;
    expect(slow.errors.unavailable).toBe(6);
    expect(slow.latencyMs.max).toBe(600);
    const caller = result.services.caller!;
    expect(caller.errors.unavailable).toBe(6);
    // The call to db was abandoned; db still answered it, to nobody.
    expect(result.services.db!.failed).toBe(0);
    const toDb = result.calls['slow->db']!;
    expect(result.services.db!.requests).toBe(toDb.attempts);
    // Neither ok nor failed: the abandoned attempt, and the one still in flight when the run ends.
    expect(toDb.attempts - toDb.ok - toDb.failed).toBe(2);
  });

  it('fails the target of a workload itself: its users see it unavailable', () => {
    const result = run({
      duration: '4s',
      services: { api: { latency: 1 } },
      workload: [{ target: 'api', rate: 100, arrivals: 'uniform' }],
      faults: [{ type: 'crash', target: 'api', at: '1s', duration: '2s' }],
    });
    expect(result.services.api).toMatchObject({ requests: 400, failed: 200, errors: { unavailable: 200 } });
  });
});

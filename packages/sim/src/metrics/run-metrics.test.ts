import { ConfigError } from '@faultline/core';
import { describe, expect, it } from 'vitest';
import type { FaultRecord } from '../result.js';
import { RunMetrics } from './run-metrics.js';

const summary = { design: 'shop', seed: 42, simulatedMs: 3000, events: 1234, wallMs: 5 };

/** A small run: a gateway calling orders, with a breaker opening and a fault. */
function shopRun(): RunMetrics {
  const metrics = new RunMetrics();
  const gateway = metrics.service('gateway', { workers: 4 });
  const orders = metrics.service('orders', { workers: 2 });
  const edge = metrics.edge('gateway', 'orders');
  for (let i = 0; i < 10; i++) gateway.recordArrival();
  gateway.recordOk(100, 5);
  gateway.recordOk(200, 7);
  gateway.recordDegraded(1200, 3);
  gateway.recordFailure(1500, 1000, 'timeout');
  gateway.recordFailure(1600, 0.5, 'circuitOpen');
  gateway.recordFailure(2500, 2, 'rejected');
  gateway.recordBusy(600);
  orders.recordArrival();
  orders.recordOk(150, 40);
  orders.recordBusy(40);
  edge.recordAttempt(1);
  edge.recordOk();
  edge.recordAttempt(1);
  edge.recordFailure();
  edge.recordAttempt(2);
  edge.recordFailure();
  metrics.recordBreakerTransition({ t: 1550, edge: 'gateway->orders', state: 'open' });
  metrics.recordFault({ type: 'crash', target: 'orders', start: 1000, end: 2000 });
  return metrics;
}

describe('RunMetrics', () => {
  it("builds DESIGN.md's run result, field for field", () => {
    const result = shopRun().toResult(summary);
    expect(Object.keys(result)).toEqual([
      'design',
      'seed',
      'simulatedMs',
      'events',
      'wallMs',
      'services',
      'calls',
      'timeline',
      'breakers',
      'faults',
    ]);
    expect(result).toMatchObject(summary);
    expect(result.services.gateway).toEqual({
      requests: 10,
      ok: 3,
      failed: 3,
      degraded: 1,
      errors: { timeout: 1, rejected: 1, circuitOpen: 1, unavailable: 0, error: 0 },
      latencyMs: expect.objectContaining({ mean: 169.583, max: 1000 }),
      utilization: 0.05, // 600 busy ms over 4 workers × 3000 ms
    });
    expect(Object.keys(result.services.gateway!.latencyMs)).toEqual(['mean', 'p50', 'p95', 'p99', 'max']);
    expect(result.calls).toEqual({ 'gateway->orders': { attempts: 3, retries: 1, ok: 1, failed: 2 } });
    expect(result.breakers).toEqual([{ t: 1550, edge: 'gateway->orders', state: 'open' }]);
    expect(result.faults).toEqual([{ type: 'crash', target: 'orders', start: 1000, end: 2000 }]);
  });

  it('lists services in the order they were registered, and gives each a place in every bucket', () => {
    const result = shopRun().toResult(summary);
    expect(Object.keys(result.services)).toEqual(['gateway', 'orders']);
    expect(result.timeline.map((bucket) => bucket.t)).toEqual([0, 1000, 2000]);
    expect(result.timeline[0]).toEqual({
      t: 0,
      services: {
        gateway: { ok: 2, failed: 0, p50: expect.closeTo(5, 2), p99: 7 },
        orders: { ok: 1, failed: 0, p50: 40, p99: 40 },
      },
    });
    expect(result.timeline[1]!.services.gateway).toMatchObject({ ok: 1, failed: 2 });
    expect(result.timeline[2]!.services).toEqual({
      gateway: { ok: 0, failed: 1, p50: 2, p99: 2 },
      orders: { ok: 0, failed: 0, p50: null, p99: null },
    });
  });

  it('returns the same counters for a service or edge asked for again', () => {
    const metrics = new RunMetrics();
    expect(metrics.service('a')).toBe(metrics.service('a', { workers: 3 }));
    expect(metrics.service('a').workers).toBe(3);
    expect(metrics.edge('a', 'b')).toBe(metrics.edge('a', 'b'));
    expect(metrics.edge('a', 'b').key).toBe('a->b');
  });

  it('keeps its own copies of logged transitions and faults', () => {
    const metrics = new RunMetrics();
    const fault: FaultRecord = { type: 'latency', target: 'orders', start: 0, end: 10 };
    metrics.recordFault(fault);
    fault.end = 999;
    const result = metrics.toResult(summary);
    expect(result.faults[0]!.end).toBe(10);
    result.faults[0]!.end = 5;
    expect(metrics.toResult(summary).faults[0]!.end).toBe(10);
  });

  it('serves the closed seconds to a live view as time passes', () => {
    const metrics = new RunMetrics();
    const service = metrics.service('api');
    service.recordOk(100, 1);
    service.recordOk(1100, 2);
    metrics.closeBuckets(1500);
    expect(metrics.closedBuckets).toBe(1);
    expect(metrics.timeline()).toEqual([{ t: 0, services: { api: { ok: 1, failed: 0, p50: 1, p99: 1 } } }]);
    metrics.closeBuckets(2000);
    expect(metrics.timeline(1)).toEqual([
      { t: 1000, services: { api: { ok: 1, failed: 0, p50: 2, p99: 2 } } },
    ]);
  });

  it('serves a live view only the seconds closed for every service', () => {
    const metrics = new RunMetrics();
    metrics.service('busy').recordOk(2500, 1); // closes the busy service's first two seconds
    metrics.service('quiet').recordOk(500, 1); // still in its open first second
    expect(metrics.closedBuckets).toBe(0);
    expect(metrics.timeline()).toEqual([]);
    metrics.closeBuckets(2000);
    expect(metrics.timeline().map((bucket) => bucket.services.quiet!.ok)).toEqual([1, 0]);
  });

  it('has one timeline entry per second: a response sent exactly at the end counts in the last', () => {
    const metrics = new RunMetrics();
    metrics.service('a').recordOk(3000, 1);
    metrics.service('b').recordOk(10, 1);
    const result = metrics.toResult(summary); // simulatedMs: 3000
    expect(result.timeline).toHaveLength(3);
    expect(result.timeline[2]!.services).toEqual({
      a: { ok: 1, failed: 0, p50: 1, p99: 1 },
      b: { ok: 0, failed: 0, p50: null, p99: null },
    });
    expect(result.services.a!.ok).toBe(1);
  });

  it('gives a result without closing the open second, and a fuller one later', () => {
    const metrics = new RunMetrics();
    const api = metrics.service('api');
    api.recordOk(500, 2);
    api.recordOk(1200, 4);
    const first = metrics.toResult({ ...summary, simulatedMs: 1500 });
    expect(first.timeline.map((bucket) => bucket.services.api!.ok)).toEqual([1, 1]);
    api.recordOk(1800, 6);
    const second = metrics.toResult({ ...summary, simulatedMs: 2000 });
    expect(second.timeline.map((bucket) => bucket.services.api!.ok)).toEqual([1, 2]);
    expect(second.timeline[1]!.services.api!.p99).toBe(6);
    expect(second.services.api!.ok).toBe(3);
    expect(second.services.api!.latencyMs.max).toBe(6);
  });

  it('reports a service that answered nothing with zeros, not NaN', () => {
    const metrics = new RunMetrics();
    metrics.service('idle', { workers: 1 }).recordArrival();
    const result = metrics.toResult(summary);
    expect(result.services.idle).toEqual({
      requests: 1,
      ok: 0,
      failed: 0,
      degraded: 0,
      errors: { timeout: 0, rejected: 0, circuitOpen: 0, unavailable: 0, error: 0 },
      latencyMs: { mean: 0, p50: 0, p95: 0, p99: 0, max: 0 },
      utilization: 0,
    });
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it('uses the bucket width and start it is given', () => {
    const metrics = new RunMetrics({ bucketMs: 250, startAt: 1000 });
    metrics.service('api').recordOk(1300, 1);
    const result = metrics.toResult({ ...summary, simulatedMs: 500 });
    expect(result.timeline.map((bucket) => [bucket.t, bucket.services.api!.ok])).toEqual([
      [1000, 0],
      [1250, 1],
    ]);
  });

  it('rejects options it cannot use, naming them', () => {
    expect(() => new RunMetrics({ bucketMs: 0 })).toThrow(ConfigError);
    expect(() => new RunMetrics({ bucketMs: 0 })).toThrow(/metrics.bucketMs: expected a number > 0, got 0/);
    expect(() => new RunMetrics({ bucket: 5 } as never)).toThrow(/metrics.bucket: unknown option/);
    expect(() => new RunMetrics().service('orders', { workers: -2 })).toThrow(
      /metrics.service\("orders"\).workers: expected a number ≥ 0, got -2/,
    );
  });
});

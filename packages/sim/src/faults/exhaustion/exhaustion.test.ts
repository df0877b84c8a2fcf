import { describe, expect, it } from 'vitest';
import { relativeError, run } from '../../world/test-support/run.js';
import { gcPauseMs, GC_PERIOD_MS, OOM_RESTART_MS } from './memory.js';

const answered = (bucket: { ok: number; failed: number }): number => bucket.ok + bucket.failed;

describe('exhaustion', () => {
  it('workers: holds round(fraction × workers) of each instance’s workers; the rest serve', () => {
    const result = run({
      duration: '6s',
      services: { api: { workers: 10, queueLimit: 100_000, latency: 10 } },
      // 400 requests/s of 10 ms need 4 workers; with 8 of 10 held, 2 serve 200 a second.
      workload: [{ target: 'api', rate: 400, arrivals: 'uniform' }],
      faults: [
        { type: 'exhaustion', target: 'api', resource: 'workers', fraction: 0.8, at: '2s', duration: '2s' },
      ],
    });
    const served = result.timeline.map((bucket) => answered(bucket.services.api!));
    // Request k arrives at 2.5k ms and leaves 10 ms later: 395 leave in the first second.
    expect(served.slice(0, 2)).toEqual([395, 400]);
    // The 4 requests in service at 2 s finish (nothing is preempted), then 2 workers serve 200/s.
    expect(served.slice(2, 4)).toEqual([202, 200]);
    // Given back, the workers clear the queue that built up: 10 workers serve 1000 a second.
    expect(served[4]).toBeGreaterThan(600);
    expect(result.services.api!.failed).toBe(0);
  });

  it('cpu: own work takes 1/(1 − fraction) as long while it lasts', () => {
    const result = run({
      duration: '3s',
      services: { api: { workers: 100, latency: 10 } },
      workload: [{ target: 'api', rate: 50, arrivals: 'uniform' }],
      faults: [
        { type: 'exhaustion', target: 'api', resource: 'cpu', fraction: 0.75, at: '1s', duration: '1s' },
      ],
    });
    const p50 = result.timeline.map((bucket) => bucket.services.api!.p50!);
    expect(p50[0]).toBe(10);
    expect(p50[1]).toBe(40);
    // Percentiles are within 0.1%: the second after holds a few requests slowed at its start.
    expect(p50[2]).toBeCloseTo(10, 1);
  });

  it('cpu: work in progress slows down when it starts and speeds up when it ends', () => {
    const result = run({
      duration: '1s',
      services: { api: { latency: 100 } },
      workload: [
        {
          target: 'api',
          rate: 1,
          arrivals: 'uniform',
          profile: {
            type: 'step',
            steps: [
              { at: 0, rate: 0 },
              { at: '1ms', rate: 1000 },
              { at: '2ms', rate: 0 },
            ],
          },
        },
      ],
      faults: [
        { type: 'exhaustion', target: 'api', resource: 'cpu', fraction: 0.5, at: '51ms', duration: '50ms' },
      ],
    });
    // Arrives at 2 ms; 49 ms of work at full speed, 50 ms at half (25 ms of work), then 26 ms more.
    expect(result.services.api!.latencyMs.max).toBeCloseTo(125, 6);
  });

  it('memory: stops the world for gcPauseMs(fraction) every GC period, so requests wait for the pause to end', () => {
    expect(gcPauseMs(0.5)).toBeCloseTo(100, 9);
    expect(gcPauseMs(0.8)).toBeCloseTo(400, 9);
    expect(gcPauseMs(0.999)).toBe(990);
    const result = run(
      {
        duration: '200s',
        services: { api: { workers: 100, latency: 1 } },
        workload: [{ target: 'api', rate: 200 }],
        faults: [{ type: 'exhaustion', target: 'api', resource: 'memory', fraction: 0.5, at: '100s' }],
      },
      { seed: 6 },
    );
    const api = result.services.api!;
    // A tenth of arrivals fall in a 100 ms pause and wait 50 ms on average: 5 ms more on the mean.
    const before = result.timeline.slice(0, 100).map((bucket) => bucket.services.api!.p99);
    expect(before.every((p99) => p99 === 1)).toBe(true);
    expect(relativeError(api.latencyMs.mean, 1 + 0.5 * 5)).toBeLessThan(0.05);
    expect(api.latencyMs.max).toBeCloseTo(101, 3);
    expect(GC_PERIOD_MS).toBe(1000);
  });

  it('memory at fraction 1: the instances are killed out of memory and restart OOM_RESTART_MS later', () => {
    const result = run({
      duration: '20s',
      services: { api: { instances: 2, latency: 1 } },
      workload: [{ target: 'api', rate: 100, arrivals: 'uniform' }],
      faults: [
        {
          type: 'exhaustion',
          target: 'api',
          instances: 1,
          resource: 'memory',
          fraction: 1,
          at: '2s',
          duration: '10s',
        },
      ],
    });
    expect(OOM_RESTART_MS).toBe(5000);
    const failed = result.timeline.map((bucket) => bucket.services.api!.failed);
    // Down from 2 s to 7 s: half the requests refused.
    expect(failed.slice(0, 9)).toEqual([0, 0, 50, 50, 50, 50, 50, 0, 0]);
    expect(result.services.api!.errors.unavailable).toBe(250);
  });

  it('connections: refuses requests beyond the unheld share of workers + queue, unavailable', () => {
    const result = run({
      duration: '4s',
      services: { api: { workers: 10, queueLimit: 10, latency: 100 } },
      // 100 requests/s of 100 ms: 10 held at once. With 70% of 20 connections held, 6 fit.
      workload: [{ target: 'api', rate: 100, arrivals: 'uniform' }],
      faults: [
        {
          type: 'exhaustion',
          target: 'api',
          resource: 'connections',
          fraction: 0.7,
          at: '1s',
          duration: '2s',
        },
      ],
    });
    const api = result.services.api!;
    expect(api.errors.rejected).toBe(0);
    expect(relativeError(api.errors.unavailable, 80)).toBeLessThan(0.05);
    expect(result.timeline[0]!.services.api!.failed).toBe(0);
    expect(result.timeline[3]!.services.api!.failed).toBe(0);
  });
});

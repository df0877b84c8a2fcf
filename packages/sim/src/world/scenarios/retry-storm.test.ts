import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../result.js';
import { run } from '../test-support/run.js';

/**
 * A database that serves 1,000 requests a second, at 700 a second, with a 5 s spike to 1,400.
 * The spike fills its queue; timeouts fire; the question is what the retries do after it ends.
 */
function storm(retry: Record<string, unknown>): RunResult {
  return run(
    {
      duration: '40s',
      services: {
        client: { workers: 100_000, latency: 0, calls: [{ to: 'db', timeout: '100ms', retry }] },
        db: { workers: 10, queueLimit: 2000, latency: { dist: 'exponential', mean: 10 } },
      },
      workload: [
        { target: 'client', rate: 700, profile: { type: 'spike', at: '10s', duration: '5s', multiplier: 2 } },
      ],
    },
    { seed: 1 },
  );
}

/** Share of the client's answers that succeeded, per second from `from` to `to`. */
function successRate(result: RunResult, from: number, to: number): number {
  let ok = 0;
  let answered = 0;
  for (const bucket of result.timeline.slice(from, to)) {
    ok += bucket.services.client!.ok;
    answered += bucket.services.client!.ok + bucket.services.client!.failed;
  }
  return ok / answered;
}

describe('scenario: a retry storm', () => {
  it('keeps a dependency collapsed after a short spike when retries are aggressive (no backoff)', () => {
    const result = storm({ maxAttempts: 5, backoff: { type: 'constant', delay: 0 } });
    expect(successRate(result, 0, 10)).toBe(1);
    // 25 s after the spike ended, the load is back to 700/s, yet almost nothing succeeds: every
    // request times out in the queue the retries keep full, and is retried four more times.
    expect(successRate(result, 30, 40)).toBeLessThan(0.05);
    const edge = result.calls['client->db']!;
    expect(edge.attempts / result.services.client!.requests).toBeGreaterThan(3.5);
    expect(result.services.db!.utilization).toBeGreaterThan(0.9);
  });

  it('recovers once the spike ends with exponential backoff, jitter and a retry budget', () => {
    const result = storm({
      maxAttempts: 5,
      backoff: { type: 'exponential', initial: '50ms', max: '2s', jitter: 'full' },
      budget: { ratio: 0.1, minRetriesPerSecond: 5 },
    });
    expect(successRate(result, 0, 10)).toBe(1);
    // The budget holds retries to a tenth of the load, so the queue drains and timeouts stop.
    expect(successRate(result, 30, 40)).toBeGreaterThan(0.999);
    const edge = result.calls['client->db']!;
    expect(edge.attempts / result.services.client!.requests).toBeLessThan(1.15);
  });
});

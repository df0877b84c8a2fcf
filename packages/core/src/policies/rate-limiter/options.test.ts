import { describe, expect, it } from 'vitest';
import { VirtualClock, systemClock } from '../../clock/index.js';
import { ConfigError } from '../../errors/index.js';
import { resolveRateLimiterOptions } from './options.js';

function issuesOf(options: unknown, path?: string): string[] {
  try {
    resolveRateLimiterOptions(options, path);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) =>
      issue.path ? `${issue.path}: ${issue.message}` : issue.message,
    );
  }
  throw new Error('expected a ConfigError');
}

describe('resolveRateLimiterOptions', () => {
  it('reads a token bucket, with per 1s, burst = rate and reject mode by default', () => {
    expect(resolveRateLimiterOptions({ type: 'token-bucket', rate: 100, per: '1s', burst: 100 })).toEqual({
      name: undefined,
      clock: systemClock,
      type: 'token-bucket',
      mode: 'reject',
      maxWait: 0,
      rate: 100,
      per: 1000,
      burst: 100,
    });
    expect(resolveRateLimiterOptions({ rate: 0.5 })).toMatchObject({
      type: 'token-bucket',
      per: 1000,
      burst: 1,
    });
    expect(resolveRateLimiterOptions({ rate: 20, per: '1m', burst: 5 })).toMatchObject({
      per: 60_000,
      burst: 5,
    });
  });

  it('reads a sliding window', () => {
    const clock = new VirtualClock();
    const resolved = resolveRateLimiterOptions({
      name: 'payments',
      clock,
      type: 'sliding-window',
      limit: 100,
      window: '1s',
    });
    expect(resolved).toMatchObject({ name: 'payments', type: 'sliding-window', limit: 100, window: 1000 });
    expect(resolved.clock).toBe(clock);
  });

  it('waits up to one period by default in wait mode, or maxWait when given', () => {
    expect(resolveRateLimiterOptions({ rate: 10, per: '2s', mode: 'wait' }).maxWait).toBe(2000);
    expect(
      resolveRateLimiterOptions({ type: 'sliding-window', limit: 5, window: 500, mode: 'wait' }).maxWait,
    ).toBe(500);
    expect(resolveRateLimiterOptions({ rate: 10, mode: 'wait', maxWait: '250ms' }).maxWait).toBe(250);
    expect(resolveRateLimiterOptions({ rate: 10, mode: 'wait', maxWait: 0 }).maxWait).toBe(0);
  });

  it('reports every problem at once, each with its path, against the keys of the chosen type', () => {
    expect(
      issuesOf(
        { type: 'sliding-window', rate: 5, limit: 1.5, window: 0, mode: 'queue' },
        'services.gateway.calls[0].rateLimiter',
      ),
    ).toEqual([
      'services.gateway.calls[0].rateLimiter.rate: rate is a token-bucket option; a sliding-window takes limit, window (or set type: token-bucket)',
      'services.gateway.calls[0].rateLimiter.mode: expected one of "reject", "wait", got "queue"',
      'services.gateway.calls[0].rateLimiter.limit: expected a whole number ≥ 1 and ≤ 1000000, got 1.5',
      'services.gateway.calls[0].rateLimiter.window: expected a duration greater than 0, like "1s", got 0',
    ]);
    expect(issuesOf({ type: 'token-bucket', limit: 5, windw: '1s' })).toEqual([
      'windw: unknown option; did you mean "window"? (known: name, clock, type, mode, maxWait, rate, per, burst, limit, window)',
      'limit: limit is a sliding-window option; a token-bucket takes rate, per, burst (or set type: sliding-window)',
      'rate: required: how many permits every `per`, like 100',
    ]);
  });

  it('refuses a bad type, a zero rate, a small burst, and maxWait without wait mode', () => {
    expect(issuesOf({ type: 'leaky-bucket', rate: 1 })).toEqual([
      'type: expected one of "token-bucket", "sliding-window", got "leaky-bucket"',
    ]);
    expect(issuesOf({ rate: 0, burst: 0.5 })).toEqual([
      'rate: expected a number > 0, got 0',
      'burst: expected a number ≥ 1, got 0.5',
    ]);
    expect(issuesOf({ rate: 1, maxWait: '1s' })).toEqual([
      'maxWait: maxWait applies to waiting calls: add mode: wait, or remove maxWait',
    ]);
    expect(issuesOf({ rate: 1, mode: 'reject', maxWait: '1s' })).toEqual([
      'maxWait: maxWait applies to mode: wait; with mode: reject no call waits',
    ]);
    expect(issuesOf('100/s')).toEqual(['expected an object, got "100/s"']);
  });
});

import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { ConfigError } from '../../errors/index.js';
import { seededRandom } from '../../random/index.js';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_BACKOFF, resolveRetryOptions } from './options.js';

function issuesOf(options: unknown, path?: string): string[] {
  try {
    resolveRetryOptions(options, path);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('resolveRetryOptions', () => {
  it('fills in the documented defaults', () => {
    const resolved = resolveRetryOptions();
    expect(resolved.maxAttempts).toBe(DEFAULT_MAX_ATTEMPTS);
    expect(resolved.maxAttempts).toBe(3);
    expect(resolved.backoff).toEqual({
      type: 'exponential',
      initial: 100,
      max: 30_000,
      factor: 2,
      jitter: 'full',
    });
    expect(resolved.backoff).toBe(DEFAULT_RETRY_BACKOFF);
    expect(resolved.maxDelay).toBe(Number.POSITIVE_INFINITY);
    expect(resolved.budget).toBeUndefined();
    expect(resolved.handle).toBeUndefined();
    expect(resolved.delay).toBeUndefined();
  });

  it('reads the design-file form, durations as strings', () => {
    const resolved = resolveRetryOptions({
      maxAttempts: 4,
      backoff: { type: 'exponential', initial: '50ms', max: '2s', jitter: 'full' },
      maxDelay: '1s',
      budget: { ratio: 0.1, window: '30s' },
    });
    expect(resolved.maxAttempts).toBe(4);
    expect(resolved.backoff).toEqual({
      type: 'exponential',
      initial: 50,
      max: 2000,
      factor: 2,
      jitter: 'full',
    });
    expect(resolved.maxDelay).toBe(1000);
    expect(resolved.budget).toEqual({ ratio: 0.1, minRetriesPerSecond: 10, window: 30_000 });
  });

  it('takes a clock and a random source from code', () => {
    const clock = new VirtualClock();
    const random = seededRandom(1);
    const resolved = resolveRetryOptions({ clock, random, name: 'orders' });
    expect(resolved.clock).toBe(clock);
    expect(resolved.random).toBe(random);
    expect(resolved.name).toBe('orders');
  });

  it('reports every problem at once, each with its path', () => {
    expect(
      issuesOf(
        {
          maxAtempts: 3,
          maxAttempts: 0,
          backoff: { type: 'exponential', initial: 'soon' },
          maxDelay: -1,
          budget: { ratio: -1, window: 0 },
          clock: Date,
        },
        'services.gateway.calls[0].retry',
      ),
    ).toEqual([
      'services.gateway.calls[0].retry.maxAtempts: unknown option; did you mean "maxAttempts"? (known: name, clock, random, maxAttempts, handle, handleResult, backoff, delay, maxDelay, budget)',
      'services.gateway.calls[0].retry.clock: expected a Clock (systemClock, a VirtualClock, or { now, setTimeout, clearTimeout }), got function Date',
      'services.gateway.calls[0].retry.maxAttempts: expected a whole number ≥ 1, got 0',
      'services.gateway.calls[0].retry.backoff.initial: expected a duration like "250ms", got "soon"',
      'services.gateway.calls[0].retry.maxDelay: expected a duration like "250ms", got -1',
      'services.gateway.calls[0].retry.budget.ratio: expected a number ≥ 0, got -1',
      'services.gateway.calls[0].retry.budget.window: expected a duration of at least 1ms, got 0',
    ]);
  });

  it('refuses both backoff and delay', () => {
    expect(issuesOf({ backoff: { type: 'constant', delay: 10 }, delay: () => 10 })).toEqual([
      'delay: set either backoff or delay, not both',
    ]);
  });

  it('refuses a handle that is neither Error classes nor a predicate', () => {
    class NotAnError {}
    expect(issuesOf({ handle: 'TimeoutError' })).toEqual([
      'handle: expected an Error class, an array of Error classes, or a predicate (error) => boolean, got "TimeoutError"',
    ]);
    expect(issuesOf({ handle: NotAnError })).toEqual([
      'handle: expected an Error class, an array of Error classes, or a predicate (error) => boolean; got class NotAnError, which does not extend Error',
    ]);
    expect(issuesOf({ handle: [TypeError, () => true] })).toEqual([
      'handle[1]: expected an Error class, got function (anonymous)',
    ]);
    expect(issuesOf({ handleResult: 503 })).toEqual([
      'handleResult: expected a predicate (result) => boolean, got 503',
    ]);
    expect(issuesOf({ budget: true })).toEqual(['budget: expected an object, got true']);
  });
});

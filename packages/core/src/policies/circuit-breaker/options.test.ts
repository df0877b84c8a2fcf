import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors/index.js';
import { VirtualClock } from '../../clock/index.js';
import { systemClock } from '../../clock/index.js';
import { resolveCircuitBreakerOptions } from './options.js';

function issuesOf(options: unknown, path = ''): string[] {
  try {
    resolveCircuitBreakerOptions(options, path);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  return [];
}

describe('resolveCircuitBreakerOptions', () => {
  it('fills in the documented defaults', () => {
    const resolved = resolveCircuitBreakerOptions({});
    expect(resolved).toMatchObject({
      name: undefined,
      window: { type: 'count', size: 20 },
      failureRateThreshold: 50,
      slowCallThreshold: undefined,
      slowCallRateThreshold: 100,
      minimumCalls: 10,
      openFor: { type: 'constant', delay: 5000 },
      halfOpenCalls: 1,
      handleResult: undefined,
      adaptive: undefined,
      store: undefined,
    });
    expect(resolved.clock).toBe(systemClock);
    expect(resolved.handle(new Error('any'))).toBe(true);
    expect(resolveCircuitBreakerOptions(undefined).window).toEqual({ type: 'count', size: 20 });
  });

  it('accepts the design file example as it is', () => {
    const resolved = resolveCircuitBreakerOptions({
      failureRateThreshold: 50,
      slowCallThreshold: '800ms',
      window: { type: 'count', size: 20 },
      minimumCalls: 10,
      openFor: '5s',
      halfOpenCalls: 3,
    });
    expect(resolved.slowCallThreshold).toBe(800);
    expect(resolved.openFor).toEqual({ type: 'constant', delay: 5000 });
    expect(resolved.halfOpenCalls).toBe(3);
  });

  it('reads every window type and openFor as a backoff', () => {
    expect(resolveCircuitBreakerOptions({ window: { type: 'time', size: '10s' } }).window).toEqual({
      type: 'time',
      size: 10_000,
      buckets: 10,
    });
    expect(resolveCircuitBreakerOptions({ window: { type: 'consecutive', failures: 3 } }).window).toEqual({
      type: 'consecutive',
      failures: 3,
    });
    expect(
      resolveCircuitBreakerOptions({ openFor: { type: 'exponential', initial: '1s', max: '1m' } }).openFor,
    ).toEqual({ type: 'exponential', initial: 1000, max: 60_000, factor: 2, jitter: 'none' });
  });

  it('caps the default minimumCalls at a small count window, but reports an explicit one above it', () => {
    expect(resolveCircuitBreakerOptions({ window: { type: 'count', size: 4 } }).minimumCalls).toBe(4);
    expect(issuesOf({ window: { type: 'count', size: 4 }, minimumCalls: 5 })).toEqual([
      'minimumCalls: must be at most window.size (4): the window never holds more calls than that, got 5',
    ]);
  });

  it('reports every problem at once, each with its path', () => {
    expect(
      issuesOf(
        {
          failureRateTreshold: 50,
          failureRateThreshold: 0,
          slowCallThreshold: '5',
          openFor: { type: 'exponential' },
          halfOpenCalls: 0,
          window: { type: 'sliding', size: 3 },
          handle: 'TypeError',
          clock: {},
        },
        'services.gateway.calls[0].circuitBreaker',
      ),
    ).toEqual([
      'services.gateway.calls[0].circuitBreaker.failureRateTreshold: unknown option; did you mean "failureRateThreshold"? (known: name, clock, random, window, failureRateThreshold, slowCallThreshold, slowCallRateThreshold, minimumCalls, openFor, halfOpenCalls, handle, handleResult, adaptive, initialState, store)',
      'services.gateway.calls[0].circuitBreaker.clock: expected an object with methods now, setTimeout, clearTimeout (given in code, not in a config file), got an object',
      'services.gateway.calls[0].circuitBreaker.window.type: expected one of "consecutive", "count", "time", got "sliding"',
      'services.gateway.calls[0].circuitBreaker.failureRateThreshold: expected a number > 0 and ≤ 100, got 0',
      'services.gateway.calls[0].circuitBreaker.slowCallThreshold: expected a duration like "250ms", got "5"',
      'services.gateway.calls[0].circuitBreaker.openFor.initial: required: a duration like "100ms"',
      'services.gateway.calls[0].circuitBreaker.halfOpenCalls: expected a whole number ≥ 1, got 0',
      'services.gateway.calls[0].circuitBreaker.handle: expected an Error class, an array of Error classes, or a predicate (error) => boolean, got "TypeError"',
    ]);
  });

  it('reports rate options given with a consecutive window, which would be silently ignored', () => {
    expect(
      issuesOf({ window: { type: 'consecutive', failures: 5 }, failureRateThreshold: 50, minimumCalls: 3 }),
    ).toEqual([
      'failureRateThreshold: applies to count and time windows; a consecutive window opens after window.failures failures in a row',
      'minimumCalls: applies to count and time windows; a consecutive window opens after window.failures failures in a row',
    ]);
  });

  it('requires the size of a window and a positive time window', () => {
    expect(issuesOf({ window: { type: 'count' } })).toEqual([
      'window.size: required: how many recent calls the window holds, e.g. 20',
    ]);
    expect(issuesOf({ window: { type: 'time', size: 0 } })).toEqual([
      'window.size: expected a duration above 0 like "10s", got 0',
    ]);
    expect(issuesOf({ window: { size: 3 } })).toEqual([
      'window.type: required: one of consecutive, count, time',
    ]);
    expect(issuesOf({ window: 'count' })[0]).toMatch(/^window: expected a window like/);
  });

  it('validates adaptive options against the thresholds they tighten', () => {
    expect(resolveCircuitBreakerOptions({ adaptive: {} }).adaptive).toEqual({
      loadSignal: undefined,
      minFailureRateThreshold: 25,
      minSlowCallRateThreshold: 50,
      minFailures: 1,
      fromLoad: 0.5,
      toLoad: 1,
    });
    expect(
      issuesOf({
        failureRateThreshold: 40,
        adaptive: { minFailureRateThreshold: 60, fromLoad: 0.9, toLoad: 0.5, minFailures: 2, loadSignal: 1 },
      }),
    ).toEqual([
      'adaptive.loadSignal: expected a function, got 1',
      'adaptive.minFailures: applies to a consecutive window only; use minFailureRateThreshold',
      'adaptive.minFailureRateThreshold: expected a number > 0 and ≤ 40, got 60',
      'adaptive.toLoad: must be above fromLoad (0.9), got 0.5',
    ]);
    expect(
      resolveCircuitBreakerOptions({ window: { type: 'consecutive', failures: 7 }, adaptive: {} }).adaptive
        ?.minFailures,
    ).toBe(4);
  });

  it('takes clock, random, store and functions from code', () => {
    const clock = new VirtualClock();
    const predicate = (result: unknown) => result === 503;
    const resolved = resolveCircuitBreakerOptions({
      clock,
      random: { next: () => 0.5 },
      handle: TypeError,
      handleResult: predicate,
      store: { load: () => undefined, save: () => {} },
      name: 'orders',
    });
    expect(resolved.clock).toBe(clock);
    expect(resolved.handle(new TypeError('x'))).toBe(true);
    expect(resolved.handle(new RangeError('x'))).toBe(false);
    expect(resolved.handleResult).toBe(predicate);
    expect(resolved.name).toBe('orders');
  });

  it('validates initialState', () => {
    expect(
      issuesOf({ initialState: { version: 2, state: 'ajar', window: { type: 'count', outcomes: [7] } } }),
    ).toEqual([
      'initialState.version: expected 1 (the only snapshot format so far), got 2',
      'initialState.state: expected one of "closed", "open", "halfOpen", "isolated", "disabled", got "ajar"',
      'initialState.window.outcomes: expected an array of outcomes 0-3 (bit 1 failed, bit 2 slow)',
    ]);
  });
});

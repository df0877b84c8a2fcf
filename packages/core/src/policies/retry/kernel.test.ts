import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { seededRandom } from '../../random/index.js';
import { TimeoutError } from '../../errors/index.js';
import { RetryKernel } from './kernel.js';
import { resolveRetryOptions, type RetryOptions } from './options.js';

function kernel(options: RetryOptions = {}, clock = new VirtualClock()): RetryKernel {
  return new RetryKernel(resolveRetryOptions({ clock, random: seededRandom(7), ...options }));
}

class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

describe('RetryKernel', () => {
  it('allows maxAttempts attempts in all, counting the first', () => {
    const k = kernel({ maxAttempts: 3 });
    const error = new Error('x');
    expect([1, 2, 3].map((attempt) => k.decide(attempt, true, error))).toEqual([
      'retry',
      'retry',
      'attemptsExhausted',
    ]);
    expect(kernel({ maxAttempts: 1 }).decide(1, true, error)).toBe('attemptsExhausted');
  });

  it('handles every error by default, and never a result', () => {
    const k = kernel();
    expect(k.handles(true, new Error('x'))).toBe(true);
    expect(k.handles(true, undefined)).toBe(true);
    expect(k.handles(false, { status: 503 })).toBe(false);
    expect(k.decide(1, false, 'ok')).toBe('notHandled');
    expect(k.handlesResults).toBe(false);
  });

  it('takes the simulator’s failure codes in place of errors', () => {
    const k = kernel();
    expect(k.shouldRetry(1, true, 'timeout')).toBe(true);
    expect(k.shouldRetry(3, true, 'circuitOpen')).toBe(false);
  });

  it('handles only the given error class, classes, or predicate', () => {
    const byClass = kernel({ handle: TimeoutError });
    expect(byClass.handles(true, new TimeoutError(10))).toBe(true);
    expect(byClass.handles(true, new Error('other'))).toBe(false);
    expect(byClass.decide(1, true, new Error('other'))).toBe('notHandled');

    const byClasses = kernel({ handle: [TimeoutError, HttpError] });
    expect(byClasses.handles(true, new HttpError(503))).toBe(true);
    expect(byClasses.handles(true, new TypeError('bug'))).toBe(false);

    const byPredicate = kernel({ handle: (error) => error instanceof HttpError && error.status >= 500 });
    expect(byPredicate.handles(true, new HttpError(503))).toBe(true);
    expect(byPredicate.handles(true, new HttpError(404))).toBe(false);
  });

  it('handles results the predicate marks as failures', () => {
    const k = kernel({ handleResult: (response: { status: number }) => response.status === 503 });
    expect(k.handlesResults).toBe(true);
    expect(k.decide(1, false, { status: 503 })).toBe('retry');
    expect(k.decide(1, false, { status: 200 })).toBe('notHandled');
    expect(k.decide(3, false, { status: 503 })).toBe('attemptsExhausted');
  });

  it('computes backoff delays by attempt and caps them with maxDelay', () => {
    const k = kernel({ backoff: { type: 'exponential', initial: '100ms' }, maxDelay: '350ms' });
    expect([2, 3, 4, 5].map((next) => k.delayBefore(next, 0))).toEqual([100, 200, 350, 350]);
  });

  it('uses the default backoff: exponential from 100ms with full jitter', () => {
    const k = kernel();
    for (let next = 2; next < 30; next++) {
      const delay = k.delayBefore(next, 0);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(Math.min(30_000, 100 * 2 ** (next - 2)));
    }
  });

  it('draws jitter from the injected random: same seed, same delays', () => {
    const draw = () => {
      const k = kernel({ backoff: { type: 'exponential', initial: 10, max: 1000, jitter: 'decorrelated' } });
      let previous = 0;
      return [2, 3, 4, 5, 6].map((next) => (previous = k.delayBefore(next, previous)));
    };
    const first = draw();
    expect(draw()).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(1);
  });

  it('passes a delay function the failed attempt, its outcome and the previous delay', () => {
    const seen: unknown[] = [];
    const k = kernel({
      delay: (args) => {
        seen.push(args);
        return args.attempt * 1000;
      },
      maxDelay: '2.5s',
    });
    const error = new Error('x');
    expect(k.delayBefore(2, 0, true, error)).toBe(1000);
    expect(k.delayBefore(4, 1000, false, 'busy')).toBe(2500);
    expect(seen).toEqual([
      { attempt: 1, outcome: { error }, previousDelay: 0 },
      { attempt: 3, outcome: { result: 'busy' }, previousDelay: 1000 },
    ]);
  });

  it('treats a negative or NaN delay as no delay, and caps one no timer could keep', () => {
    expect(kernel({ delay: () => -5 }).delayBefore(2, 0)).toBe(0);
    expect(kernel({ delay: () => Number.NaN }).delayBefore(2, 0)).toBe(0);
    expect(kernel({ delay: () => Number.POSITIVE_INFINITY }).delayBefore(2, 0)).toBe(2_147_483_647);
  });

  it('without a budget, every retry is allowed and nothing is counted', () => {
    const k = kernel();
    for (let i = 0; i < 1000; i++) expect(k.tryConsumeRetry()).toBe(true);
    expect(k.budget).toBeUndefined();
    expect(k.toJSON()).toEqual({ maxAttempts: 3 });
  });

  it('with a budget, retries stop at ratio × first attempts and answer budgetExhausted', () => {
    const clock = new VirtualClock();
    const k = kernel(
      { maxAttempts: 5, budget: { ratio: 0.2, minRetriesPerSecond: 0, window: '10s' } },
      clock,
    );
    for (let i = 0; i < 10; i++) k.onFirstAttempt();
    const error = new Error('x');
    expect([1, 1, 1].map((attempt) => k.decide(attempt, true, error))).toEqual([
      'retry',
      'retry',
      'budgetExhausted',
    ]);
    // Exhausted attempts and unhandled outcomes are decided before the budget, and take nothing.
    expect(k.decide(5, true, error)).toBe('attemptsExhausted');
    expect(k.toJSON()).toEqual({ maxAttempts: 5, budget: { available: 0, firstAttempts: 10, retries: 2 } });
    clock.advance(10_000);
    expect(k.toJSON().budget).toEqual({ available: 0, firstAttempts: 0, retries: 0 });
    k.onFirstAttempt();
    k.onFirstAttempt();
    k.onFirstAttempt();
    k.onFirstAttempt();
    k.onFirstAttempt();
    expect(k.decide(1, true, error)).toBe('retry');
  });
});

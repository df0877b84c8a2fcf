import { describe, expect, it, vi } from 'vitest';
import { VirtualClock, seededRandom } from '@faultline/core';
import { httpFaults } from './faults.js';
import type { HttpFaultEvent } from './events.js';
import { issuesOf, track } from '../in-process/test-support/track.js';

const get = (path: string, headers: Record<string, string> = {}) => ({ method: 'GET', path, headers });

describe('httpFaults', () => {
  it('chooses an exact, replayable share of 10^4 requests for a seed, within 1% of the percentage', () => {
    const run = () => {
      const faults = httpFaults([{ path: '/orders/*', percentage: 10, status: 503 }], {
        random: seededRandom(42),
      });
      let chosen = 0;
      for (let i = 0; i < 10_000; i++) if (faults.decide(get(`/orders/${i}`)) !== undefined) chosen++;
      return chosen;
    };
    const chosen = run();
    expect(chosen).toBe(1020);
    expect(Math.abs(chosen / 10_000 - 0.1)).toBeLessThan(0.01);
    expect(run()).toBe(chosen);
  });

  it('lets unmatched requests pass, drawing nothing for them', () => {
    const next = vi.fn(() => 0);
    const faults = httpFaults([{ path: '/orders', method: 'POST', status: 503 }], { random: { next } });
    expect(faults.decide(get('/orders'))).toBeUndefined();
    expect(faults.decide(get('/health'))).toBeUndefined();
    expect(next).not.toHaveBeenCalled();
    expect(faults.decide({ method: 'post', path: '/orders', headers: {} })?.abort).toMatchObject({
      status: 503,
    });
  });

  it('asks rules in order: the first that chooses decides, one that does not leaves it to the next', () => {
    const draws = [0.9, 0.1, 0.1];
    const faults = httpFaults(
      [
        { name: 'rare', path: '/orders', percentage: 50, status: 500 },
        { name: 'slow', path: '/orders', delay: '2s' },
        { name: 'never reached', path: '/orders', status: 502 },
      ],
      { random: { next: () => draws.shift() ?? 0 } },
    );
    expect(faults.decide(get('/orders'))?.name).toBe('slow');
    expect(faults.decide(get('/orders'))?.name).toBe('rare');
  });

  it('ignores the query string', () => {
    const faults = httpFaults([{ path: '/orders', status: 503 }]);
    expect(faults.decide(get('/orders?page=2'))?.rule).toBe(0);
    expect(faults.decide(get('/orders#top'))?.rule).toBe(0);
  });

  it('limits a rule to the first N requests it matches, chosen or not, until reset', () => {
    const draws = [0.9, 0.1, 0.1, 0.1];
    const faults = httpFaults([{ path: '/orders', percentage: 50, firstN: 2, status: 503 }], {
      random: { next: () => draws.shift() ?? 0 },
    });
    const outcomes = () => [1, 2, 3].map(() => faults.decide(get('/orders'))?.abort?.status);
    expect(outcomes()).toEqual([undefined, 503, undefined]);
    faults.reset();
    expect(outcomes()).toEqual([503, 503, undefined]);
  });

  it('tells listeners which rule chose which request', () => {
    const faults = httpFaults([{ name: 'reset-orders', path: '/orders/*', delay: 5, status: 'reset' }]);
    const events: HttpFaultEvent[] = [];
    faults.onInject((event) => events.push(event));
    faults.decide({ method: 'DELETE', path: '/orders/7?force=1', headers: {} });
    expect(events).toEqual([
      { rule: 0, name: 'reset-orders', method: 'DELETE', path: '/orders/7', delay: 5, status: 'reset' },
    ]);
  });

  it('waits a delay on the injected clock, and stops waiting when told, leaving no timer', async () => {
    const clock = new VirtualClock();
    const faults = httpFaults([{ delay: '1s' }], { clock });
    const done = track(faults.wait(1000, new AbortController().signal));
    await clock.tick(999);
    expect(done.settled).toBe(false);
    await clock.tick(1);
    expect(done.settled).toBe(true);
    const controller = new AbortController();
    const stopped = track(faults.wait(1000, controller.signal));
    controller.abort(new Error('client left'));
    await clock.tick(0);
    expect(stopped).toEqual({ settled: true, error: new Error('client left') });
    expect(clock.pendingTimers).toBe(0);
  });

  it('checks its options', () => {
    expect(issuesOf(() => httpFaults([], { random: 4 as never, clok: 1 } as never))).toEqual([
      'clok: unknown option; did you mean "clock"? (known: random, clock, path)',
      'random: expected a Random (seededRandom(seed), mathRandom, or { next }), got 4',
    ]);
    expect(issuesOf(() => httpFaults([{ percentage: -1, status: 503 }], { path: 'http.faults' }))).toEqual([
      'http.faults[0].percentage: expected a number from 0 to 100, got -1',
    ]);
  });
});

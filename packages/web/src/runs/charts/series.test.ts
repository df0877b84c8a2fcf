import { describe, expect, it } from 'vitest';
import { breakerBands, seriesOf } from './series.js';

describe('breakerBands', () => {
  it('turns transitions into the stretches each breaker was not closed, in seconds', () => {
    const bands = breakerBands(
      [
        { t: 21_000, edge: 'a->b', state: 'open' },
        { t: 26_000, edge: 'a->b', state: 'halfOpen' },
        { t: 26_500, edge: 'a->b', state: 'closed' },
        { t: 50_000, edge: 'a->c', state: 'open' },
      ],
      60_000,
    );
    expect(bands).toEqual([
      { edge: 'a->b', state: 'open', from: 21, to: 26 },
      { edge: 'a->b', state: 'halfOpen', from: 26, to: 26.5 },
      { edge: 'a->c', state: 'open', from: 50, to: 60 },
    ]);
  });
});

describe('breakerBands with a breaker per instance', () => {
  it('follows each instance on its own: one closing does not end the other’s open stretch', () => {
    const bands = breakerBands(
      [
        { t: 1000, edge: 'a->b', state: 'open', instance: 0 },
        { t: 1000, edge: 'a->b', state: 'open', instance: 1 },
        { t: 2000, edge: 'a->b', state: 'closed', instance: 0 },
      ],
      5000,
    );
    expect(bands).toEqual([
      { edge: 'a->b', state: 'open', from: 1, to: 2 },
      { edge: 'a->b', state: 'open', from: 1, to: 5 },
    ]);
  });
});

describe('seriesOf', () => {
  const timeline = [
    { t: 0, services: { a: { ok: 9, failed: 1, p50: 2, p99: 10 } } },
    { t: 1000, services: { a: { ok: 0, failed: 0, p50: null, p99: null } } },
  ];
  it('gives throughput, error rate (null without answers) and p99 per second', () => {
    expect(seriesOf({ timeline, services: ['a'], measure: 'throughput' })).toEqual([
      [0, 1],
      [10, 0],
    ]);
    expect(seriesOf({ timeline, services: ['a'], measure: 'errorRate' })).toEqual([
      [0, 1],
      [10, null],
    ]);
    expect(seriesOf({ timeline, services: ['a'], measure: 'p99' })).toEqual([
      [0, 1],
      [10, null],
    ]);
  });
});

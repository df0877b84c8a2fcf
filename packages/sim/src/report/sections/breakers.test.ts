import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../../analysis/test-support/synthetic-run.js';
import { breakerSpans } from './breakers.js';

describe('breakerSpans', () => {
  it('turns transitions into spans per edge, each breaker starting closed and lasting to the end', () => {
    const result = syntheticRun({
      design: 'spans',
      seconds: 10,
      services: { a: () => ({ rate: 1 }) },
      breakers: [
        { t: 1000, edge: 'a->b', state: 'open' },
        { t: 2000, edge: 'a->c', state: 'isolated' },
        { t: 3000, edge: 'a->b', state: 'halfOpen' },
        { t: 3500, edge: 'a->b', state: 'closed' },
      ],
    });
    expect(Object.fromEntries(breakerSpans(result))).toEqual({
      'a->b': [
        { state: 'closed', start: 0, end: 1000 },
        { state: 'open', start: 1000, end: 3000 },
        { state: 'halfOpen', start: 3000, end: 3500 },
        { state: 'closed', start: 3500, end: 10_000 },
      ],
      'a->c': [
        { state: 'closed', start: 0, end: 2000 },
        { state: 'isolated', start: 2000, end: 10_000 },
      ],
    });
  });

  it('draws one lane per breaker when the log names the calling instance', () => {
    const result = syntheticRun({
      design: 'lanes',
      seconds: 4,
      services: { a: () => ({ rate: 1 }) },
      breakers: [
        { t: 1000, edge: 'a->b', state: 'open', instance: 0 },
        { t: 2000, edge: 'a->b', state: 'closed', instance: 0 },
        { t: 1500, edge: 'a->b', state: 'open', instance: 1 },
      ],
    });
    expect(Object.fromEntries(breakerSpans(result))).toEqual({
      'a->b#1': [
        { state: 'closed', start: 0, end: 1000 },
        { state: 'open', start: 1000, end: 2000 },
        { state: 'closed', start: 2000, end: 4000 },
      ],
      'a->b#2': [
        { state: 'closed', start: 0, end: 1500 },
        { state: 'open', start: 1500, end: 4000 },
      ],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAOS_LATENCY_MS, resolveChaosLatencyOptions } from './options.js';
import { issuesOf } from '../test-support/track.js';

describe('resolveChaosLatencyOptions', () => {
  it('reads durations and defaults to Polly’s 30s', () => {
    expect(resolveChaosLatencyOptions({ latency: '200ms' }).latency).toBe(200);
    expect(resolveChaosLatencyOptions({ latency: 1500 }).latency).toBe(1500);
    expect(resolveChaosLatencyOptions().latency).toBe(DEFAULT_CHAOS_LATENCY_MS);
    expect(DEFAULT_CHAOS_LATENCY_MS).toBe(30_000);
  });

  it('reports every problem with its path, with a hint for a misspelt option', () => {
    expect(issuesOf(() => resolveChaosLatencyOptions({ latncy: '1s', latency: 'soon' }, 'chaos'))).toEqual([
      'chaos.latncy: unknown option; did you mean "latency"? (known: name, clock, random, injectionRate, enabled, latency)',
      'chaos.latency: expected a duration like "200ms" or a function ({ context }) => duration, got "soon"',
    ]);
    expect(issuesOf(() => resolveChaosLatencyOptions({ latency: '30d' }))).toEqual([
      'latency: expected a duration like "200ms" or a function ({ context }) => duration, got "30d"',
    ]);
    expect(issuesOf(() => resolveChaosLatencyOptions({ latency: 2 ** 31 }))).toEqual([
      'latency: expected a duration of at most 2147483647ms (the longest timer Node honours), got 2147483648',
    ]);
    expect(issuesOf(() => resolveChaosLatencyOptions('1s'))).toEqual(['expected an object, got "1s"']);
  });
});

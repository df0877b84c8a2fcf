import { describe, expect, it } from 'vitest';
import { Issues, VirtualClock, mathRandom, seededRandom, systemClock } from '@faultline/core';
import { DEFAULT_INJECTION_RATE, readChaosOptions } from './options.js';
import { issuesOf } from '../test-support/track.js';

function read(record: Record<string, unknown>, path = '') {
  const issues = new Issues();
  const resolved = readChaosOptions(record, path, issues, 'chaosLatency');
  issues.throwIfAny();
  return resolved;
}

describe('readChaosOptions', () => {
  it('defaults: rate 0.001, enabled, Math.random, the system clock, named by kind', () => {
    expect(read({})).toEqual({
      name: undefined,
      clock: systemClock,
      random: mathRandom,
      injectionRate: DEFAULT_INJECTION_RATE,
      enabled: true,
    });
    expect(DEFAULT_INJECTION_RATE).toBe(0.001);
  });

  it('keeps what is given: numbers, switches, functions, clock and random', () => {
    const clock = new VirtualClock();
    const random = seededRandom(1);
    const rate = () => 0.5;
    const enabled = () => true;
    expect(read({ name: 'slow-orders', clock, random, injectionRate: rate, enabled })).toEqual({
      name: 'slow-orders',
      clock,
      random,
      injectionRate: rate,
      enabled,
    });
    expect(read({ injectionRate: 0, enabled: false })).toMatchObject({ injectionRate: 0, enabled: false });
  });

  it('reports every problem with its path', () => {
    expect(
      issuesOf(() =>
        read({ injectionRate: 10, enabled: 'yes', random: Math.random, clock: 5, name: '' }, 'chaos[1]'),
      ),
    ).toEqual([
      'chaos[1].name: expected a non-empty name of at most 200 characters, got ""',
      'chaos[1].clock: expected a Clock (systemClock, a VirtualClock, or { now, setTimeout, clearTimeout }), got 5',
      'chaos[1].random: expected a Random (seededRandom(seed), mathRandom, or { next }), got function random',
      'chaos[1].injectionRate: expected a number from 0 to 1 (0.1 injects into 10% of calls) or a function ({ context }) => number, got 10',
      'chaos[1].enabled: expected true, false or a function ({ context }) => boolean, got "yes"',
    ]);
    expect(issuesOf(() => read({ injectionRate: Number.NaN })).length).toBe(1);
    expect(issuesOf(() => read({ injectionRate: -0.1 })).length).toBe(1);
  });
});

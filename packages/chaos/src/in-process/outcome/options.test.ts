import { describe, expect, it } from 'vitest';
import { resolveChaosOutcomeOptions } from './options.js';
import { issuesOf } from '../test-support/track.js';

describe('resolveChaosOutcomeOptions', () => {
  it('requires the outcome option to be present, even when its value is undefined', () => {
    expect(resolveChaosOutcomeOptions({ outcome: undefined }).outcome).toBeUndefined();
    expect(resolveChaosOutcomeOptions({ outcome: null }).outcome).toBeNull();
    expect(issuesOf(() => resolveChaosOutcomeOptions({ outcom: 1 }, 'chaos'))).toEqual([
      'chaos.outcom: unknown option; did you mean "outcome"? (known: name, clock, random, injectionRate, enabled, outcome)',
      'chaos.outcome: required: the fake result to answer with, or a function ({ context }) => result',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors/index.js';
import { HedgeKernel } from './kernel.js';
import { resolveHedgeOptions, type HedgeOptions } from './options.js';

const kernel = (options: Partial<HedgeOptions> = {}) =>
  new HedgeKernel(resolveHedgeOptions({ delay: 50, ...options }));

describe('HedgeKernel', () => {
  it('numbers attempts from 1 and allows maxHedgedAttempts beyond the first', () => {
    const hedging = kernel({ maxHedgedAttempts: 2 });
    const race = hedging.startRace();
    expect([hedging.launch(race), hedging.launch(race), hedging.launch(race), hedging.launch(race)]).toEqual([
      1, 2, 3, 0,
    ]);
    expect(race).toEqual({ launched: 3, running: 3, over: false });
  });

  it('waits the delay before each further attempt, and says Infinity when none is left', () => {
    const hedging = kernel({ maxHedgedAttempts: 1 });
    const race = hedging.startRace();
    hedging.launch(race);
    expect(hedging.nextDelay(race)).toBe(50);
    hedging.launch(race);
    expect(hedging.nextDelay(race)).toBe(Infinity);
  });

  it('asks a delay function about the attempt to come', () => {
    const asked: number[] = [];
    const hedging = kernel({
      maxHedgedAttempts: 3,
      delay: ({ attempt }) => (asked.push(attempt), attempt === 4 ? Infinity : `${attempt * 10}ms`),
    });
    const race = hedging.startRace();
    const delays = [];
    for (let i = 0; i < 4; i++) {
      hedging.launch(race);
      delays.push(hedging.nextDelay(race));
    }
    expect(delays).toEqual([20, 30, Infinity, Infinity]);
    expect(asked).toEqual([2, 3, 4]);
  });

  it('rejects a delay function’s nonsense with an error that says what was expected', () => {
    const hedging = kernel({ delay: () => 'soon' });
    const race = hedging.startRace();
    hedging.launch(race);
    expect(() => hedging.nextDelay(race)).toThrow(ConfigError);
    expect(() => hedging.nextDelay(race)).toThrow(/delay: expected the delay function to return a duration/);
  });

  it('ends the race with the first success, and ignores what comes after', () => {
    const hedging = kernel();
    const race = hedging.startRace();
    hedging.launch(race);
    hedging.launch(race);
    expect(hedging.succeeded(race)).toBe('resolve');
    expect(race).toEqual({ launched: 2, running: 1, over: true });
    expect(hedging.succeeded(race)).toBe('ignore');
    expect(hedging.failed(race, new Error('late'))).toBe('ignore');
    expect(hedging.launch(race)).toBe(0);
  });

  it('ends the race with an error it does not handle, even with attempts in flight', () => {
    const hedging = kernel({ handle: TypeError, maxHedgedAttempts: 2 });
    const race = hedging.startRace();
    hedging.launch(race);
    hedging.launch(race);
    expect(hedging.failed(race, new RangeError('bad input'))).toBe('reject');
    expect(race.over).toBe(true);
  });

  it('without onFailure, waits out a handled failure while attempts run, then fails with the last', () => {
    const hedging = kernel({ maxHedgedAttempts: 2 });
    const race = hedging.startRace();
    hedging.launch(race);
    hedging.launch(race);
    expect(hedging.failed(race, new Error('first'))).toBe('wait');
    // Nothing is running, and although a third attempt is allowed, a failure does not start it.
    expect(hedging.failed(race, new Error('second'))).toBe('reject');
    expect(race.over).toBe(true);
  });

  it('with onFailure, hedges at once on a handled failure while attempts are left', () => {
    const hedging = kernel({ onFailure: true, maxHedgedAttempts: 1 });
    const race = hedging.startRace();
    hedging.launch(race);
    expect(hedging.failed(race, new Error('first'))).toBe('hedge');
    expect(hedging.launch(race)).toBe(2);
    expect(hedging.failed(race, new Error('second'))).toBe('reject');
  });

  it('with onFailure and no attempt left, waits for those still running', () => {
    const hedging = kernel({ onFailure: true, maxHedgedAttempts: 1 });
    const race = hedging.startRace();
    hedging.launch(race);
    hedging.launch(race);
    expect(hedging.failed(race, new Error('first'))).toBe('wait');
    expect(hedging.succeeded(race)).toBe('resolve');
  });

  it('stops everything once the caller abandons the race', () => {
    const hedging = kernel();
    const race = hedging.startRace();
    hedging.launch(race);
    hedging.abandon(race);
    expect(hedging.launch(race)).toBe(0);
    expect(hedging.nextDelay(race)).toBe(Infinity);
    expect(hedging.succeeded(race)).toBe('ignore');
  });

  it('describes its configuration', () => {
    expect(kernel({ maxHedgedAttempts: 2, onFailure: true }).toJSON()).toEqual({
      delay: 50,
      maxHedgedAttempts: 2,
      onFailure: true,
    });
    expect(kernel({ delay: () => 1 }).toJSON().delay).toBe('function');
  });
});

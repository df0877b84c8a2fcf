import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { RetryBudget } from './budget.js';

function budget(ratio: number, minRetriesPerSecond: number, window = 10_000, clock = new VirtualClock()) {
  return { clock, budget: new RetryBudget({ ratio, minRetriesPerSecond, window }, clock) };
}

function withdrawAll(b: RetryBudget): number {
  let taken = 0;
  while (b.tryWithdraw()) taken++;
  return taken;
}

describe('RetryBudget', () => {
  it('allows ratio × first attempts', () => {
    const { budget: b } = budget(0.2, 0);
    for (let i = 0; i < 100; i++) b.deposit();
    expect(b.available).toBe(20);
    expect(withdrawAll(b)).toBe(20);
    expect(b.available).toBe(0);
    expect(b.counts).toEqual({ firstAttempts: 100, retries: 20 });
  });

  it('always allows minRetriesPerSecond × window seconds, even with no traffic', () => {
    const { budget: b } = budget(0.2, 10, 2_000);
    expect(withdrawAll(b)).toBe(20);
    b.deposit();
    b.deposit();
    b.deposit();
    b.deposit();
    b.deposit();
    expect(withdrawAll(b)).toBe(1);
  });

  it('forgets what falls out of the sliding window, one tenth at a time', () => {
    const { clock, budget: b } = budget(1, 0, 10_000);
    for (let i = 0; i < 10; i++) b.deposit();
    clock.advance(5_000);
    for (let i = 0; i < 10; i++) b.deposit();
    expect(withdrawAll(b)).toBe(20);
    clock.advance(4_999);
    expect(b.counts).toEqual({ firstAttempts: 20, retries: 20 });
    // The slice holding t=0 leaves the window at t=10s; the retries taken at 5s stay.
    clock.advance(1);
    expect(b.counts).toEqual({ firstAttempts: 10, retries: 20 });
    expect(b.tryWithdraw()).toBe(false);
    clock.advance(5_000);
    expect(b.counts).toEqual({ firstAttempts: 0, retries: 0 });
    b.deposit();
    expect(b.tryWithdraw()).toBe(true);
  });

  it('clears everything after an idle gap longer than the window', () => {
    const { clock, budget: b } = budget(0.5, 0, 1_000);
    for (let i = 0; i < 4; i++) b.deposit();
    expect(withdrawAll(b)).toBe(2);
    clock.advance(60_000);
    expect(b.counts).toEqual({ firstAttempts: 0, retries: 0 });
    expect(b.tryWithdraw()).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { TimeoutError } from '../../errors/index.js';
import { TimeoutKernel } from './kernel.js';
import { resolveTimeoutOptions } from './options.js';

function kernel(options: object) {
  const clock = new VirtualClock(1000);
  return { clock, kernel: new TimeoutKernel(resolveTimeoutOptions({ clock, ...options })) };
}

describe('TimeoutKernel', () => {
  it('puts the deadline one duration after the start', () => {
    const { clock, kernel: timeout } = kernel({ duration: '250ms' });
    expect(timeout.deadlineFor(40)).toBe(290);
    expect(timeout.deadline()).toBe(1250);
    clock.advance(100);
    expect(timeout.deadline()).toBe(1350);
  });

  it('says a deadline has passed from the moment the clock reaches it', () => {
    const { clock, kernel: timeout } = kernel({ duration: 100 });
    const deadline = timeout.deadline();
    expect(timeout.isPast(deadline)).toBe(false);
    clock.advance(99);
    expect(timeout.isPast(deadline)).toBe(false);
    clock.advance(1);
    expect(timeout.isPast(deadline)).toBe(true);
    expect(timeout.isPast(deadline, 0)).toBe(false);
  });

  it('answers at the deadline only when aggressive', () => {
    expect(kernel({ duration: 1 }).kernel.answersAtDeadline).toBe(false);
    expect(kernel({ duration: 1, strategy: 'aggressive' }).kernel.answersAtDeadline).toBe(true);
  });

  it('builds the TimeoutError a timed-out call rejects with, keeping the cause', () => {
    const { kernel: timeout } = kernel({ duration: '2s' });
    const plain = timeout.timeoutError();
    expect(plain).toBeInstanceOf(TimeoutError);
    expect(plain.timeoutMs).toBe(2000);
    expect(plain.code).toBe('timeout');
    expect('cause' in plain).toBe(false);
    const cause = new Error('socket hang up');
    expect(timeout.timeoutError(cause).cause).toBe(cause);
    expect(timeout.toJSON()).toEqual({ duration: 2000, strategy: 'cooperative' });
  });
});

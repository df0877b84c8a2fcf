import { describe, expect, it } from 'vitest';
import { Issues, readChoice, readDuration, readNumber, readObject } from './validate.js';

describe('validation kit', () => {
  it('names the path, what was expected, and what was given', () => {
    const issues = new Issues();
    const record = readObject(
      { maxAttempts: 0, timeout: '5', mode: 'fast', extra: 1 },
      'calls[0].retry',
      issues,
      ['maxAttempts', 'timeout', 'mode'],
    )!;
    readNumber(record, 'maxAttempts', 'calls[0].retry', issues, 3, { min: 1, integer: true });
    readDuration(record, 'timeout', 'calls[0].retry', issues, 0);
    readChoice(record, 'mode', 'calls[0].retry', issues, ['cooperative', 'aggressive'], 'cooperative');
    expect(issues.list.map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'calls[0].retry.extra: unknown option (known: maxAttempts, timeout, mode)',
      'calls[0].retry.maxAttempts: expected a whole number ≥ 1, got 0',
      'calls[0].retry.timeout: expected a duration like "250ms", got "5"',
      'calls[0].retry.mode: expected one of "cooperative", "aggressive", got "fast"',
    ]);
    expect(() => issues.throwIfAny()).toThrow(/calls\[0\]\.retry\.extra/);
  });

  it('rejects non-objects', () => {
    const issues = new Issues();
    expect(readObject([1], 'x', issues, [])).toBeUndefined();
    expect(issues.list[0]).toEqual({ path: 'x', message: 'expected an object, got an array' });
  });
});

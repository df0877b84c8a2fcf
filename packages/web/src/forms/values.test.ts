import { describe, expect, it } from 'vitest';
import { checkObject, checkValue, durationMs, valueFromInput } from './values.js';
import { policySchemas } from './schemas.js';

describe('durationMs', () => {
  it('reads the design file’s durations', () => {
    expect(durationMs(250)).toBe(250);
    expect(durationMs('250ms')).toBe(250);
    expect(durationMs('2s')).toBe(2000);
    expect(durationMs('1m')).toBe(60_000);
    expect(durationMs('500us')).toBe(0.5);
  });
  it('refuses a string without a unit, as the design file does', () => {
    expect(durationMs('5')).toBeUndefined();
    expect(durationMs('fast')).toBeUndefined();
  });
});

describe('checkValue', () => {
  it('words problems as the server does', () => {
    expect(checkValue({ format: 'duration' }, 'fast')).toBe(
      'expected a duration like "250ms" or "2s", got "fast"',
    );
    expect(checkValue({ type: 'integer', minimum: 1 }, 0)).toBe('expected a number ≥ 1, got 0');
    expect(checkValue({ type: 'integer' }, 1.5)).toBe('expected a whole number, got 1.5');
    expect(checkValue({ type: 'number', maximum: 1 }, 2)).toBe('expected a number ≤ 1, got 2');
  });
  it('accepts what is valid and what is not set', () => {
    expect(checkValue({ format: 'duration' }, '2s')).toBeUndefined();
    expect(checkValue({ type: 'integer', minimum: 1 }, undefined)).toBeUndefined();
  });
});

describe('checkObject', () => {
  it('names required fields and nested paths', () => {
    expect(checkObject(policySchemas['bulkhead']!, {})).toEqual({ maxConcurrent: 'required, but missing' });
    expect(checkObject(policySchemas['retry']!, { backoff: { initial: 'soon' } })).toEqual({
      'backoff.initial': 'expected a duration like "250ms" or "2s", got "soon"',
    });
  });
});

describe('valueFromInput', () => {
  it('keeps a bare number of ms as a number and a duration with a unit as text', () => {
    expect(valueFromInput({ format: 'duration' }, '250')).toBe(250);
    expect(valueFromInput({ format: 'duration' }, '2s')).toBe('2s');
    expect(valueFromInput({ type: 'integer' }, '')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { Issues } from '../config/validate.js';
import { BrokenCircuitError, TimeoutError } from '../errors/index.js';
import { isErrorClass, readErrorFilter } from './outcome.js';

describe('handle filters', () => {
  it('tells Error classes from predicates', () => {
    expect(isErrorClass(Error)).toBe(true);
    expect(isErrorClass(TypeError)).toBe(true);
    expect(isErrorClass(BrokenCircuitError)).toBe(true);
    expect(isErrorClass(() => true)).toBe(false);
    expect(isErrorClass(function named() {})).toBe(false);
    expect(isErrorClass(class Plain {})).toBe(false);
  });

  it('compiles a class, a list of classes or a predicate into one predicate', () => {
    const issues = new Issues();
    const single = readErrorFilter({ handle: TimeoutError }, 'handle', '', issues)!;
    const list = readErrorFilter({ handle: [TimeoutError, BrokenCircuitError] }, 'handle', '', issues)!;
    const predicate = readErrorFilter({ handle: (e: unknown) => e === 'x' }, 'handle', '', issues)!;
    expect(issues.ok).toBe(true);
    expect([single(new TimeoutError(1)), single(new BrokenCircuitError()), single('x')]).toEqual([
      true,
      false,
      false,
    ]);
    expect([list(new TimeoutError(1)), list(new BrokenCircuitError()), list(new Error())]).toEqual([
      true,
      true,
      false,
    ]);
    expect([predicate('x'), predicate('y')]).toEqual([true, false]);
  });
});

import { DesignError, formatIssue } from '../errors.js';
import { parseDesign, type ParseOptions } from '../parse.js';

/** The smallest valid design, to which a test adds the part it is about. */
export function design(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'test',
    services: { gateway: { calls: [{ to: 'orders' }] }, orders: {} },
    workload: [{ target: 'gateway', rate: 10 }],
    ...overrides,
  };
}

/** The errors parseDesign reports for `input`, as `path: message`; fails if it accepts it. */
export function errorsOf(input: unknown, options?: ParseOptions): string[] {
  return rejected(() => parseDesign(input, options)).issues.map(formatIssue);
}

/** The DesignError that `run` throws; fails the test if it throws nothing or something else. */
export function rejected(run: () => unknown): DesignError {
  try {
    run();
  } catch (error) {
    if (error instanceof DesignError) return error;
    throw error;
  }
  throw new Error('expected a DesignError, but the design was accepted');
}

/** The warnings of a design that is valid, as `path: message`. */
export function warningsOf(input: unknown, options?: ParseOptions): string[] {
  return parseDesign(input, options).warnings.map(formatIssue);
}

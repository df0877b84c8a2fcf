import { Issues, childPath, describe, readObject } from '@faultline/core';
import {
  CHAOS_OPTION_KEYS,
  readChaosOptions,
  type ChaosArgs,
  type ChaosOptions,
  type ResolvedChaosOptions,
} from '../injection/options.js';

/** Makes the error for one chosen call; undefined injects nothing and the call runs (as in Polly). */
export type FaultFunction = (args: ChaosArgs) => Error | undefined;

export interface ChaosFaultOptions extends ChaosOptions {
  /** What a chosen call fails with: an Error (thrown as it is, every time), or a function making one per call. */
  fault: Error | FaultFunction;
}

export interface ResolvedChaosFaultOptions extends ResolvedChaosOptions {
  readonly fault: Error | FaultFunction;
}

const KNOWN = [...CHAOS_OPTION_KEYS, 'fault'] as const;

/** Reads fault chaos options into `issues`; see {@link resolveChaosFaultOptions}. */
export function readChaosFaultOptions(
  options: unknown,
  path: string,
  issues: Issues,
): ResolvedChaosFaultOptions {
  const record = readObject(options ?? {}, path, issues, KNOWN) ?? {};
  const common = readChaosOptions(record, path, issues, 'chaosFault');
  const value = record.fault;
  if (value instanceof Error || typeof value === 'function')
    return { ...common, fault: value as Error | FaultFunction };
  issues.add(
    childPath(path, 'fault'),
    value === undefined
      ? 'required: an Error to throw, or a function ({ context }) => Error | undefined'
      : `expected an Error or a function ({ context }) => Error | undefined, got ${describe(value)}`,
  );
  return { ...common, fault: placeholder };
}

/**
 * Validates fault chaos options, from code or config (where `path` names the place), and throws
 * one ConfigError listing every problem.
 */
export function resolveChaosFaultOptions(options: unknown, path = ''): ResolvedChaosFaultOptions {
  const issues = new Issues();
  const resolved = readChaosFaultOptions(options, path, issues);
  issues.throwIfAny();
  return resolved;
}

// Never thrown: options with a missing fault are reported, not built.
const placeholder = new Error('no fault configured');

import { Issues, childPath, describe, readObject } from '@faultline/core';
import {
  CHAOS_OPTION_KEYS,
  readChaosOptions,
  type ChaosArgs,
  type ChaosOptions,
  type ResolvedChaosOptions,
} from '../injection/options.js';

/**
 * The side effect run before a chosen call: restart a container, fill a disk, drop a cache.
 * Awaited before the call runs; it gets the call's signal, so a long one can stop early.
 */
export type BehaviorFunction = (args: ChaosArgs) => void | PromiseLike<void>;

export interface ChaosBehaviorOptions extends ChaosOptions {
  behavior: BehaviorFunction;
}

export interface ResolvedChaosBehaviorOptions extends ResolvedChaosOptions {
  readonly behavior: BehaviorFunction;
}

const KNOWN = [...CHAOS_OPTION_KEYS, 'behavior'] as const;

/** Reads behavior chaos options into `issues`; see {@link resolveChaosBehaviorOptions}. */
export function readChaosBehaviorOptions(
  options: unknown,
  path: string,
  issues: Issues,
): ResolvedChaosBehaviorOptions {
  const record = readObject(options ?? {}, path, issues, KNOWN) ?? {};
  const common = readChaosOptions(record, path, issues, 'chaosBehavior');
  const value = record.behavior;
  if (typeof value === 'function') return { ...common, behavior: value as BehaviorFunction };
  issues.add(
    childPath(path, 'behavior'),
    value === undefined
      ? 'required: a function ({ context }) => void | Promise<void> to run before chosen calls (behaviors are code only)'
      : `expected a function ({ context }) => void | Promise<void>, got ${describe(value)}`,
  );
  return { ...common, behavior: noop };
}

/**
 * Validates behavior chaos options (code only: a behavior is a function) and throws one
 * ConfigError listing every problem.
 */
export function resolveChaosBehaviorOptions(options: unknown, path = ''): ResolvedChaosBehaviorOptions {
  const issues = new Issues();
  const resolved = readChaosBehaviorOptions(options, path, issues);
  issues.throwIfAny();
  return resolved;
}

function noop(): void {}

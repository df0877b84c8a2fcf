import { Issues, childPath, readObject } from '@faultline/core';
import {
  CHAOS_OPTION_KEYS,
  readChaosOptions,
  type ChaosArgs,
  type ChaosOptions,
  type ResolvedChaosOptions,
} from '../injection/options.js';

/** Makes the fake result of one chosen call; may return a promise. */
export type OutcomeFunction<R> = (args: ChaosArgs) => R | PromiseLike<R>;

export interface ChaosOutcomeOptions<R = unknown> extends ChaosOptions {
  /**
   * What a chosen call resolves with instead of running: a value (any value, undefined too), or
   * a function making one per call. A function is always called, never returned as the result.
   */
  outcome: R | OutcomeFunction<R>;
}

export interface ResolvedChaosOutcomeOptions<R = unknown> extends ResolvedChaosOptions {
  readonly outcome: R | OutcomeFunction<R>;
}

const KNOWN = [...CHAOS_OPTION_KEYS, 'outcome'] as const;

/** Reads outcome chaos options into `issues`; see {@link resolveChaosOutcomeOptions}. */
export function readChaosOutcomeOptions<R>(
  options: unknown,
  path: string,
  issues: Issues,
): ResolvedChaosOutcomeOptions<R> {
  const record = readObject(options ?? {}, path, issues, KNOWN) ?? {};
  const common = readChaosOptions(record, path, issues, 'chaosOutcome');
  // Presence, not value: `outcome: undefined` is a legitimate fake result.
  if (!('outcome' in record))
    issues.add(
      childPath(path, 'outcome'),
      'required: the fake result to answer with, or a function ({ context }) => result',
    );
  return { ...common, outcome: record.outcome as R };
}

/**
 * Validates outcome chaos options, from code or config (where `path` names the place), and
 * throws one ConfigError listing every problem.
 */
export function resolveChaosOutcomeOptions<R>(options: unknown, path = ''): ResolvedChaosOutcomeOptions<R> {
  const issues = new Issues();
  const resolved = readChaosOutcomeOptions<R>(options, path, issues);
  issues.throwIfAny();
  return resolved;
}
